import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../test-utils.ts';
import { esc, html } from './html.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  t.sandbox.env.db
    .prepare('INSERT INTO users (id, data) VALUES (3, ?)')
    .run(JSON.stringify({ ACTIVE: true, NAME: '<img src=x onerror=alert(1)>', LAST_NAME: 'Lund', _ADMIN: false }));
});
afterAll(async () => t.close());

const post = (path: string, body: unknown, user = 1) =>
  t.raw(`/sandbox/portal-api/${path}`, {
    method: 'POST',
    headers: { cookie: `sandbox_user=${user}` },
    body: JSON.stringify(body),
  });

describe('portal html', () => {
  it('escapes every interpolated value', () => {
    expect(esc(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(html`<p title="${'"x"'}">${'<b>'}</p>`.text).toBe('<p title="&quot;x&quot;">&lt;b&gt;</p>');
  });

  it('renders data from the database inert', async () => {
    const res = await t.raw('/company/', { headers: { cookie: 'sandbox_user=1' } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt; Lund');
    expect(text).not.toContain('<img src=x');
  });
});

describe('portal-api frames', () => {
  it('refuses a non-admin while the app is not installed and gives the admin the install page', async () => {
    const regular = await post('frames', { placement: 'DEFAULT' }, 3);
    expect(regular.status).toBe(409);
    expect(await regular.json()).toEqual({ ok: false, reason: 'NOT_INSTALLED' });
    const admin = (await (await post('frames', { placement: 'DEFAULT' })).json()) as {
      ok: boolean;
      sid: string;
      url: string;
      install: boolean;
      method: string;
    };
    expect(admin).toMatchObject({ ok: true, install: true, method: 'GET' });
    const url = new URL(admin.url);
    expect(url.searchParams.get('APP_SID')).toBe(admin.sid);
    expect(url.searchParams.get('PROTOCOL')).toBe('0');
    const init = (await (await t.raw(`/sandbox/portal-api/frames/${admin.sid}/init`)).json()) as Record<
      string,
      unknown
    >;
    expect(init).toMatchObject({
      INSTALL: true,
      FIRST_RUN: true,
      IS_ADMIN: true,
      PROTOCOL: 0,
      AUTH_EXPIRES: '3600',
      APP_OPTIONS: {},
      USER_OPTIONS: {},
      PLACEMENT: 'DEFAULT',
      PLACEMENT_OPTIONS: {},
    });
  });

  it('clears FIRST_RUN with setInstall, installs with setInstallFinish, rotates tokens on refresh', async () => {
    const frame = (await (await post('frames', { placement: 'DEFAULT' })).json()) as { sid: string };
    await post(`frames/${frame.sid}/install`, { install: true });
    await post(`frames/${frame.sid}/install-finish`, {});
    const app = t.sandbox.env.db.prepare('SELECT installed FROM apps WHERE id = 1').get() as { installed: number };
    expect(app.installed).toBe(1);
    const next = (await (await post('frames', { placement: 'DEFAULT' })).json()) as { sid: string; install: boolean };
    expect(next.install).toBe(false);
    const init = (await (await t.raw(`/sandbox/portal-api/frames/${next.sid}/init`)).json()) as Record<
      string,
      string | boolean
    >;
    expect(init.FIRST_RUN).toBe(false);
    const fresh = (await (await post(`frames/${next.sid}/refresh`, {})).json()) as Record<string, string>;
    expect(Object.keys(fresh).sort()).toEqual(['AUTH_EXPIRES', 'AUTH_ID', 'REFRESH_ID']);
    expect(fresh.AUTH_ID).not.toBe(init.AUTH_ID);
    expect((await t.raw(`/rest/server.time?auth=${String(init.AUTH_ID)}`)).status).toBe(401);
    expect((await t.raw(`/rest/server.time?auth=${fresh.AUTH_ID}`)).status).toBe(200);
  });

  it('stores app options for admins only and user options per user', async () => {
    const admin = (await (await post('frames', { placement: 'DEFAULT' })).json()) as { sid: string };
    expect(await (await post(`frames/${admin.sid}/app-option`, { name: 'mode', value: { a: 1 } })).json()).toEqual({
      ok: true,
      options: { mode: { a: 1 } },
    });
    const regular = (await (await post('frames', { placement: 'DEFAULT' }, 3)).json()) as { sid: string };
    expect(await (await post(`frames/${regular.sid}/app-option`, { name: 'mode', value: 2 })).json()).toEqual({
      ok: false,
    });
    await post(`frames/${regular.sid}/user-option`, { name: 'theme', value: 'dark' });
    const init = (await (await t.raw(`/sandbox/portal-api/frames/${regular.sid}/init`)).json()) as Record<
      string,
      unknown
    >;
    expect(init.APP_OPTIONS).toEqual({ mode: { a: 1 } });
    expect(init.USER_OPTIONS).toEqual({ theme: 'dark' });
    expect(init.IS_ADMIN).toBe(false);
  });

  it('answers unknown frames with 404 and non-portal paths with false', async () => {
    expect((await t.raw('/sandbox/portal-api/frames/0123456789abcdef0123456789abcdef/init')).status).toBe(404);
    expect((await t.raw('/no/such/page/')).status).toBe(404);
  });
});
