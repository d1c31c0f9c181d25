import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installThroughWizard, kontorFrame, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// The workspace's Currency rates and Product catalog screens in the sandbox portal, driven like a user does:
// an ECB rates file and an ERP catalog export are uploaded, dry-run, applied, and the portal checked over REST;
// then the webshop feed is downloaded.
const FEEDS = join(import.meta.dirname, '..', 'fixtures', 'feeds');

let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());
test.describe.configure({ mode: 'serial' });

/** Kontor's workspace from the left menu → a section by its nav entry. */
async function openSection(page: Page, name: string): Promise<FrameLocator> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await app.getByRole('navigation', { name: 'Kontor' }).getByRole('button', { name }).click();
  await expect(app.getByRole('heading', { level: 2, name })).toBeVisible();
  return app;
}

async function rest<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
  const res = await portal.rest(method, params);
  expect(res.status, `${method}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.result as T;
}

test('currency rates: ECB file → dry run → add JPY → apply; rates checked over REST', async ({ page }) => {
  const app = await openSection(page, 'Currency rates');
  await expect(app.getByText('Base currency: DKK')).toBeVisible();
  await app.locator('input[type="file"]').setInputFiles(join(FEEDS, 'ecb-daily.xml'));

  const rates = app.getByRole('table', { name: 'Rates: old and new' });
  await expect(rates.locator('tr[data-currency="USD"] td').nth(3)).toHaveText('6.9256');
  await expect(rates.locator('tr[data-currency="SEK"] td').nth(1)).toHaveText('100');
  const missing = app.getByRole('table', { name: 'Currencies the portal does not have' });
  await missing.getByRole('button', { name: 'Add JPY' }).click();
  await expect(app.getByText('Currencies to write in one batch: 6')).toBeVisible();
  expect((await rest<{ AMOUNT: string }>('crm.currency.get', { id: 'USD' })).AMOUNT).toBe('6.4312');

  await app.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(
    app.getByRole('region', { name: 'Result of the run' }).getByText('Everything was written.'),
  ).toBeVisible();
  expect(await rest('crm.currency.get', { id: 'USD' })).toMatchObject({ AMOUNT: '6.9256', AMOUNT_CNT: '1' });
  expect(await rest('crm.currency.get', { id: 'SEK' })).toMatchObject({ AMOUNT: '64.2326', AMOUNT_CNT: '100' });
  expect(await rest('crm.currency.get', { id: 'JPY' })).toMatchObject({ AMOUNT: '4.4473', AMOUNT_CNT: '100' });
  // Logged in Kontor's run log.
  await expect(
    app.getByRole('table', { name: 'Run log' }).getByText('Updated: 5 · added: 1 · failed: 0'),
  ).toBeVisible();
});

test('product catalog: profile → upload CSV → map → dry run → apply; products checked over REST', async ({ page }) => {
  const app = await openSection(page, 'Product catalog');
  await app.getByRole('button', { name: 'New profile' }).click();
  const dialog = app.getByRole('dialog', { name: 'New sync profile' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('ERP');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog).toBeHidden();

  await app.locator('input[type="file"]').setInputFiles(join(FEEDS, 'catalog-small.csv'));
  await expect(app.getByText('Rows: 3 · columns: 7')).toBeVisible();
  await app.getByRole('combobox', { name: 'Product field for Artikelnr' }).click();
  await app.getByRole('option', { name: 'External ID' }).click();
  await app.getByRole('button', { name: 'Dry run', exact: true }).click();

  const plan = app.getByRole('list', { name: 'Planned changes' });
  await expect(plan.locator('[data-action="create"]')).toContainText('3');
  const table = app.getByRole('table', { name: 'Planned changes per product' });
  await expect(table.locator('[data-external-id="DESK-100"]')).toContainText('Price: 4,995');

  await app.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(
    app.getByRole('region', { name: 'Result of the run' }).getByText('Everything was written.'),
  ).toBeVisible();

  const { products } = await rest<{ products: { id: number; xmlId: string; name: string; quantity: number }[] }>(
    'catalog.product.list',
    {
      select: ['id', 'iblockId', 'xmlId', 'name', 'quantity'],
      filter: { iblockId: await catalogId(), xmlId: ['DESK-100', 'CHAIR-200', 'LAMP-300'] },
    },
  );
  expect(products.map((p) => [p.xmlId, p.name, p.quantity]).sort()).toEqual([
    ['CHAIR-200', 'Ergonomic chair', 30],
    ['DESK-100', 'Standing desk', 12],
    ['LAMP-300', 'Desk lamp', 100],
  ]);
  const desk = products.find((p) => p.xmlId === 'DESK-100')!;
  const { prices } = await rest<{ prices: { price: number; currency: string }[] }>('catalog.price.list', {
    filter: { productId: desk.id },
  });
  expect(prices[0]).toMatchObject({ price: 4995, currency: 'DKK' });
});

test('webshop feed: downloads kontor-catalog.json with the synced products', async ({ page }) => {
  const app = await openSection(page, 'Product catalog');
  await app.getByRole('tab', { name: 'Webshop feed' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    app.getByRole('button', { name: 'Download kontor-catalog.json' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('kontor-catalog.json');
  const body = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    currency: string;
    products: { externalId: string; price: number | null; section: string }[];
  };
  expect(body.currency).toBe('DKK');
  expect(body.products.find((p) => p.externalId === 'DESK-100')).toMatchObject({
    price: 4995,
    section: 'Office/Desks',
  });
});

async function catalogId(): Promise<number> {
  const { catalogs } = await rest<{ catalogs: { iblockId: number; productIblockId: number | null }[] }>(
    'catalog.catalog.list',
    { select: ['id', 'iblockId', 'productIblockId'] },
  );
  return catalogs.find((c) => !c.productIblockId)!.iblockId;
}
