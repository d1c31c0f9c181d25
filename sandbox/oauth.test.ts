import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-utils.ts';

let t: TestSandbox;
let creds: { client_id: string; client_secret: string; refresh_token: string; member_id: string };
beforeAll(async () => {
  t = await startTestSandbox();
  creds = await (await t.raw('/sandbox/api/tokens', { method: 'POST', body: JSON.stringify({ userId: 1 }) })).json();
});
afterAll(async () => t.close());

const tokenUrl = (params: Record<string, string>) => `/oauth/token/?${new URLSearchParams(params).toString()}`;

describe('/oauth/token/', () => {
  it('rotates refresh tokens and refuses a used one with invalid_grant', async () => {
    const res = await t.raw(
      tokenUrl({
        grant_type: 'refresh_token',
        client_id: creds.client_id,
        client_secret: creds.client_secret,
        refresh_token: creds.refresh_token,
      }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    const origin = t.sandbox.portalUrl.replace(/\/$/, '');
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{32}$/),
      expires: expect.any(Number),
      expires_in: 3600,
      scope: expect.stringContaining('crm'),
      domain: new URL(origin).host,
      server_endpoint: `${origin}/rest/`,
      status: 'L',
      client_endpoint: `${origin}/rest/`,
      member_id: creds.member_id,
      user_id: 1,
      refresh_token: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(body.refresh_token).not.toBe(creds.refresh_token);
    const me = await (await t.raw(`/rest/user.current?auth=${body.access_token}`)).json();
    expect(me.result.ID).toBe('1');

    const reuse = await t.raw(
      tokenUrl({
        grant_type: 'refresh_token',
        client_id: creds.client_id,
        client_secret: creds.client_secret,
        refresh_token: creds.refresh_token,
      }),
    );
    expect(reuse.status).toBe(400);
    expect((await reuse.json()).error).toBe('invalid_grant');

    const form = await t.raw('/oauth/token/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: creds.client_id,
        client_secret: creds.client_secret,
        refresh_token: body.refresh_token,
      }).toString(),
    });
    expect(form.status).toBe(200);
  });

  it('answers invalid_client for a wrong secret and invalid_request without a grant', async () => {
    const bad = await t.raw(
      tokenUrl({ grant_type: 'refresh_token', client_id: creds.client_id, client_secret: 'nope', refresh_token: 'x' }),
    );
    expect(bad.status).toBe(401);
    expect((await bad.json()).error).toBe('invalid_client');
    const none = await t.raw('/oauth/token/');
    expect(none.status).toBe(400);
    expect((await none.json()).error).toBe('invalid_request');
  });
});

describe('/oauth/authorize/', () => {
  it('redirects with a one-time code for the portal user and exchanges it', async () => {
    const res = await t.raw(
      `/oauth/authorize/?client_id=${creds.client_id}&state=s123&redirect_uri=${encodeURIComponent('https://app.example.com/cb?x=1')}`,
      {
        redirect: 'manual',
        headers: { cookie: 'sandbox_user=3' },
      },
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://app.example.com/cb');
    expect(location.searchParams.get('x')).toBe('1');
    expect(location.searchParams.get('state')).toBe('s123');
    expect(location.searchParams.get('member_id')).toBe(creds.member_id);
    expect(location.searchParams.get('domain')).toBe(new URL(t.sandbox.portalUrl).host);
    expect(location.searchParams.get('server_domain')).toBe(new URL(t.sandbox.portalUrl).host);
    expect(location.searchParams.get('scope')).toContain('crm');
    const code = location.searchParams.get('code')!;

    const exchange = {
      grant_type: 'authorization_code',
      client_id: creds.client_id,
      client_secret: creds.client_secret,
      code,
    };
    const ok = await t.raw(tokenUrl(exchange));
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.user_id).toBe(3);
    expect((await (await t.raw(`/rest/user.current?auth=${body.access_token}`)).json()).result.ID).toBe('3');
    const again = await t.raw(tokenUrl(exchange));
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe('invalid_grant');
  });

  it('defaults to the app URL and user 1', async () => {
    const res = await t.raw(`/oauth/authorize/?client_id=${creds.client_id}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe('http://127.0.0.1:5999');
    expect(location.searchParams.has('state')).toBe(false);
    const ok = await (
      await t.raw(
        tokenUrl({
          grant_type: 'authorization_code',
          client_id: creds.client_id,
          client_secret: creds.client_secret,
          code: location.searchParams.get('code')!,
        }),
      )
    ).json();
    expect(ok.user_id).toBe(1);
  });
});
