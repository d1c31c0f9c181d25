import { expect, test } from '@playwright/test';
import {
  actAs,
  appFrame,
  bindPlacements,
  check,
  messages,
  start,
  startPortal,
  type Portal,
} from '../support/portal.ts';

let portal: Portal;
const XSS = '<img src=x onerror="window.__xss=1">';

test.beforeAll(async ({ browser }) => {
  portal = await startPortal();
  const page = await browser.newPage();
  await bindPlacements(page, portal, [{ PLACEMENT: 'CRM_DEAL_DETAIL_TAB', TITLE: 'SDK deal tab' }]);
  await page.close();
});
test.afterAll(async () => portal.close());

test('records with markup are rendered as text on cards, lists and in dialogs', async ({ page }) => {
  const added = await portal.rest('crm.deal.add', { fields: { TITLE: XSS } });
  expect(added.status).toBe(200);
  const id = added.body.result as number;
  page.on('dialog', () => {
    throw new Error('a script from the data ran');
  });
  await page.goto(`${portal.origin}/crm/deal/details/${id}/`);
  await expect(page.locator('#pagetitle')).toHaveText(XSS);
  await page.goto(`${portal.origin}/crm/deal/list/`);
  await expect(page.getByTestId('crm-list')).toContainText(XSS);
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  void (await start(frame, 'selectCRM', { entityType: ['deal'] }));
  await expect(page.getByTestId('dialog').locator(`[data-pick-id="D_${id}"]`)).toContainText(XSS);
  await page.getByTestId('dialog-cancel').click();
  // The seed's own XSS records (any entity, any user name) stay inert too.
  for (const path of ['/crm/contact/list/', '/crm/company/list/', '/crm/lead/list/', '/company/'])
    await page.goto(`${portal.origin}${path}`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('user switcher: a regular user works in the app as non-admin; setAppOption is refused', async ({ page }) => {
  await page.goto(`${portal.origin}/`);
  await expect(page.getByTestId('current-user')).toHaveText(/\S/);
  await page.getByTestId('user-switcher').locator('summary').click();
  await page.locator('[data-testid="user-switcher"] a[data-user-id="3"]').click();
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  expect(await check(frame, 'init')).toMatchObject({ isAdmin: false });
  expect(await check(frame, 'appSet', { name: 'x', value: 1 })).toBeUndefined();
  const log = await messages(page);
  const sent = log.find((m) => m.dir === 'in' && typeof m.data === 'string' && m.data.startsWith('setAppOption:'));
  const cb = (sent!.data as string).split(':').at(-2)!;
  expect(log.some((m) => m.dir === 'out' && String(m.data).startsWith(`${cb}:`))).toBe(false);
  await actAs(page, portal, 1);
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  expect(await check(await appFrame(page), 'appGet', { name: 'x' })).toEqual({ thrown: 'app.option.x not set' });
});

test('language menu changes LANG for the app', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  await page.getByTestId('lang-menu').locator('summary').click();
  await page.locator('[data-testid="lang-menu"] a[data-lang="de"]').click();
  await expect(page).toHaveURL(/\/marketplace\/app\/1\/$/);
  const frame = await appFrame(page);
  expect(await check(frame, 'init')).toMatchObject({ lang: 'de' });
  await page.context().clearCookies();
});

test('request log page shows calls live with counts and clears', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  await check(frame, 'call', { method: 'server.time' });
  await check(frame, 'call', { method: 'no.such.method' });
  const log = await page.context().newPage();
  await log.goto(`${portal.origin}/sandbox/log/`);
  await expect(log.getByTestId('log-method-server.time')).toContainText('server.time');
  await expect(log.getByTestId('log-errors').locator('b')).not.toHaveText('0');
  await check(frame, 'call', { method: 'server.time' });
  await expect(log.getByTestId('log-method-server.time').locator('b')).toHaveText('2');
  await log.getByTestId('log-clear').click();
  await expect(log.getByTestId('log-total').locator('b')).toHaveText('0');
  expect(await portal.control('log')).toEqual([]);
});

test('screenshot: a deal card with the test app in its tab', async ({ page }) => {
  await page.goto(`${portal.origin}/crm/deal/details/7/?tab=app-1`);
  await page.locator('.tab', { hasText: 'SDK deal tab' }).click();
  const frame = await appFrame(page, 'CRM_DEAL_DETAIL_TAB');
  await check(frame, 'resize', { width: 1000, height: 360 });
  await page.screenshot({ path: test.info().outputPath('deal-card.png') });
  await page.screenshot({ path: '/tmp/portal.png' });
});
