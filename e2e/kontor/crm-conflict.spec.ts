import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { installThroughWizard, kontorFrame, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// Edit conflicts: a deal is open in Kontor's edit form while someone changes it in the portal (REST). Saving
// shows what changed — yours, the portal's, the original — and never overwrites silently; keeping mine or
// taking the portal's is checked over REST. One installed portal for all.
let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());

type Item = Record<string, unknown> & { id: number };

async function dealOf(id: number): Promise<Item> {
  return ((await portal.rest('crm.item.get', { entityTypeId: 2, id })).body.result as { item: Item }).item;
}

async function addDeal(fields: Record<string, unknown>): Promise<number> {
  const res = await portal.rest('crm.item.add', { entityTypeId: 2, fields });
  expect(res.status).toBe(200);
  return (res.body.result as { item: Item }).item.id;
}

/** Someone in the portal edits the deal. */
async function portalEdit(id: number, fields: Record<string, unknown>) {
  expect((await portal.rest('crm.item.update', { entityTypeId: 2, id, fields })).status).toBe(200);
}

/** The deal's edit form, reached from the workspace list. */
async function editDeal(page: Page, title: string): Promise<FrameLocator> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await app.getByRole('navigation', { name: 'Kontor' }).getByRole('button', { name: 'Deals' }).click();
  await app.getByRole('textbox', { name: 'Search' }).fill(title);
  await app.getByRole('button', { name: `Open ${title}` }).click();
  await app.getByRole('button', { name: 'Edit' }).click();
  await expect(app.getByRole('form', { name: 'Edit' })).toBeVisible();
  return app;
}

const money = (n: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'DKK' }).format(n);

test('shows what changed in the portal meanwhile, and keeps mine when asked', async ({ page }) => {
  const id = await addDeal({ title: 'E2E conflict, keep mine', opportunity: 1000, currencyId: 'DKK' });
  const app = await editDeal(page, 'E2E conflict, keep mine');
  const form = app.getByRole('form', { name: 'Edit' });
  await form.getByRole('textbox', { name: 'Amount', exact: true }).fill('1500');
  await portalEdit(id, { opportunity: 2000 });
  await form.getByRole('button', { name: 'Save' }).click();

  const dialog = app.getByRole('alertdialog', { name: 'This record changed in the portal while you were editing' });
  await expect(dialog).toBeVisible();
  const row = dialog.getByRole('row', { name: /Amount/ });
  await expect(row.getByRole('cell')).toHaveText([money(1500), money(2000), money(1000)]);
  // Nothing was written yet.
  expect((await dealOf(id)).opportunity).toBe(2000);

  await dialog.getByRole('button', { name: 'Keep mine' }).click();
  await expect(app.getByRole('status')).toContainText('Saved: Amount');
  expect((await dealOf(id)).opportunity).toBe(1500);
});

test('takes the portal’s value of the conflicting field and saves the other edits', async ({ page }) => {
  const id = await addDeal({ title: 'E2E conflict, take theirs', opportunity: 50, currencyId: 'DKK' });
  const app = await editDeal(page, 'E2E conflict, take theirs');
  const form = app.getByRole('form', { name: 'Edit' });
  await form.getByRole('textbox', { name: 'Amount', exact: true }).fill('60');
  await form.getByLabel('Project code').fill('PRJ-MINE');
  await portalEdit(id, { opportunity: 70, comments: 'Edited in the portal' });
  await form.getByRole('button', { name: 'Save' }).click();

  const dialog = app.getByRole('alertdialog', { name: 'This record changed in the portal while you were editing' });
  // Only the field both sides changed is a conflict; the portal's comment is no conflict and stays.
  await expect(dialog.getByRole('row')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Take the portal’s' }).click();
  await expect(app.getByRole('status')).toContainText('Saved: Project code');
  expect(await dealOf(id)).toMatchObject({
    opportunity: 70,
    ufCrm_PROJECT_CODE: 'PRJ-MINE',
    comments: 'Edited in the portal',
  });
});
