import { expect, test } from '@playwright/test';
import { appFrame, check, messages, startPortal, type Portal } from '../support/portal.ts';

let portal: Portal;
test.beforeAll(async () => {
  portal = await startPortal();
  await portal.control('app', { installed: true });
});
test.afterAll(async () => portal.close());

test('an expired token is refreshed through refreshAuth and the call succeeds', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  const before = await check<{ access_token: string }>(frame, 'authData');
  expect(await portal.control('expire-tokens', {})).toMatchObject({ expired: expect.any(Number) });
  const r = await check<{ ok: boolean; result: unknown }>(frame, 'call', { method: 'server.time' });
  expect(r.ok).toBe(true);
  const after = await check<{ access_token: string }>(frame, 'authData');
  expect(after.access_token).not.toBe(before.access_token);
  const log = await messages(page);
  const refresh = log.find((m) => m.dir === 'in' && typeof m.data === 'string' && m.data.startsWith('refreshAuth:'));
  const cb = (refresh!.data as string).split(':').at(-2);
  const answer = log.find((m) => m.dir === 'out' && typeof m.data === 'string' && m.data.startsWith(`${cb}:`));
  const body = JSON.parse((answer!.data as string).slice(cb!.length + 1)) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['AUTH_EXPIRES', 'AUTH_ID', 'REFRESH_ID']);
  expect(body.AUTH_EXPIRES).toBe('3600');
  // The old token is dead; the REST log shows the 401 then the retried success.
  const rest = (await portal.control('log')) as { method: string; status: number; error: string | null }[];
  const times = rest.filter((e) => e.method === 'server.time');
  expect(times.map((e) => e.status)).toEqual([401, 200]);
  expect(times[0]!.error).toBe('expired_token');
  // An explicit refresh rotates again.
  const explicit = await check<{ access_token: string }>(frame, 'refreshAuth');
  expect(explicit.access_token).not.toBe(after.access_token);
});

test('batch goes out as one request', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  await portal.control('log', undefined, 'DELETE');
  const r = await check<{ ok: boolean; data: unknown[] }>(frame, 'batch', {
    calls: [
      ['server.time', {}],
      ['app.info', {}],
      ['profile', {}],
    ],
  });
  expect(r.ok).toBe(true);
  expect(r.data).toHaveLength(3);
  expect((r.data[1] as Record<string, unknown>).INSTALLED).toBe(true);
  expect((r.data[2] as Record<string, unknown>).ID).toBe('1');
  const rest = (await portal.control('log')) as { method: string; batch?: string[] }[];
  expect(rest).toHaveLength(1);
  expect(rest[0]).toMatchObject({ method: 'batch', batch: ['server.time', 'app.info', 'profile'] });
});

test('a forced 503 QUERY_LIMIT_EXCEEDED is retried by the SDK and the call still succeeds', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  await portal.control('log', undefined, 'DELETE');
  await portal.control('force', {
    status: 503,
    body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
  });
  const r = await check<{ ok: boolean }>(frame, 'call', { method: 'server.time' });
  expect(r.ok).toBe(true);
  const rest = (await portal.control('log')) as { method: string; status: number }[];
  expect(rest.map((e) => e.status)).toEqual([503, 200]);
});

test('callList walks every page of crm.deal.list with the ID cursor', async ({ page }) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const frame = await appFrame(page);
  const total = (await portal.rest('crm.deal.list', { select: ['ID'] })).body.total as number;
  expect(total).toBeGreaterThan(50);
  const r = await check<{ ok: boolean; count: number; ids: number[] }>(frame, 'callList', {
    method: 'crm.deal.list',
    params: { select: ['ID', 'TITLE'] },
  });
  expect(r.ok).toBe(true);
  expect(r.count).toBe(total);
  expect(new Set(r.ids).size).toBe(total);
  expect([...r.ids].sort((a, b) => a - b)).toEqual(r.ids);
});
