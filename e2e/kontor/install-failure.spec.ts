import { expect, test } from '@playwright/test';
import {
  boundPlacements,
  isInstalled,
  openInstallWizard,
  startKontorPortal,
  type KontorPortal,
} from '../support/kontor.ts';
import { actAs } from '../support/portal.ts';

let portal: KontorPortal;
test.beforeAll(async () => {
  portal = await startKontorPortal();
});
test.afterAll(async () => portal.close());

test('a failure during install shows Retry; the app stays uninstalled until the retry succeeds', async ({
  page,
  browser,
}) => {
  const app = await openInstallWizard(page, portal);
  // The plan is on screen, so the next batch request is the install's write. Forced answers match whole
  // HTTP requests (not batch sub-commands), and the SDK may retry a 5xx: queue more than it will try.
  await portal.control('force', {
    status: 500,
    body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
    method: 'batch',
    count: 6,
  });
  await app.getByRole('button', { name: 'Start installation' }).click();
  await expect(app.getByTestId('install-failed')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(app.locator('[data-step="bind:CRM_DEAL_DETAIL_TAB"]')).toHaveAttribute('data-state', 'failed');
  expect(page.url()).not.toMatch(/install_finished=Y/);
  expect(await isInstalled(portal)).toBe(false);
  expect(await boundPlacements(portal)).toEqual([]);

  const regular = await browser.newPage();
  await actAs(regular, portal, 3);
  await regular.goto(`${portal.origin}/marketplace/app/1/`);
  await expect(regular.getByTestId('not-installed')).toBeVisible();
  await regular.close();

  // Use up whatever forced answers the SDK did not consume, so the retry reaches the portal.
  for (let i = 0; i < 6 && (await portal.rest('batch', { cmd: { t: 'server.time' } })).status !== 200; i++);

  await app.getByRole('button', { name: 'Retry' }).click();
  await page.waitForURL(/install_finished=Y/);
  expect(await isInstalled(portal)).toBe(true);
  expect(await boundPlacements(portal)).toHaveLength(7);
});
