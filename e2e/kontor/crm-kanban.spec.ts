import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { installThroughWizard, kontorFrame, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// The deals kanban in the workspace: drag a card to another stage (checked over REST), a move the portal
// refuses (the card comes back with a message), stage counts and totals, the funnel. One installed portal.
let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());

interface Deal {
  id: number;
  title: string;
  stageId: string;
}

/** The deals of the default pipeline as the portal has them (the demo seed has fewer than 50). */
async function generalDeals(): Promise<Deal[]> {
  const res = await portal.rest('crm.item.list', {
    entityTypeId: 2,
    select: ['id', 'title', 'stageId'],
    filter: { categoryId: 0 },
    order: { id: 'ASC' },
  });
  expect(res.status).toBe(200);
  return (res.body.result as { items: Deal[] }).items;
}

/** A deal of the stage whose title no other deal has (the seed repeats some titles). */
async function dealIn(stageId: string): Promise<Deal> {
  const deals = await generalDeals();
  const deal = deals.find((d) => d.stageId === stageId && deals.filter((x) => x.title === d.title).length === 1);
  expect(deal, `a deal with a unique title in ${stageId}`).toBeDefined();
  return deal!;
}

async function stageOf(id: number): Promise<string> {
  return ((await portal.rest('crm.item.get', { entityTypeId: 2, id })).body.result as { item: Deal }).item.stageId;
}

/** Left menu → Kontor → Deals → Kanban; resolves when the board shows its columns. */
async function openBoard(page: Page): Promise<FrameLocator> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await app.getByRole('navigation', { name: 'Kontor' }).getByRole('button', { name: 'Deals' }).click();
  await app.getByText('Kanban', { exact: true }).click();
  await expect(app.getByRole('region', { name: 'New' })).toBeVisible();
  return app;
}

const countIn = async (app: FrameLocator, stage: string) =>
  Number(
    await app
      .getByRole('region', { name: stage })
      .getByLabel(/^Records in this stage: \d+$/)
      .textContent(),
  );

test('a card dragged to another stage moves there in the portal, with counts and funnel updated', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const deal = await dealIn('NEW');
  const deals = await generalDeals();
  const app = await openBoard(page);

  // Every stage of the pipeline is a column with its count; the totals are written out per currency.
  const inNew = deals.filter((d) => d.stageId === 'NEW').length;
  const inPreparing = deals.filter((d) => d.stageId === 'PREPARATION').length;
  expect(await countIn(app, 'New')).toBe(inNew);
  expect(await countIn(app, 'Preparing documents')).toBe(inPreparing);
  await expect(app.getByRole('region', { name: 'New' })).toContainText(/DKK|kr|€/);
  // Titles with markup are text: nothing rendered from them, nothing ran.
  await expect(app.getByRole('article', { name: '<img src=x onerror=alert(1)>' })).toBeVisible();
  await expect(app.locator('img[src="x"]')).toHaveCount(0);

  const funnel = app.getByRole('region', { name: 'Funnel' });
  await expect(funnel.getByRole('listitem')).toHaveCount(6);
  await expect(funnel.getByRole('listitem').first()).toContainText('New');
  await expect(funnel.getByRole('listitem').first()).toContainText(`In this stage: ${inNew}`);

  // Neighbouring columns, both on screen: nothing scrolls between picking the card up and dropping it.
  const card = app.getByRole('region', { name: 'New' }).getByRole('article', { name: deal.title });
  await card.dragTo(app.getByRole('region', { name: 'Preparing documents' }));

  await expect(
    app.getByRole('region', { name: 'Preparing documents' }).getByRole('article', { name: deal.title }),
  ).toBeVisible();
  await expect(app.getByRole('region', { name: 'New' }).getByRole('article', { name: deal.title })).toHaveCount(0);
  await expect.poll(() => stageOf(deal.id)).toBe('PREPARATION');
  expect(await countIn(app, 'New')).toBe(inNew - 1);
  expect(await countIn(app, 'Preparing documents')).toBe(inPreparing + 1);
  await expect(funnel.getByRole('listitem').first()).toContainText(`In this stage: ${inNew - 1}`);
  expect(dialogs).toEqual([]);
});

test('a move the portal refuses puts the card back and says why', async ({ page }) => {
  const deal = await dealIn('PREPARATION');
  const app = await openBoard(page);
  const before = await countIn(app, 'Preparing documents');
  await portal.control('force', {
    status: 400,
    body: { error: 'ACCESS_DENIED', error_description: 'Access denied!' },
    method: 'crm.item.update',
  });

  const card = app.getByRole('region', { name: 'Preparing documents' }).getByRole('article', { name: deal.title });
  await card.dragTo(app.getByRole('region', { name: 'New' }));

  const alert = app.getByRole('alert');
  await expect(alert).toContainText('The card was not moved');
  await expect(alert).toContainText(
    `Bitrix24 did not move “${deal.title}” to “New”, so it is back in “Preparing documents”.`,
  );
  await expect(alert).toContainText('Access denied!');
  await expect(
    app.getByRole('region', { name: 'Preparing documents' }).getByRole('article', { name: deal.title }),
  ).toBeVisible();
  await expect(app.getByRole('region', { name: 'New' }).getByRole('article', { name: deal.title })).toHaveCount(0);
  expect(await countIn(app, 'Preparing documents')).toBe(before);
  expect(await stageOf(deal.id)).toBe('PREPARATION');
});

test('a card moves from its menu too (keyboard), into a pipeline chosen in the selector', async ({ page }) => {
  const res = await portal.rest('crm.item.list', {
    entityTypeId: 2,
    select: ['id', 'title', 'stageId'],
    filter: { categoryId: 1, '!stageId': 'C1:LOSE' },
  });
  const deal = (res.body.result as { items: Deal[] }).items[0]!;
  const app = await openBoard(page);
  await app.getByText('Wholesale', { exact: true }).click();
  const move = app
    .getByRole('article', { name: deal.title })
    .first()
    .getByRole('button', {
      name: `Move “${deal.title}” to another stage`,
    });
  await move.focus();
  await page.keyboard.press('Enter');
  await app.getByRole('menuitem', { name: 'Deal lost' }).click();
  await expect(app.getByRole('region', { name: 'Deal lost' }).getByRole('article', { name: deal.title })).toBeVisible();
  await expect.poll(() => stageOf(deal.id)).toBe('C1:LOSE');
});
