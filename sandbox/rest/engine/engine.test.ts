import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
});
afterAll(async () => t.close());

describe('REST transport', () => {
  it('wraps results in the envelope with the full time block', async () => {
    const { status, body } = await t.hook('server.time');
    expect(status).toBe(200);
    expect(typeof body.result).toBe('string');
    const time = body.time as Record<string, unknown>;
    for (const key of ['start', 'finish', 'duration', 'processing', 'date_start', 'date_finish', 'operating'])
      expect(time).toHaveProperty(key);
    expect(time.date_start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });

  it('answers unknown methods with 404 ERROR_METHOD_NOT_FOUND and no time block', async () => {
    const { status, body } = await t.hook('crm.deal.frobnicate');
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
  });

  it('accepts method names in any case and with a .json suffix', async () => {
    const res = await t.raw(`${new URL(t.sandbox.webhookHttpUrl).pathname}SERVER.Time.json`);
    expect(res.status).toBe(200);
  });

  it('refuses calls without auth, with garbage tokens and with expired tokens', async () => {
    expect((await t.raw('/rest/server.time')).status).toBe(401);
    const garbage = await (await t.raw('/rest/server.time?auth=nope')).json();
    expect(garbage.error).toBe('invalid_token');
    const token = await t.token();
    await t.raw('/sandbox/api/expire-tokens', { method: 'POST', body: '{}' });
    const expired = await t.raw(`/rest/server.time?auth=${token}`);
    expect(expired.status).toBe(401);
    expect((await expired.json()).error).toBe('expired_token');
  });

  it('answers CORS preflight and puts CORS headers on errors', async () => {
    const pre = await t.raw('/rest/crm.deal.list', {
      method: 'OPTIONS',
      headers: { 'access-control-request-headers': 'content-type', origin: 'http://127.0.0.1:5999' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toContain('content-type');
    const err = await t.raw('/rest/server.time');
    expect(err.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('treats invalid JSON bodies as empty parameter maps', async () => {
    const res = await fetch(`${t.sandbox.webhookHttpUrl}server.time`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(res.status).toBe(200);
  });

  it('refuses oversized bodies with INVALID_REQUEST, not a crash', async () => {
    const big = 'x'.repeat(33 * 1024 * 1024);
    const res = await fetch(`${t.sandbox.webhookHttpUrl}server.time`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('INVALID_REQUEST');
    expect((await t.hook('server.time')).status).toBe(200);
  });
});

describe('batch', () => {
  it('runs commands, reports per-command errors and empty buckets as []', async () => {
    const { status, body } = await t.hook('batch', {
      halt: 0,
      cmd: { a: 'server.time', b: 'no.such.method', c: 'scope' },
    });
    expect(status).toBe(200);
    const r = body.result as Record<string, unknown>;
    expect(Object.keys(r.result as object)).toEqual(['a', 'c']);
    expect((r.result_error as Record<string, { error: string }>).b!.error).toBe('ERROR_METHOD_NOT_FOUND');
    expect(r.result_total).toEqual([]);
    expect(r.result_next).toEqual([]);
  });

  it('stops at the first error with halt', async () => {
    const { body } = await t.hook('batch', { halt: 1, cmd: ['server.time', 'bad.method', 'scope'] });
    const r = body.result as Record<string, unknown>;
    expect(r.result).toHaveLength(1);
    expect(Object.keys(r.result_error as object)).toEqual(['1']);
  });

  it('refuses commands past 50 and nested batch per command', async () => {
    const cmd: Record<string, string> = {};
    for (let i = 0; i < 51; i++) cmd[`c${i}`] = 'server.time';
    cmd.nested = 'batch?cmd[x]=server.time';
    const { body } = await t.hook('batch', { halt: 0, cmd });
    const r = body.result as Record<string, Record<string, { error: string }>>;
    expect(Object.keys(r.result!)).toHaveLength(50);
    expect(r.result_error!.c50!.error).toBe('ERROR_BATCH_LENGTH_EXCEEDED');
    expect(r.result_error!.nested!.error).toBe('ERROR_BATCH_LENGTH_EXCEEDED');
  });

  it('resolves $result references, and unresolved ones to the deepest value reached', async () => {
    const { body } = await t.hook('batch', {
      halt: 0,
      cmd: {
        me: 'profile',
        same: 'method.get?name=$result[me][ID]',
        embedded: 'method.get?name=x$result[me]y',
        missing: 'method.get?name=$result[me][NOPE][0]',
      },
    });
    const r = body.result as Record<string, Record<string, unknown>>;
    expect(r.result!.same).toEqual({ isExisting: false, isAvailable: false });
    expect(r.result!.embedded).toEqual({ isExisting: false, isAvailable: false });
    expect(r.result!.missing).toBeDefined();
  });
});

describe('control API', () => {
  it('validates config and names the bad key', async () => {
    const bad = await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ rateLimit: 'fast' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error_description).toContain('rateLimit');
  });

  it('applies the standard leaky bucket: 50 burst then 503 QUERY_LIMIT_EXCEEDED', async () => {
    await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ rateLimit: 'standard' }) });
    const statuses = await Promise.all(Array.from({ length: 55 }, () => t.hook('server.time').then((r) => r.status)));
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(50);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(52);
    const limited = await t.hook('server.time');
    expect(limited.status).toBe(503);
    expect(limited.body.error).toBe('QUERY_LIMIT_EXCEEDED');
    await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ rateLimit: 'off' }) });
  });

  it('logs calls with batch sub-methods, and clears the log', async () => {
    await t.raw('/sandbox/api/log', { method: 'DELETE' });
    await t.hook('batch', { cmd: { a: 'server.time', b: 'scope' } });
    await t.hook('no.such');
    const log = (await (await t.raw('/sandbox/api/log')).json()) as {
      method: string;
      status: number;
      error: string | null;
      batch?: string[];
    }[];
    expect(log.map((e) => e.method)).toEqual(['batch', 'no.such']);
    expect(log[0]!.batch).toEqual(['server.time', 'scope']);
    expect(log[1]).toMatchObject({ status: 404, error: 'ERROR_METHOD_NOT_FOUND' });
  });

  it('forces a response for a method inside a batch', async () => {
    await t.raw('/sandbox/api/force', {
      method: 'POST',
      body: JSON.stringify({
        status: 400,
        method: 'scope',
        body: { error: 'ERROR_CORE', error_description: 'forced' },
      }),
    });
    const { body } = await t.hook('batch', { halt: 0, cmd: { a: 'server.time', b: 'scope', c: 'scope' } });
    const r = body.result as Record<string, Record<string, unknown>>;
    expect(r.result_error).toEqual({ b: { error: 'ERROR_CORE', error_description: 'forced' } });
    expect(Object.keys(r.result!)).toEqual(['a', 'c']);
  });

  it('forces the next response', async () => {
    await t.raw('/sandbox/api/force', {
      method: 'POST',
      body: JSON.stringify({
        status: 503,
        body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
      }),
    });
    expect((await t.hook('server.time')).status).toBe(503);
    expect((await t.hook('server.time')).status).toBe(200);
  });
});
