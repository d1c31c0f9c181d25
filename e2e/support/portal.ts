import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Frame, type Page } from '@playwright/test';
import { ROOT, SDK_APP_DIR } from './sdk-app.ts';

export interface Portal {
  /** `http://127.0.0.1:PORT` — no trailing slash. */
  origin: string;
  /** Control API call (`/sandbox/api/...`). */
  control(path: string, body?: unknown, method?: string): Promise<unknown>;
  /** Webhook REST call as the admin (user 1). */
  rest(method: string, params?: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts a fresh sandbox (own data dir, demo seed, rate limit off) hosting the built SDK test app. */
export async function startPortal(): Promise<Portal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kontor-e2e-portal-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
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
      '--app-dir',
      SDK_APP_DIR,
      '--quiet',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines = await sandboxLines(child);
  const origin = lines.portal.replace(/\/$/, '');
  const webhookPath = new URL(lines.webhook).pathname;
  return {
    origin,
    async control(path, body, method) {
      const res = await fetch(`${origin}/sandbox/api/${path}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as unknown;
    },
    async rest(method, params = {}) {
      const res = await fetch(`${origin}${webhookPath}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
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
}

/** Acts as a portal user: sets the `sandbox_user` cookie for the portal origin. */
export async function actAs(page: Page, portal: Portal, userId: number): Promise<void> {
  await page.context().addCookies([{ name: 'sandbox_user', value: String(userId), url: portal.origin }]);
}

/**
 * The app frame for a placement on the current page (or inside the top slider), once the SDK in it
 * has initialised. The frame is cross-origin: evaluate inside it, not in the page.
 */
export async function appFrame(page: Page, placement = 'DEFAULT', nth = 0): Promise<Frame> {
  const iframe = page.locator(`iframe[data-placement="${placement}"]`).nth(nth);
  await expect(iframe).toBeAttached();
  const frame = await (await iframe.elementHandle())!.contentFrame();
  if (!frame) throw new Error(`no content frame for ${placement}`);
  await frame.waitForFunction(() => typeof window.b24Ready !== 'undefined');
  const state = await frame.evaluate(() => window.b24Ready);
  expect(state).toBe('ready');
  return frame;
}

/** Runs a check of the test app inside its frame and returns its value. */
export function check<T = unknown>(frame: Frame, name: string, arg?: unknown): Promise<T> {
  return frame.evaluate(([n, a]) => window.runCheck(n, a), [name, arg] as const) as Promise<T>;
}

/** Starts a check that waits on the user (dialog, slider); returns an id for `result`. */
export function start(frame: Frame, name: string, arg?: unknown): Promise<number> {
  return frame.evaluate(([n, a]) => window.startCheck(n, a), [name, arg] as const);
}

export async function result(
  frame: Frame,
  id: number,
): Promise<{ done: boolean; value?: unknown; error?: string } | null> {
  return frame.evaluate((i) => window.checkResult(i), id);
}

/** Waits until a started check settles and returns its value. */
export async function settled<T = unknown>(frame: Frame, id: number): Promise<T> {
  await expect.poll(async () => (await result(frame, id))?.done ?? false).toBe(true);
  const r = await result(frame, id);
  if (r?.error) throw new Error(r.error);
  return r?.value as T;
}

/** Host-page message log (raw strings/objects in and out). */
export function messages(page: Page): Promise<{ dir: string; sid: string; data: unknown }[]> {
  return page.evaluate(() => (window.__portal?.log ?? []).map((e) => ({ dir: e.dir, sid: e.sid, data: e.data })));
}

/** Marks the app installed and binds placements from inside its main page (placement.bind needs an app token). */
export async function bindPlacements(page: Page, portal: Portal, placements: Record<string, unknown>[]): Promise<void> {
  await portal.control('app', { installed: true });
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  const binds = await check<{ ok: boolean }[]>(frame, 'bindPlacements', { placements });
  expect(binds.map((b) => b.ok)).toEqual(placements.map(() => true));
}

/**
 * Waits for a sandbox child process to print its `Portal:` and `Webhook:` lines; rejects with its
 * output when it exits or takes more than 30 s. Afterwards its stderr is passed through.
 */
export async function sandboxLines(child: ChildProcess): Promise<{ portal: string; webhook: string }> {
  let output = '';
  const lines = await new Promise<{ portal: string; webhook: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const portal = /Portal: (\S+)/.exec(output)?.[1];
      const webhook = /Webhook: (\S+)/.exec(output)?.[1];
      if (portal && webhook) {
        clearTimeout(timer);
        resolve({ portal, webhook });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}:\n${output}`));
    });
  });
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(c));
  return lines;
}
