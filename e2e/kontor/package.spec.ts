import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { packageApp } from '../../cli/package-app.ts';
import {
  DIST_DIR,
  MANIFEST,
  boundPlacements,
  expectWorkspace,
  installThroughWizard,
  kontorFrame,
  openKontorTab,
  startKontorPortal,
  type KontorPortal,
} from '../support/kontor.ts';

// The archive an admin uploads (`npm run package`), unzipped and hosted as a static app: the portal opens
// install.html in install mode, and every placement then opens index.html.
let portal: KontorPortal;
let appDir: string;

test.beforeAll(async () => {
  const zipPath = join(DIST_DIR, `kontor-${MANIFEST.version}.zip`);
  // `npm run package` makes it; build it the same way when a local run skipped that step.
  if (!existsSync(zipPath)) await packageApp({ distDir: DIST_DIR, version: MANIFEST.version });
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  appDir = mkdtempSync(join(tmpdir(), 'kontor-e2e-package-'));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const target = join(appDir, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
  }
  expect(existsSync(join(appDir, 'index.html'))).toBe(true);
  expect(existsSync(join(appDir, 'install.html'))).toBe(true);
  portal = await startKontorPortal({ appDir, installPath: 'install.html' });
});
test.afterAll(async () => {
  await portal?.close();
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

test('the packaged zip installs through install.html and its tabs open index.html', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  await expect(page.locator('iframe[data-placement="DEFAULT"]')).toHaveAttribute('src', /\/install\.html\?/);

  await installThroughWizard(page, portal);
  await expect(page.locator('iframe[data-placement="DEFAULT"]')).toHaveAttribute('src', /\/\?|\/index\.html\?/);
  await expectWorkspace(kontorFrame(page));
  const bound = await boundPlacements(portal);
  expect(bound).toHaveLength(7);
  expect(new Set(bound.map((b) => b.handler))).toEqual(new Set([`${portal.appOrigin}/index.html`]));

  const app = await openKontorTab(page, portal, '/crm/deal/details/7/', 'CRM_DEAL_DETAIL_TAB');
  const deal = (await portal.rest('crm.item.get', { entityTypeId: 2, id: 7 })).body.result as {
    item: { title: string };
  };
  await expect(app.getByRole('heading', { level: 2 })).toContainText(deal.item.title.trim());
});
