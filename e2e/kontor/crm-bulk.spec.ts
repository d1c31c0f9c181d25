import { expect, test } from '@playwright/test';
import {
  expectWorkspace,
  installThroughWizard,
  kontorFrame,
  startKontorPortal,
  type KontorPortal,
} from '../support/kontor.ts';

// Bulk actions in the workspace's deals list, checked over REST: 120 deals moved to another stage in
// batches of 50, with the result of every record on screen.
let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());

const PREFIX = 'Bulk';
const COUNT = 120;

interface Deal {
  id: number;
  title: string;
  stageId: string;
}

/** `method?query` as a batch command (PHP-style nested keys). */
function command(method: string, params: Record<string, string | number>): string {
  return `${method}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
}

/** Adds deals over the webhook, 50 per batch: `Bulk 001` … `Bulk 120`, all in the general pipeline. */
async function addDeals(prefix = PREFIX, count = COUNT): Promise<void> {
  for (let start = 0; start < count; start += 50) {
    const cmd: Record<string, string> = {};
    for (let i = start; i < Math.min(count, start + 50); i++)
      cmd[`d${i}`] = command('crm.item.add', {
        entityTypeId: 2,
        'fields[title]': `${prefix} ${String(i + 1).padStart(3, '0')}`,
        'fields[categoryId]': 0,
        'fields[stageId]': 'NEW',
      });
    const res = await portal.rest('batch', { halt: 0, cmd });
    expect(res.status).toBe(200);
    const errors = (res.body.result as { result_error: Record<string, unknown> | unknown[] }).result_error;
    expect(Array.isArray(errors) ? errors : Object.keys(errors)).toEqual([]);
  }
}

/** Every deal whose title holds the prefix, as the portal has it now. */
async function bulkDeals(prefix = PREFIX): Promise<Deal[]> {
  const out: Deal[] = [];
  for (let last = 0; ;) {
    const res = await portal.rest('crm.item.list', {
      entityTypeId: 2,
      select: ['id', 'title', 'stageId'],
      filter: { '%title': `${prefix} `, '>id': last },
      order: { id: 'ASC' },
      start: -1,
    });
    const page = (res.body.result as { items: Deal[] }).items;
    out.push(...page);
    if (page.length < 50) return out;
    last = page[page.length - 1]!.id;
  }
}

test('bulk change of 120 deals', async ({ page }) => {
  await addDeals();
  const before = await bulkDeals();
  expect(before).toHaveLength(COUNT);
  expect(before.every((d) => d.stageId === 'NEW')).toBe(true);
  const [target] = (
    await portal.rest('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'EXECUTING' } })
  ).body.result as { NAME: string }[];
  expect(target).toBeDefined();

  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await expectWorkspace(app);

  // The deals list (the workspace's first resource), narrowed to the new deals by the quick search.
  await app.getByLabel('Search', { exact: true }).fill(PREFIX);
  await expect(app.getByText(`Records: ${COUNT}`)).toBeVisible();
  await app.getByRole('checkbox', { name: 'Select all loaded records' }).check();
  const toolbar = app.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(toolbar).toContainText(`Selected: ${COUNT}`);

  await portal.control('log', undefined, 'DELETE');
  await toolbar.getByRole('button', { name: 'Change stage' }).click();
  const dialog = app.getByRole('dialog', { name: 'Change stage' });
  await dialog.getByRole('combobox', { name: 'Stage' }).click();
  await app.getByRole('option', { name: target!.NAME, exact: true }).click();
  await dialog.getByRole('button', { name: `Apply to the selected (${COUNT})` }).click();

  await expect(dialog.getByText(`${COUNT} changed, 0 failed, 0 not attempted`)).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByText('Every record was changed.')).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Results' }).getByText('Changed', { exact: true })).toHaveCount(COUNT);

  // Over REST: every one of the 120 moved, and the writes went out as 3 batch requests (50 + 50 + 20).
  const after = await bulkDeals();
  expect(after).toHaveLength(COUNT);
  expect(after.filter((d) => d.stageId !== 'EXECUTING')).toEqual([]);
  const log = (await portal.control('log')) as { method: string; batch?: string[] }[];
  const writes = log.filter((e) => e.batch?.includes('crm.item.update'));
  expect(writes.map((e) => e.batch!.length)).toEqual([50, 50, 20]);
  expect(writes.every((e) => e.batch!.every((m) => m === 'crm.item.update'))).toBe(true);

  // Closing the finished run clears the selection; the list shows the new stage.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(toolbar).toHaveCount(0);
  await expect(app.getByRole('grid').getByText(target!.NAME).first()).toBeVisible();
});

test('bulk delete: the confirmation says it cannot be undone, and the results stay until closed', async ({ page }) => {
  await addDeals('Tidy', 60);
  expect(await bulkDeals('Tidy')).toHaveLength(60);

  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await expectWorkspace(app);
  await app.getByLabel('Search', { exact: true }).fill('Tidy');
  await expect(app.getByText('Records: 60')).toBeVisible();
  await app.getByRole('checkbox', { name: 'Select all loaded records' }).check();
  await app.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();

  const dialog = app.getByRole('dialog', { name: 'Delete' });
  await expect(dialog).toContainText('This cannot be undone.');
  await dialog.getByRole('button', { name: 'Delete (60)' }).click();
  // The deleted rows leave the list behind the dialog; the dialog and its results stay until closed.
  await expect(dialog.getByText('60 deleted, 0 failed, 0 not attempted')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('table', { name: 'Results' }).getByText('Deleted', { exact: true })).toHaveCount(60);
  expect(await bulkDeals('Tidy')).toEqual([]);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByRole('toolbar', { name: 'Bulk actions' })).toHaveCount(0);
});
