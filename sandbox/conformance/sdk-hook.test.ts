import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AjaxError, ParamsFactory, type B24Hook } from '@bitrix24/b24jssdk';
import { startTestSandbox, type TestSandbox } from '../test-utils.ts';
import {
  addDeals,
  control,
  DIGITS,
  FAST_LIMITS,
  ISO_DATETIME,
  list,
  obj,
  sdkHook,
  sdkHookFor,
  type Json,
} from './helpers.ts';

let t: TestSandbox;
let b24: B24Hook;

beforeAll(async () => {
  t = await startTestSandbox();
  b24 = sdkHook(t);
  // Enough deals and tasks for several cursor pages.
  await addDeals(t, 70, 'SDK deal');
  const cmd: Record<string, string> = {};
  for (let i = 0; i < 50; i++) cmd[`t${i}`] = `tasks.task.add?fields[TITLE]=SDK%20task%20${i}&fields[RESPONSIBLE_ID]=1`;
  await t.hook('batch', { halt: 0, cmd });
  await t.hook('batch', {
    halt: 0,
    cmd: Object.fromEntries(
      Object.entries(cmd)
        .slice(0, 10)
        .map(([k, v]) => [`${k}b`, v]),
    ),
  });
});
afterAll(async () => t?.close());

/** Runs an SDK call expected to throw and returns the AjaxError. */
async function sdkError(promise: Promise<unknown>): Promise<AjaxError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AjaxError) return e;
    throw e;
  }
  throw new Error('expected the SDK call to throw');
}

async function logCount(method: string): Promise<{ status: number }[]> {
  const log = (await (await t.raw('/sandbox/api/log')).json()) as { method: string; status: number }[];
  return log.filter((e) => e.method === method);
}

/** Every row id of a list method through plain offset paging (`start` = 0, 50, …), ordered by id. */
async function offsetIds(method: string, params: Json, wrap: string | null, idKey: string): Promise<string[]> {
  const ids: string[] = [];
  let start: number | undefined = 0;
  for (let guard = 0; start !== undefined && guard < 100; guard++) {
    const r = await t.hook(method, { ...params, start });
    expect(r.status).toBe(200);
    const rows = list(wrap ? obj(r.body.result)[wrap] : r.body.result);
    for (const row of rows) ids.push(String(row[idKey]));
    start = typeof r.body.next === 'number' ? r.body.next : undefined;
  }
  return ids;
}

describe('B24Hook: single calls', () => {
  it('server.time succeeds and the SDK accepts the time block', async () => {
    const res = await b24.actions.v2.call.make<string>({ method: 'server.time' });
    expect(res.isSuccess).toBe(true);
    const data = res.getData()!;
    expect(data.result).toMatch(ISO_DATETIME);
    const time = data.time as unknown as Json;
    expect(typeof time.start).toBe('number');
    expect(typeof time.operating).toBe('number');
    expect(time.date_start).toMatch(ISO_DATETIME);
  });

  it('profile and user.current describe the webhook owner (admin 1)', async () => {
    const profile = obj((await b24.actions.v2.call.make({ method: 'profile' })).getData()!.result);
    expect(profile).toMatchObject({ ID: '1', ADMIN: true });
    const me = obj((await b24.actions.v2.call.make({ method: 'user.current' })).getData()!.result);
    expect(me.ID).toBe('1');
    expect(me.ACTIVE).toBe(true);
    expect(me.UF_DEPARTMENT).toEqual([1]);
  });

  it('crm.deal.get returns the legacy string-typed deal', async () => {
    const listed = await b24.actions.v2.call.make<Json[]>({
      method: 'crm.deal.list',
      params: { order: { ID: 'ASC' }, select: ['ID'], start: -1 },
    });
    const firstId = String(list(listed.getData()!.result)[0]!.ID);
    const res = await b24.actions.v2.call.make({ method: 'crm.deal.get', params: { id: firstId } });
    const deal = obj(res.getData()!.result);
    expect(deal.ID).toBe(firstId);
    expect(typeof deal.TITLE).toBe('string');
    expect(deal.OPPORTUNITY).toMatch(/^\d+\.\d\d$/);
    expect(deal.DATE_CREATE).toMatch(ISO_DATETIME);
  });
});

describe('B24Hook: errors', () => {
  it('unknown method → thrown ERROR_METHOD_NOT_FOUND 404, not retried', async () => {
    const err = await sdkError(b24.actions.v2.call.make({ method: 'crm.deal.frobnicate' }));
    expect(err.code).toBe('ERROR_METHOD_NOT_FOUND');
    expect(err.status).toBe(404);
    expect(await logCount('crm.deal.frobnicate')).toHaveLength(1);
  });

  it('legacy CRM "" error reaches the app as ERR_BAD_REQUEST 400 (rest.md §4.1)', async () => {
    const err = await sdkError(b24.actions.v2.call.make({ method: 'crm.deal.get', params: { id: 99_999_999 } }));
    expect(err.code).toBe('ERR_BAD_REQUEST');
    expect(err.status).toBe(400);
    expect((await logCount('crm.deal.get')).filter((e) => e.status === 400)).toHaveLength(1);
  });

  it('insufficient scope on a restricted webhook → insufficient_scope 401; allowed scopes work', async () => {
    t.sandbox.env.db
      .prepare(
        "INSERT INTO webhooks (user_id, code, scopes, title) VALUES (1, 'userscopeonly0001', 'user', 'restricted')",
      )
      .run();
    const limited = sdkHookFor(t, 1, 'userscopeonly0001');
    const err = await sdkError(limited.actions.v2.call.make({ method: 'crm.deal.list' }));
    expect(err.code).toBe('insufficient_scope');
    expect(err.status).toBe(401);
    expect(err.message).toContain('webhook');
    const me = await limited.actions.v2.call.make({ method: 'user.current' });
    expect(obj(me.getData()!.result).ID).toBe('1');
    const batch = await limited.actions.v2.batch.make({
      calls: { me: { method: 'user.current' }, deals: { method: 'crm.deal.list' } },
      options: { isHaltOnError: false },
    });
    expect(batch.isSuccess).toBe(false);
    expect(batch.getErrorMessages().join(' ')).toContain('insufficient_scope');
    expect(obj(obj(batch.getData()).me).ID).toBe('1');
  });

  it('a bad webhook code → INVALID_CREDENTIALS 401', async () => {
    const stranger = sdkHookFor(t, 1, 'nosuchcode');
    const err = await sdkError(stranger.actions.v2.call.make({ method: 'server.time' }));
    expect(err.code).toBe('INVALID_CREDENTIALS');
    expect(err.status).toBe(401);
  });
});

describe('B24Hook: batch', () => {
  it('object calls with halt 0: successes keyed by name, failures reported', async () => {
    const res = await b24.actions.v2.batch.make({
      calls: {
        me: { method: 'user.current' },
        now: { method: 'server.time' },
        bad: { method: 'no.such.method' },
        after: { method: 'scope' },
      },
      options: { isHaltOnError: false },
    });
    expect(res.isSuccess).toBe(false);
    expect(res.getErrorMessages().join(' ')).toContain('Method not found');
    const data = obj(res.getData());
    expect(Object.keys(data).sort()).toEqual(['after', 'me', 'now']);
    expect(obj(data.me).ID).toBe('1');
    expect(data.now).toMatch(ISO_DATETIME);
    expect(data.after).toContain('crm');
  });

  it('array calls with halt 1 (the SDK default) stop at the first failure', async () => {
    const res = await b24.actions.v2.batch.make({ calls: [['server.time', {}], ['no.such.method'], ['scope']] });
    expect(res.isSuccess).toBe(false);
    const data = res.getData() as unknown[];
    expect(data).toHaveLength(1);
    expect(data[0]).toMatch(ISO_DATETIME);
    const raw = await t.hook('batch', { halt: 1, cmd: ['server.time', 'no.such.method', 'scope'] });
    const buckets = obj(raw.body.result);
    expect(buckets.result).toHaveLength(1);
    expect(Object.keys(obj(buckets.result_error))).toEqual(['1']);
  });

  it('resolves $result references in SDK-serialised commands', async () => {
    const res = await b24.actions.v2.batch.make({
      calls: {
        me: { method: 'user.current' },
        dept: { method: 'department.get', params: { ID: '$result[me][UF_DEPARTMENT][0]' } },
        made: { method: 'crm.deal.add', params: { fields: { TITLE: 'Batch ref deal', OPPORTUNITY: 10 } } },
        read: { method: 'crm.deal.get', params: { id: '$result[made]' } },
      },
    });
    expect(res.getErrorMessages()).toEqual([]);
    const data = obj(res.getData());
    expect(list(data.dept)[0]!.ID).toBe('1');
    expect(typeof data.made).toBe('number');
    expect(obj(data.read)).toMatchObject({ ID: String(data.made), TITLE: 'Batch ref deal', OPPORTUNITY: '10.00' });
  });

  it('a legacy "" error inside batch is not flagged by the SDK (rest.md §4.1)', async () => {
    const res = await b24.actions.v2.batch.make({
      calls: { gone: { method: 'crm.deal.get', params: { id: 99_999_998 } }, now: { method: 'server.time' } },
      options: { isHaltOnError: false },
    });
    expect(res.isSuccess).toBe(true);
    const data = obj(res.getData());
    expect(data.gone).toBeUndefined();
    expect(data.now).toMatch(ISO_DATETIME);
  });

  it('batchByChunk splits 120 calls into chunks of 50', async () => {
    const calls = Array.from({ length: 120 }, (_, i) => ({
      method: 'method.get',
      params: { name: i % 2 ? 'server.time' : 'no.such' },
    }));
    const res = await b24.actions.v2.batchByChunk.make({ calls });
    expect(res.isSuccess).toBe(true);
    const data = res.getData() as Json[];
    expect(data).toHaveLength(120);
    expect(data[1]).toEqual({ isExisting: true, isAvailable: true });
    expect(data[0]).toEqual({ isExisting: false, isAvailable: false });
  });

  it('refuses 51 commands client-side with JSSDK_BATCH_TOO_LARGE', async () => {
    const calls = Array.from({ length: 51 }, () => ({ method: 'server.time' }));
    const err = await sdkError(b24.actions.v2.batch.make({ calls }));
    expect(err.code).toBe('JSSDK_BATCH_TOO_LARGE');
  });
});

describe('B24Hook: callList / fetchList give the same rows as offset paging', () => {
  it('crm.deal.list', async () => {
    const expected = await offsetIds('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'] }, null, 'ID');
    expect(expected.length).toBeGreaterThan(100);
    const all = await b24.actions.v2.callList.make<Json>({
      method: 'crm.deal.list',
      params: { select: ['ID', 'TITLE'] },
    });
    expect(all.isSuccess).toBe(true);
    const ids = (all.getData() as Json[]).map((r) => String(r.ID));
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    const chunks: string[] = [];
    let pages = 0;
    for await (const page of b24.actions.v2.fetchList.make<Json>({
      method: 'crm.deal.list',
      params: { select: ['ID'] },
    })) {
      pages++;
      expect(page.length).toBeLessThanOrEqual(50);
      chunks.push(...page.map((r) => String(r.ID)));
    }
    expect(chunks).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 50) + (expected.length % 50 === 0 ? 1 : 0));
  });

  it('crm.item.list (entityTypeId 2, idKey id, customKeyForResult items)', async () => {
    const expected = await offsetIds(
      'crm.item.list',
      { entityTypeId: 2, order: { id: 'ASC' }, select: ['id'] },
      'items',
      'id',
    );
    const deals = await offsetIds('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'] }, null, 'ID');
    expect(expected).toEqual(deals);
    const all = await b24.actions.v2.callList.make<Json>({
      method: 'crm.item.list',
      params: { entityTypeId: 2, select: ['id', 'title'] },
      idKey: 'id',
      customKeyForResult: 'items',
    });
    expect(all.isSuccess).toBe(true);
    const rows = all.getData() as Json[];
    expect(typeof rows[0]!.id).toBe('number');
    expect(rows.map((r) => String(r.id))).toEqual(expected);
  });

  it('tasks.task.list (idKey id, cursorIdKey ID, customKeyForResult tasks)', async () => {
    const expected = await offsetIds(
      'tasks.task.list',
      { order: { ID: 'ASC' }, select: ['ID', 'TITLE'] },
      'tasks',
      'id',
    );
    expect(expected.length).toBeGreaterThan(50);
    const all = await b24.actions.v2.callList.make<Json>({
      method: 'tasks.task.list',
      params: { select: ['ID', 'TITLE'] },
      idKey: 'id',
      cursorIdKey: 'ID',
      customKeyForResult: 'tasks',
    });
    expect(all.isSuccess).toBe(true);
    const rows = all.getData() as Json[];
    expect(rows[0]!.id).toMatch(DIGITS);
    const ids = rows.map((r) => String(r.id));
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('user.get', async () => {
    const expected = await offsetIds('user.get', { order: { ID: 'ASC' } }, null, 'ID');
    expect(expected.length).toBeGreaterThanOrEqual(12);
    const all = await b24.actions.v2.callList.make<Json>({ method: 'user.get', params: {} });
    expect(all.isSuccess).toBe(true);
    expect((all.getData() as Json[]).map((r) => String(r.ID))).toEqual(expected);
  });
});

describe('B24Hook: limits', () => {
  it('retries a forced 503 QUERY_LIMIT_EXCEEDED and succeeds', async () => {
    await t.raw('/sandbox/api/log', { method: 'DELETE' });
    await control(t, 'force', {
      status: 503,
      body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
      method: 'server.time',
    });
    const fresh = sdkHook(t);
    const res = await fresh.actions.v2.call.make<string>({ method: 'server.time' });
    expect(res.getData()!.result).toMatch(ISO_DATETIME);
    expect((await logCount('server.time')).map((e) => e.status)).toEqual([503, 200]);
  });

  it(
    'completes 60 calls with the SDK limiter at defaults against the standard rate limit',
    { timeout: 40_000 },
    async () => {
      await control(t, 'config', { rateLimit: 'standard' });
      try {
        const standard = sdkHook(t, ParamsFactory.getDefault());
        const results = await Promise.all(
          Array.from({ length: 60 }, () => standard.actions.v2.call.make<string>({ method: 'server.time' })),
        );
        expect(results.every((r) => r.isSuccess)).toBe(true);
      } finally {
        await control(t, 'config', { rateLimit: 'off' });
      }
    },
  );

  it('surfaces 429 OPERATION_TIME_LIMIT once the operating limit is used up', async () => {
    await control(t, 'config', { operatingLimit: 0.000001, operatingFactor: 1000 });
    try {
      const once = sdkHook(t, { ...FAST_LIMITS, maxRetries: 1 });
      // Methods not called before in this file: operating time is accounted per method.
      await once.actions.v2.call.make({ method: 'feature.get', params: { CODE: 'x' } });
      const err = await sdkError(once.actions.v2.call.make({ method: 'feature.get', params: { CODE: 'x' } }));
      expect(err.code).toBe('OPERATION_TIME_LIMIT');
      expect(err.status).toBe(429);
      // Other methods keep working.
      const other = await once.actions.v2.call.make({ method: 'user.admin' });
      expect(other.isSuccess).toBe(true);
    } finally {
      await control(t, 'config', { operatingLimit: null, operatingFactor: 1 });
    }
  });
});
