import { readFileSync } from 'node:fs';
import { expect, test, type FrameLocator, type Locator } from '@playwright/test';
import {
  installThroughWizard,
  kontorFrame,
  openKontorTab,
  startKontorPortal,
  type KontorPortal,
} from '../support/kontor.ts';

// Custom data in the workspace, checked over REST: a storage with a CRM-item property, an item that
// references a deal (and shows on the deal's Kontor tab), CSV export and import.
let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());

type Item = { ID: string; NAME: string; PROPERTY_VALUES?: Record<string, string | null> };

async function appRest<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
  const res = await portal.appRest(method, params);
  expect(res.status, `${method}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.result as T;
}

/** Picks an option of a Mantine Select (the open dropdown's options). */
async function choose(app: FrameLocator, input: Locator, option: string) {
  await input.click();
  await app.getByRole('option', { name: option, exact: true }).click();
}

test('custom data: a storage with a CRM item, on the deal card, CSV out and back in', async ({ page }) => {
  const deal = await portal.rest('crm.item.add', { entityTypeId: 2, fields: { title: 'Harbour crane' } });
  const dealId = (deal.body.result as { item: { id: number } }).item.id;

  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await app.getByRole('navigation', { name: 'Kontor' }).getByRole('button', { name: 'Custom data' }).click();
  await expect(app.getByText('No storages yet')).toBeVisible();

  // A storage with a CRM item and a date property.
  await app.getByRole('button', { name: 'New storage' }).click();
  const create = app.getByRole('dialog', { name: 'New storage' });
  await create.getByRole('textbox', { name: 'Name', exact: true }).fill('Inspections');
  await expect(create.getByRole('textbox', { name: 'Code', exact: true })).toHaveValue('inspections');
  await create.getByRole('textbox', { name: 'Code of property 1' }).fill('deal');
  await create.getByRole('textbox', { name: 'Name of property 1' }).fill('Deal');
  await choose(app, create.getByRole('combobox', { name: 'Type of property 1' }), 'CRM item');
  await create.getByRole('button', { name: 'Add property' }).click();
  await create.getByRole('textbox', { name: 'Code of property 2' }).fill('checked');
  await create.getByRole('textbox', { name: 'Name of property 2' }).fill('Checked on');
  await choose(app, create.getByRole('combobox', { name: 'Type of property 2' }), 'Date');
  await create.getByRole('button', { name: 'Create storage' }).click();
  await expect(app.getByRole('heading', { name: 'Inspections' })).toBeVisible();
  await expect(app.getByText('On CRM cards via deal')).toBeVisible();
  const registry = JSON.parse(await appRest<string>('app.option.get', { option: 'kontor.storages' })) as unknown[];
  expect(registry).toEqual([
    {
      entity: 'inspections',
      title: 'Inspections',
      crmProperty: 'deal',
      properties: [
        { code: 'deal', type: 'crm' },
        { code: 'checked', type: 'date' },
      ],
    },
  ]);

  // An item that references the deal, found by the picker's search.
  await app.getByRole('button', { name: 'New item' }).click();
  const form = app.getByRole('dialog', { name: 'New item' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Crane inspection');
  await form.getByRole('combobox', { name: 'Deal (deal)' }).fill('Harbour');
  await app.getByRole('option', { name: `Harbour crane (D_${dealId})` }).click();
  await form.getByLabel('Checked on (checked)').fill('2026-05-04');
  await form.getByRole('button', { name: 'Create item' }).click();
  const grid = app.getByRole('grid', { name: 'Items of Inspections' });
  await expect(grid.getByText('Crane inspection')).toBeVisible();
  await expect(grid.getByText(`Harbour crane (D_${dealId})`)).toBeVisible();
  const [stored] = await appRest<Item[]>('entity.item.get', { ENTITY: 'inspections' });
  expect(stored).toMatchObject({
    NAME: 'Crane inspection',
    PROPERTY_VALUES: { deal: `D_${dealId}`, checked: '2026-05-04' },
  });
  // Export: NAME and the property codes, the values as stored.
  const downloading = page.waitForEvent('download');
  await app.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('inspections.csv');
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  expect(csv.split('\r\n')).toEqual(['NAME,deal,checked', `Crane inspection,D_${dealId},2026-05-04`]);

  // A bad file is refused with line, column and value; nothing is written.
  await app.getByRole('button', { name: 'Import CSV' }).click();
  const importer = app.getByRole('dialog', { name: 'Import CSV into “Inspections”' });
  await importer.locator('input[type="file"]').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${csv}\r\nSecond inspection,D_${dealId},04.05.2026\r\n`),
  });
  const problems = importer.getByRole('table', { name: 'Problems by line' });
  await expect(problems.getByRole('row').nth(1)).toHaveText(/3checked04\.05\.2026Not a date/);
  await expect(importer.getByText('Nothing was imported')).toBeVisible();

  // The exported file with one more line imports; the portal has both items.
  await importer.locator('input[type="file"]').setInputFiles({
    name: 'good.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${csv}\r\nSecond inspection,D_${dealId},2026-05-11\r\n`),
  });
  await expect(importer.getByText('The file is fine: items to import: 2.')).toBeVisible();
  await importer.getByRole('button', { name: 'Start import (2)' }).click();
  await expect(importer.getByText('Items imported: 2')).toBeVisible();
  await importer.getByRole('button', { name: 'Close' }).click();
  await expect(app.getByText('Items: 3')).toBeVisible();
  const all = await appRest<Item[]>('entity.item.get', { ENTITY: 'inspections', SORT: { ID: 'ASC' } });
  expect(all.map((i) => [i.NAME, i.PROPERTY_VALUES?.checked])).toEqual([
    ['Crane inspection', '2026-05-04'],
    ['Crane inspection', '2026-05-04'],
    ['Second inspection', '2026-05-11'],
  ]);

  // The deal's Kontor tab lists the items that reference it.
  const tab = await openKontorTab(page, portal, `/crm/deal/details/${dealId}/`, 'CRM_DEAL_DETAIL_TAB');
  const section = tab.getByRole('region', { name: 'Inspections' });
  await expect(section.getByText('Second inspection')).toBeVisible();
  await expect(section.getByText('Crane inspection')).toHaveCount(2);
  await expect(section).toContainText('checked: 2026-05-11');
});
