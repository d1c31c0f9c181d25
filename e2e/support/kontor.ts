import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type FrameLocator, type Page } from '@playwright/test';
import { sandboxLines, type Portal } from './portal.ts';
import { ROOT } from './sdk-app.ts';

/**
 * Kontor's production build (`npm test` builds it before the end-to-end run; locally: `npx vite build`).
 * `KONTOR_DIST=.dist-x` points the specs at another build (`npx vite build --outDir .dist-x`), so two
 * builds can be tested side by side.
 */
export const DIST_DIR = process.env.KONTOR_DIST ? resolve(ROOT, process.env.KONTOR_DIST) : join(ROOT, 'dist');

/** manifest.json: the scopes the app gets in the sandbox, the version in the package name. */
export const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as {
  version: string;
  scopes: string[];
};

export interface KontorPortal extends Portal {
  /** Origin of the static app host (`http://127.0.0.1:PORT`), where index.html and install.html live. */
  appOrigin: string;
  /** REST call with an application token of `userId` (placement.*, app.option.*, entity.* need one). */
  appRest(
    method: string,
    params?: Record<string, unknown>,
    userId?: number,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

export interface KontorPortalOptions {
  /** The static app folder to host (default dist/). */
  appDir?: string;
  /** Page the portal opens in install mode, relative to the app host (default: its main page). */
  installPath?: string;
}

/**
 * Starts a fresh sandbox portal (own data dir, demo seed, rate limit off) hosting a built Kontor as a static
 * app with exactly the scopes manifest.json asks for — so a missing scope fails the specs like on a real portal.
 * (portal.ts's startPortal hosts the SDK test app; this is the same machinery around Kontor.)
 */
export async function startKontorPortal(options: KontorPortalOptions = {}): Promise<KontorPortal> {
  const appDir = options.appDir ?? DIST_DIR;
  if (!existsSync(join(appDir, 'index.html')))
    throw new Error(`${appDir}/index.html is missing: build Kontor first (npx vite build)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kontor-e2e-kontor-'));
  const args = [
    '--import',
    'tsx',
    'sandbox/cli.ts',
    '--port',
    '0',
    '--data',
    dataDir,
    '--reset',
    '--rate-limit',
    'off',
  ];
  args.push('--app-dir', appDir, '--app-scopes', MANIFEST.scopes.join(','), '--quiet');
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = await sandboxLines(child);
  const origin = lines.portal.replace(/\/$/, '');
  const webhookPath = new URL(lines.webhook).pathname;
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const tokens = new Map<number, string>();
  const portal: KontorPortal = {
    origin,
    appOrigin: '',
    async control(path, body, method) {
      const res = await fetch(`${origin}/sandbox/api/${path}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as unknown;
    },
    rest: (method, params = {}) => post(`${origin}${webhookPath}${method}`, params),
    async appRest(method, params = {}, userId = 1) {
      let token = tokens.get(userId);
      if (!token) {
        token = ((await portal.control('tokens', { userId })) as { access_token: string }).access_token;
        tokens.set(userId, token);
      }
      return post(`${origin}/rest/${method}`, { ...params, auth: token });
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const info = (await portal.control('info')) as { app: { url: string } };
  portal.appOrigin = new URL(info.app.url).origin;
  if (options.installPath)
    await portal.control('app', { installUrl: `${portal.appOrigin}/${options.installPath.replace(/^\//, '')}` });
  return portal;
}

/** Kontor inside the portal page: the iframe of a placement (or the app page's DEFAULT frame). */
export function kontorFrame(page: Page, placement = 'DEFAULT', nth = 0): FrameLocator {
  return page.locator(`iframe[data-placement="${placement}"]`).nth(nth).contentFrame();
}

/** The placements Kontor has bound, as `placement.get` (application context, admin) returns them. */
export async function boundPlacements(
  portal: KontorPortal,
): Promise<{ placement: string; handler: string; title: string }[]> {
  const res = await portal.appRest('placement.get');
  expect(res.status).toBe(200);
  return res.body.result as { placement: string; handler: string; title: string }[];
}

export async function isInstalled(portal: KontorPortal): Promise<boolean> {
  return ((await portal.appRest('app.info')).body.result as { INSTALLED: boolean }).INSTALLED;
}

/** Opens Kontor from the left menu and waits for the install wizard's plan (admin, app not installed). */
export async function openInstallWizard(page: Page, portal: KontorPortal): Promise<FrameLocator> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await expect(app.getByRole('heading', { name: 'Install Kontor' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Start installation' })).toBeEnabled();
  return app;
}

/** Left menu → wizard → Start → installFinish → the portal reloads into Kontor's main page. */
export async function installThroughWizard(page: Page, portal: KontorPortal): Promise<void> {
  const app = await openInstallWizard(page, portal);
  await app.getByRole('button', { name: 'Start installation' }).click();
  await page.waitForURL(/install_finished=Y/);
  expect(await isInstalled(portal)).toBe(true);
}

/** Opens a card page and Kontor's tab on it; returns the tab's frame. */
export async function openKontorTab(
  page: Page,
  portal: KontorPortal,
  path: string,
  placement: string,
): Promise<FrameLocator> {
  await page.goto(`${portal.origin}${path}`);
  const tab = page.locator(`.tab[data-placement="${placement}"]`);
  await expect(tab).toHaveCount(1);
  await expect(tab).toContainText('Kontor');
  await tab.click();
  return kontorFrame(page, placement);
}

/** Kontor's workspace (the left-menu page): its navigation with the Settings entry. */
export async function expectWorkspace(app: FrameLocator): Promise<void> {
  const nav = app.getByRole('navigation', { name: 'Kontor' });
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeVisible();
}
