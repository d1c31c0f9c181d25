import { expect, test } from '@playwright/test';
import { actAs, appFrame, check, startPortal, type Portal } from '../support/portal.ts';

let portal: Portal;
test.beforeAll(async () => {
  portal = await startPortal();
});
test.afterAll(async () => portal.close());

test('install mode: FIRST_RUN → setInstall, INSTALL → installFinish → reload → installed, placements appear', async ({
  page,
  browser,
}) => {
  // A regular user sees the "not fully installed" page while the app is not installed.
  const regular = await browser.newPage();
  await actAs(regular, portal, 3);
  await regular.goto(`${portal.origin}/marketplace/app/1/`);
  await expect(regular.getByTestId('not-installed')).toContainText('not fully installed');
  await expect(regular.locator('iframe')).toHaveCount(0);

  await page.goto(`${portal.origin}/marketplace/app/1/`);
  let frame = await appFrame(page);
  expect(await check(frame, 'init')).toMatchObject({ isInstallMode: true, isFirstRun: true, isAdmin: true });
  const info = (await check<{ result: Record<string, unknown> }>(frame, 'call', { method: 'app.info' })).result;
  expect(info.INSTALLED).toBe(false);

  const binds = await check<{ ok: boolean }[]>(frame, 'bindPlacements', {
    placements: [
      { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', TITLE: 'SDK deal tab' },
      { PLACEMENT: 'TASK_VIEW_TAB', TITLE: 'SDK task tab' },
    ],
  });
  expect(binds.map((b) => b.ok)).toEqual([true, true]);

  // Bound but not installed: the deal card has no app tab yet.
  await regular.goto(`${portal.origin}/crm/deal/details/7/`);
  await expect(regular.locator('.tab', { hasText: 'SDK deal tab' })).toHaveCount(0);

  await check(frame, 'installFinish');
  await page.waitForURL(/install_finished=Y/);
  frame = await appFrame(page);
  expect(await check(frame, 'init')).toMatchObject({ isInstallMode: false, isFirstRun: false });
  expect(
    (await check<{ result: Record<string, unknown> }>(frame, 'call', { method: 'app.info' })).result.INSTALLED,
  ).toBe(true);

  // Installed: the regular user gets the app (FIRST_RUN for them, once), and the deal tab appears.
  await regular.goto(`${portal.origin}/marketplace/app/1/`);
  const regularFrame = await appFrame(regular);
  expect(await check(regularFrame, 'init')).toMatchObject({ isAdmin: false, isInstallMode: false, isFirstRun: true });
  await regular.goto(`${portal.origin}/crm/deal/details/7/`);
  await expect(regular.locator('.tab', { hasText: 'SDK deal tab' })).toHaveCount(1);
  await regular.close();
});
