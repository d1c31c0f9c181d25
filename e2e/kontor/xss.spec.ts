import { expect, test, type Page } from '@playwright/test';
import { installThroughWizard, openKontorTab, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// The demo seed holds records whose titles are markup; Kontor must show them as text, and nothing runs.
let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());

/** Fails the test if any frame of the page opens a dialog (alert) — the payloads all call alert(1). */
function forbidDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on('dialog', (dialog) => {
    opened.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}

async function findByTitle(entityTypeId: number, title: string): Promise<number> {
  const res = await portal.rest('crm.item.list', { entityTypeId, select: ['id', 'title'], filter: { title } });
  const [item] = (res.body.result as { items: { id: number }[] }).items;
  expect(item, `the demo seed has a record titled ${title}`).toBeDefined();
  return item!.id;
}

for (const { kind, entityTypeId, path, placement, title } of [
  {
    kind: 'deal',
    entityTypeId: 2,
    path: '/crm/deal/details/',
    placement: 'CRM_DEAL_DETAIL_TAB',
    title: '<img src=x onerror=alert(1)>',
  },
  {
    kind: 'company',
    entityTypeId: 4,
    path: '/crm/company/details/',
    placement: 'CRM_COMPANY_DETAIL_TAB',
    title: '<script>alert(1)</script> ApS',
  },
]) {
  test(`a ${kind} titled with markup shows the markup as text in its card tab`, async ({ page }) => {
    const dialogs = forbidDialogs(page);
    const id = await findByTitle(entityTypeId, title);
    const app = await openKontorTab(page, portal, `${path}${id}/`, placement);
    await expect(app.getByRole('heading', { level: 2 })).toContainText(title);
    // Rendered as text: no element was created from the payload.
    await expect(app.locator('img[src="x"]')).toHaveCount(0);
    await expect(app.locator('h2 script')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
}
