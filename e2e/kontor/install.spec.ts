import { expect, test } from '@playwright/test';
import {
  boundPlacements,
  expectWorkspace,
  isInstalled,
  kontorFrame,
  openInstallWizard,
  startKontorPortal,
  type KontorPortal,
} from '../support/kontor.ts';
import { actAs } from '../support/portal.ts';

// Install through the wizard, launch from the left menu, reinstall — one portal, in order.
test.describe.configure({ mode: 'serial' });

const PLACEMENTS = [
  'CRM_COMPANY_DETAIL_TAB',
  'CRM_CONTACT_DETAIL_TAB',
  'CRM_DEAL_DETAIL_TAB',
  'CRM_DYNAMIC_1030_DETAIL_TAB',
  'CRM_DYNAMIC_1032_DETAIL_TAB',
  'CRM_LEAD_DETAIL_TAB',
  'TASK_VIEW_TAB',
];

let portal: KontorPortal;
test.beforeAll(async () => {
  portal = await startKontorPortal();
});
test.afterAll(async () => portal.close());

test('the admin installs Kontor through its wizard; the portal reloads into the workspace', async ({
  page,
  browser,
}) => {
  const regular = await browser.newPage();
  await actAs(regular, portal, 3);
  await regular.goto(`${portal.origin}/marketplace/app/1/`);
  await expect(regular.getByTestId('not-installed')).toBeVisible();
  await regular.close();

  const app = await openInstallWizard(page, portal);
  await expect(app.getByText('Will be added')).toHaveCount(7);
  await expect(app.getByText('Smart process card: Projects')).toBeVisible();
  await expect(app.getByText('Smart process card: Service requests')).toBeVisible();
  expect(await boundPlacements(portal)).toEqual([]);

  await app.getByRole('button', { name: 'Start installation' }).click();
  await page.waitForURL(/install_finished=Y/);
  expect(await isInstalled(portal)).toBe(true);
  const bound = await boundPlacements(portal);
  expect(bound.map((b) => b.placement).sort()).toEqual(PLACEMENTS);
  // Every tab opens the main page, not the install page.
  expect(new Set(bound.map((b) => b.handler))).toEqual(new Set([`${portal.appOrigin}/index.html`]));
  expect((await portal.appRest('app.option.get', { option: 'kontor.version' })).body.result).toBe('0.1.0');

  const workspace = kontorFrame(page);
  await expectWorkspace(workspace);
  await expect(workspace.getByRole('heading', { name: 'Install Kontor' })).toHaveCount(0);
});

test('after install the left menu opens the workspace, for the admin and for a regular user', async ({ page }) => {
  await page.goto(`${portal.origin}/`);
  await page.locator('a[href="/marketplace/app/1/"]').first().click();
  await expectWorkspace(kontorFrame(page));

  await actAs(page, portal, 3);
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  await expectWorkspace(kontorFrame(page));
});

test('reinstalling changes nothing: every placement already in place, no duplicates', async ({ page }) => {
  await portal.control('app', { installed: false });
  const app = await openInstallWizard(page, portal);
  await expect(app.getByText('Already in place')).toHaveCount(7);
  await expect(app.getByText('Will be added')).toHaveCount(0);
  await app.getByRole('button', { name: 'Start installation' }).click();
  await page.waitForURL(/install_finished=Y/);
  expect(await isInstalled(portal)).toBe(true);
  expect((await boundPlacements(portal)).map((b) => b.placement).sort()).toEqual(PLACEMENTS);
});
