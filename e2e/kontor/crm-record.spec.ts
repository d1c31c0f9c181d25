import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { installThroughWizard, kontorFrame, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// A deal in the workspace: open it from the list, edit its title, amount and custom fields (saved: checked
// over REST), undo; create a deal and delete it (checked over REST). One installed portal for all.
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
  const res = await portal.rest('crm.item.get', { entityTypeId: 2, id });
  expect(res.status).toBe(200);
  return (res.body.result as { item: Item }).item;
}

async function addDeal(fields: Record<string, unknown>): Promise<number> {
  const res = await portal.rest('crm.item.add', { entityTypeId: 2, fields });
  expect(res.status).toBe(200);
  return (res.body.result as { item: Item }).item.id;
}

/** Left menu → Kontor (deals are the workspace's first resource) → the list, searched for `title`. */
async function openDeals(page: Page, title?: string): Promise<FrameLocator> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await app.getByRole('navigation', { name: 'Kontor' }).getByRole('button', { name: 'Deals' }).click();
  if (title) await app.getByRole('textbox', { name: 'Search' }).fill(title);
  return app;
}

/** The list → the record's detail, by the title button of its row. */
async function openDeal(page: Page, title: string): Promise<FrameLocator> {
  const app = await openDeals(page, title);
  await app.getByRole('button', { name: `Open ${title}` }).click();
  await expect(app.getByRole('heading', { level: 2, name: title })).toBeVisible();
  return app;
}

test('opens a deal from the list, edits title, amount and custom fields — saved — and undoes it', async ({ page }) => {
  const id = await addDeal({ title: 'E2E deal to edit', opportunity: 1200, currencyId: 'DKK' });
  const before = await dealOf(id);
  const app = await openDeal(page, 'E2E deal to edit');
  // The detail shows the custom fields of the demo portal.
  await expect(app.getByText('Custom fields', { exact: true })).toBeVisible();

  await app.getByRole('button', { name: 'Edit' }).click();
  const form = app.getByRole('form', { name: 'Edit' });
  await form.getByLabel('Name', { exact: true }).fill('E2E deal, edited');
  await form.getByRole('textbox', { name: 'Amount', exact: true }).fill('4 750,25');
  await form.getByLabel('Project code').fill('PRJ-E2E');
  await form.getByLabel('Priority customer').check();
  await form.getByRole('combobox', { name: 'Region' }).click();
  await app.getByRole('option', { name: 'Midtjylland' }).click();
  await form.getByRole('button', { name: 'Save' }).click();

  const notice = app.getByRole('status');
  await expect(notice).toContainText('Saved: Name, Amount, Project code, Region, Priority customer');
  await expect(app.getByRole('heading', { level: 2, name: 'E2E deal, edited' })).toBeVisible();
  const saved = await dealOf(id);
  expect(saved).toMatchObject({
    title: 'E2E deal, edited',
    opportunity: 4750.25,
    ufCrm_PROJECT_CODE: 'PRJ-E2E',
    ufCrm_PRIORITY_CUSTOMER: 'Y',
  });
  const regions = (await portal.rest('crm.item.fields', { entityTypeId: 2 })).body.result as {
    fields: Record<string, { items?: { ID: number; VALUE: string }[] }>;
  };
  expect(saved.ufCrm_REGION).toBe(regions.fields.ufCrm_REGION!.items!.find((i) => i.VALUE === 'Midtjylland')!.ID);

  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toContainText('Your changes were undone.');
  expect(await dealOf(id)).toMatchObject({
    title: before.title,
    opportunity: before.opportunity,
    ufCrm_PROJECT_CODE: before.ufCrm_PROJECT_CODE,
    ufCrm_PRIORITY_CUSTOMER: before.ufCrm_PRIORITY_CUSTOMER,
    ufCrm_REGION: before.ufCrm_REGION,
  });
});

test('refuses to send an amount that is no number, with the message under the field', async ({ page }) => {
  const id = await addDeal({ title: 'E2E deal to check', opportunity: 10 });
  const app = await openDeal(page, 'E2E deal to check');
  await app.getByRole('button', { name: 'Edit' }).click();
  const form = app.getByRole('form', { name: 'Edit' });
  const amount = form.getByRole('textbox', { name: 'Amount', exact: true });
  await amount.fill('ten');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Enter a number, like 1500 or 1500.50.')).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  expect((await dealOf(id)).opportunity).toBe(10);
});

test('creates a deal, then deletes it after the confirmation', async ({ page }) => {
  const app = await openDeals(page);
  await app.getByRole('button', { name: 'New' }).first().click();
  const form = app.getByRole('form', { name: 'New record' });
  await form.getByLabel('Name', { exact: true }).fill('E2E created deal');
  await form.getByRole('textbox', { name: 'Amount', exact: true }).fill('321');
  await form.getByLabel('Project code').fill('PRJ-NEW');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(app.getByRole('heading', { level: 2, name: 'E2E created deal' })).toBeVisible();

  const found = await portal.rest('crm.item.list', {
    entityTypeId: 2,
    filter: { title: 'E2E created deal' },
    select: ['id', 'title', 'opportunity', 'ufCrm_PROJECT_CODE'],
  });
  const [created] = (found.body.result as { items: Item[] }).items;
  expect(created).toMatchObject({ title: 'E2E created deal', opportunity: 321, ufCrm_PROJECT_CODE: 'PRJ-NEW' });

  await app.getByRole('button', { name: 'Delete' }).click();
  const confirm = app.getByRole('alertdialog', { name: 'Delete “E2E created deal”?' });
  await expect(confirm).toContainText('The portal cannot restore a deleted record');
  await confirm.getByRole('button', { name: 'Delete permanently' }).click();
  // Back in the list.
  await expect(app.getByRole('textbox', { name: 'Search' })).toBeVisible();
  const gone = await portal.rest('crm.item.get', { entityTypeId: 2, id: created!.id });
  expect(gone.body.error).toBe('NOT_FOUND');
});
