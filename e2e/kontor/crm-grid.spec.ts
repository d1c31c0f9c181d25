import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { installThroughWizard, kontorFrame, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// The workspace's CRM list: filter, sort, search and columns on the deals of the demo portal, every result
// checked against what the portal itself answers over REST. One installed portal for the whole file.
let portal: KontorPortal;
let deals: Deal[];

interface Deal {
  id: number;
  title: string;
  stageId: string;
  categoryId: number;
  opportunity: number;
}

const COLUMNS_OPTION = 'kontor.grid.deals.columns';

test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
  deals = [];
  for (let start = 0; ; start += 50) {
    const res = await portal.rest('crm.item.list', {
      entityTypeId: 2,
      select: ['id', 'title', 'stageId', 'categoryId', 'opportunity'],
      order: { id: 'DESC' },
      start,
    });
    const items = (res.body.result as { items: Deal[] }).items;
    deals.push(...items);
    if (items.length < 50) break;
  }
});
test.afterAll(async () => portal.close());

/** The workspace (left-menu page) with the deals grid fully loaded. */
async function openDeals(page: Page): Promise<{ app: FrameLocator; grid: ReturnType<FrameLocator['getByRole']> }> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  const grid = app.getByRole('grid', { name: 'Deals' });
  await expect(grid).toBeVisible();
  await expect(app.getByText(`Records: ${deals.length}`, { exact: true })).toBeVisible();
  return { app, grid };
}

/** The titles of the rows in view, top to bottom. */
function titles(grid: ReturnType<FrameLocator['getByRole']>): Promise<string[]> {
  return grid.getByRole('button', { name: /^Open / }).allTextContents();
}

test('deals filtered by stage and amount are exactly the ones the portal matches, and a title opens the deal', async ({
  page,
}) => {
  // The General pipeline's busiest stage, and an amount range that keeps part of it.
  const general = deals.filter((d) => d.categoryId === 0);
  const counts = new Map<string, number>();
  for (const d of general) counts.set(d.stageId, (counts.get(d.stageId) ?? 0) + 1);
  const stageId = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const [stage] = (await portal.rest('crm.status.list', { filter: { STATUS_ID: stageId } })).body.result as {
    NAME: string;
  }[];
  const amounts = general
    .filter((d) => d.stageId === stageId)
    .map((d) => d.opportunity)
    .sort((a, b) => a - b);
  const [from, to] = [amounts[0]!, amounts[Math.max(0, amounts.length - 2)]!];
  const portalMatch = (
    await portal.rest('crm.item.list', {
      entityTypeId: 2,
      select: ['id', 'title'],
      filter: { '@stageId': [stageId], '>=opportunity': from, '<=opportunity': to },
    })
  ).body.result as { items: { id: number; title: string }[] };
  expect(portalMatch.items.length).toBeGreaterThan(0);

  const { app, grid } = await openDeals(page);
  await app.getByRole('button', { name: 'Filters' }).click();
  await app.getByRole('combobox', { name: 'Stage' }).click();
  await app.getByRole('group', { name: 'General' }).getByRole('option', { name: stage!.NAME }).click();
  await app.getByRole('combobox', { name: 'Stage' }).press('Escape');
  await app.getByLabel('Amount from').fill(String(from));
  await app.getByLabel('Amount to').fill(String(to));

  await expect(app.getByText(`Records: ${portalMatch.items.length}`, { exact: true })).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', String(portalMatch.items.length + 1));
  expect((await titles(grid)).sort()).toEqual(portalMatch.items.map((d) => d.title).sort());
  await expect(app.getByRole('button', { name: 'Filters (2)' })).toBeVisible();

  // list → filter → open: the title hands the id to the record view.
  const first = [...portalMatch.items].sort((a, b) => b.id - a.id)[0]!;
  await grid.getByRole('button', { name: `Open ${first.title}` }).click();
  await expect(grid).toBeHidden();
  await expect(app.locator('main')).toContainText(new RegExp(`${escape(first.title)}|\\b${first.id}\\b`));
});

test('a column header sorts the whole list on the portal, ascending then descending', async ({ page }) => {
  const { grid } = await openDeals(page);
  const header = grid.getByRole('columnheader', { name: 'Amount' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const ascending = [...deals].sort((a, b) => a.opportunity - b.opportunity || a.id - b.id);
  await expect.poll(async () => (await titles(grid)).slice(0, 5)).toEqual(ascending.slice(0, 5).map((d) => d.title));

  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const descending = [...deals].sort((a, b) => b.opportunity - a.opportunity || b.id - a.id);
  await expect.poll(async () => (await titles(grid)).slice(0, 5)).toEqual(descending.slice(0, 5).map((d) => d.title));
  // The last rows come from the portal's order too, not from sorting the first page.
  await grid.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(async () => (await titles(grid)).slice(-3)).toEqual(descending.slice(-3).map((d) => d.title));
});

test('the chosen columns are remembered for the user (user.option) and come back after a reload', async ({ page }) => {
  const { app, grid } = await openDeals(page);
  await app.getByRole('button', { name: 'Columns' }).click();
  await app.getByRole('checkbox', { name: 'Created on' }).check();
  await app.getByRole('checkbox', { name: 'Estimated close date' }).uncheck();
  await expect(grid.getByRole('columnheader', { name: 'Created on' })).toBeVisible();
  await expect
    .poll(async () => (await portal.appRest('user.option.get', { option: COLUMNS_OPTION })).body.result)
    .toBe('["stageId","opportunity","assignedById","createdTime"]');

  await page.reload();
  const again = kontorFrame(page).getByRole('grid', { name: 'Deals' });
  await expect(again.getByRole('columnheader', { name: 'Created on' })).toBeVisible();
  await expect(again.getByRole('columnheader')).toHaveText([
    '',
    'Name',
    'Stage',
    'Amount',
    'Responsible person',
    'Created on',
  ]);
  // Another user's list is untouched.
  expect((await portal.appRest('user.option.get', { option: COLUMNS_OPTION }, 3)).body.result).toBeNull();
});

test('quick search finds by title or id, shows markup as text, and the grid scrolls inside a frame that fits', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const { app, grid } = await openDeals(page);
  // The grid is the frame's one scroll area: 60 rows do not make the frame 60 rows tall.
  const frameHeight = await page.locator('iframe[data-placement="DEFAULT"]').evaluate((el) => el.clientHeight);
  expect(frameHeight).toBeLessThan(1200);
  expect(await grid.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);

  const search = app.getByRole('textbox', { name: 'Search' });
  await search.fill('office');
  const offices = (
    await portal.rest('crm.item.list', { entityTypeId: 2, select: ['id', 'title'], filter: { '%title': 'office' } })
  ).body.result as { items: { title: string }[] };
  await expect(app.getByText(`Records: ${offices.items.length}`, { exact: true })).toBeVisible();
  expect((await titles(grid)).sort()).toEqual(offices.items.map((d) => d.title).sort());

  const markup = deals.find((d) => d.title.includes('<img'))!;
  await search.fill(`#${markup.id}`);
  await expect(app.getByText('Records: 1', { exact: true })).toBeVisible();
  await expect(grid.getByRole('button', { name: `Open ${markup.title}` })).toHaveText(markup.title);
  await expect(grid.locator('img')).toHaveCount(0);

  await search.fill('no deal is called this');
  await expect(app.getByText('Nothing matches')).toBeVisible();
  expect(dialogs).toEqual([]);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
