import { expect, test } from '@playwright/test';
import { appFrame, check, messages, startPortal, type Portal } from '../support/portal.ts';

let portal: Portal;
test.beforeAll(async () => {
  portal = await startPortal();
  await portal.control('app', { installed: true });
});
test.afterAll(async () => portal.close());

function initReplies(log: { dir: string; data: unknown }[]): Record<string, unknown>[] {
  // The reply to getInitData is the first outgoing message that carries AUTH_ID.
  return log
    .filter((m) => m.dir === 'out' && typeof m.data === 'string' && m.data.includes('"AUTH_ID"'))
    .map((m) => JSON.parse((m.data as string).slice((m.data as string).indexOf(':') + 1)) as Record<string, unknown>);
}

test('window.name, iframe attributes and the getInitData reply follow frame.md §2 and §5', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  const iframe = page.locator('iframe[data-placement="DEFAULT"]');
  const host = new URL(portal.origin).host;
  const sid = await iframe.getAttribute('data-app-sid');
  expect(sid).toMatch(/^[0-9a-f]{32}$/);
  expect(await iframe.getAttribute('name')).toBe(`${host}|0|${sid}`);
  expect(await iframe.getAttribute('allow')).toBe('geolocation *; microphone *; camera *; autoplay *;');
  const src = new URL((await iframe.getAttribute('src'))!);
  expect(Object.fromEntries(src.searchParams)).toEqual({ DOMAIN: host, PROTOCOL: '0', LANG: 'en', APP_SID: sid });

  const init = initReplies(await messages(page))[0]!;
  expect(init).toMatchObject({
    LANG: 'en',
    DOMAIN: host,
    PROTOCOL: 0,
    PATH: '/rest',
    AUTH_EXPIRES: '3600',
    FIRST_RUN: true,
    IS_ADMIN: true,
    INSTALL: false,
    PLACEMENT: 'DEFAULT',
  });
  expect(init.APP_OPTIONS).toEqual({});
  expect(init.USER_OPTIONS).toEqual({});
  expect(init.PLACEMENT_OPTIONS).toEqual({});
  expect(typeof init.AUTH_ID).toBe('string');
  expect(typeof init.REFRESH_ID).toBe('string');
  expect(typeof init.MEMBER_ID).toBe('string');

  // FIRST_RUN made the SDK send setInstall; the portal echoed it.
  const log = await messages(page);
  const setInstall = log.find(
    (m) => m.dir === 'in' && typeof m.data === 'string' && m.data.startsWith('setInstall:{"install":true}:'),
  );
  expect(setInstall).toBeTruthy();
  const cb = (setInstall!.data as string).split(':').at(-2);
  expect(log.some((m) => m.dir === 'out' && m.data === `${cb}:{"install":true}`)).toBe(true);

  const seen = await check<Record<string, unknown>>(frame, 'init');
  expect(seen).toMatchObject({
    placement: 'DEFAULT',
    lang: 'en',
    isAdmin: true,
    isInstallMode: false,
    isFirstRun: true,
    targetOrigin: portal.origin,
    appSid: sid,
  });
  expect((seen.auth as Record<string, unknown>).domain).toBe(portal.origin);

  // Second load: FIRST_RUN is cleared for this user and version.
  await page.reload();
  await appFrame(page);
  expect(initReplies(await messages(page))[0]!.FIRST_RUN).toBe(false);
});

test('getInterface, setTitle and resizeWindow in the DEFAULT placement', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  expect(await check(frame, 'getInterface')).toEqual({ command: [], event: [] });

  expect(await check(frame, 'setTitle', { title: 'Hello <b>portal</b>' })).toEqual({ title: 'Hello <b>portal</b>' });
  await expect(page.locator('#pagetitle')).toHaveText('Hello <b>portal</b>');

  const size = await check<{ width: number; height: number }>(frame, 'resize', { width: 640, height: 333 });
  expect(size).toEqual({ width: 640, height: 333 });
  const box = await page.locator('.app-frame').boundingBox();
  expect(Math.round(box!.height)).toBe(333);
  const fit = await check<{ width: number; height: number }>(frame, 'fit');
  expect(fit.width).toBeGreaterThan(640);
  expect(fit.height).toBeGreaterThan(0);
  const fitted = (await messages(page)).filter(
    (m) => m.dir === 'in' && typeof m.data === 'string' && m.data.startsWith('resizeWindow:{"width":"100%"'),
  );
  expect(fitted.length).toBe(1);
});

test('setAppOption / setUserOption round-trip into app.option.get / user.option.get and the next init', async ({
  page,
}) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  let frame = await appFrame(page);
  await check(frame, 'appSet', { name: 'mode', value: 'full' });
  await check(frame, 'userSet', { name: 'theme', value: 'dark' });
  // setAppOption replies with the full app-options map (admin).
  const log = await messages(page);
  const appSetMsg = log.find((m) => m.dir === 'in' && typeof m.data === 'string' && m.data.startsWith('setAppOption:'));
  const cb = (appSetMsg!.data as string).split(':').at(-2);
  expect(log.find((m) => m.dir === 'out' && typeof m.data === 'string' && m.data.startsWith(`${cb}:`))?.data).toBe(
    `${cb}:{"mode":"full"}`,
  );

  expect(await check(frame, 'call', { method: 'app.option.get', params: { option: 'mode' } })).toMatchObject({
    ok: true,
    result: 'full',
  });
  expect(await check(frame, 'call', { method: 'user.option.get', params: {} })).toMatchObject({
    ok: true,
    result: { theme: 'dark' },
  });

  await page.reload();
  frame = await appFrame(page);
  expect(await check(frame, 'appGet', { name: 'mode' })).toBe('full');
  expect(await check(frame, 'userGet', { name: 'theme' })).toBe('dark');
});

test('messages with a foreign APP_SID or from another origin get no reply', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  const answered = await frame.evaluate(async (target) => {
    let got = false;
    window.addEventListener('message', (e) => {
      if (typeof e.data === 'string' && e.data.startsWith('probe-1:')) got = true;
    });
    parent.postMessage('getInitData:probe-1:00000000000000000000000000000000', target);
    await new Promise((r) => setTimeout(r, 600));
    return got;
  }, portal.origin);
  expect(answered).toBe(false);
  expect((await messages(page)).some((m) => m.dir === 'drop')).toBe(true);
  // The page itself (portal origin) posting with the real SID is dropped too: wrong origin.
  const sid = await page.locator('iframe[data-placement="DEFAULT"]').getAttribute('data-app-sid');
  await page.evaluate((s) => window.postMessage(`getInitData:probe-2:${s}`, '*'), sid);
  await page.waitForTimeout(300);
  expect((await messages(page)).filter((m) => m.dir === 'out' && String(m.data).startsWith('probe-2:'))).toEqual([]);
});
