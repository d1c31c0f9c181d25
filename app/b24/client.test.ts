import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../sandbox/test-utils.ts';
import { B24Client, type RawCaller, type RestAnswer } from './client.ts';
import { BitrixError, errorFromBody } from './errors.ts';
import { createHookClient } from './hook-client.ts';
import { TEST_RESTRICTION_PARAMS } from './restrictions.ts';

// The data layer is tested against a real sandbox over HTTPS, through the unmodified SDK (B24Hook).
let t: TestSandbox;
let client: B24Client;

interface LogEntry {
  method: string;
  status: number;
  batch?: string[];
}

const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const clearLog = () => t.raw('/sandbox/api/log', { method: 'DELETE' });
const force = (body: Record<string, unknown>) =>
  t.raw('/sandbox/api/force', { method: 'POST', body: JSON.stringify(body) });

/** Fills the portal with `count` records, 50 adds per batch, over the plain-HTTP webhook. */
async function seed(count: number, command: (i: number) => string): Promise<void> {
  for (let b = 0; b * 50 < count; b++) {
    const cmd: Record<string, string> = {};
    for (let i = b * 50; i < Math.min(count, (b + 1) * 50); i++) cmd[`a${i}`] = command(i + 1);
    const res = await t.hook('batch', { halt: 1, cmd });
    expect(res.status).toBe(200);
  }
}

async function rejection(p: Promise<unknown>): Promise<BitrixError> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(BitrixError);
  return outcome as BitrixError;
}

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  ({ client } = createHookClient(t.sandbox.webhookUrl, {
    caPath: t.sandbox.caPath,
    restrictionParams: TEST_RESTRICTION_PARAMS,
  }));
  // 2,600 deals with opportunities cycling 0..490 by 10; 60 tasks; 119 more users.
  await seed(2600, (n) => `crm.deal.add?fields[TITLE]=Deal ${n}&fields[OPPORTUNITY]=${((n - 1) % 50) * 10}`);
  await seed(60, (n) => `tasks.task.add?fields[TITLE]=Task ${n}&fields[RESPONSIBLE_ID]=1`);
  const admin = t.sandbox.env.db.prepare('SELECT data FROM users WHERE id = 1').get() as { data: string };
  const insert = t.sandbox.env.db.prepare('INSERT INTO users (id, data) VALUES (?, ?)');
  for (let id = 2; id <= 120; id++) {
    const doc = { ...(JSON.parse(admin.data) as Record<string, unknown>), ID: String(id), NAME: `User ${id}` };
    insert.run(id, JSON.stringify(doc));
  }
}, 120_000);

afterAll(async () => t?.close());

describe('B24Client coalescing', () => {
  it('sends calls issued in the same tick as one batch request, each caller getting its own answer', async () => {
    await clearLog();
    const [time, scope, missing, deal] = await Promise.allSettled([
      client.call('server.time'),
      client.call('scope'),
      client.call('crm.deal.get', { id: 999_999 }),
      client.call<{ TITLE: string }>('crm.deal.get', { id: 1 }),
    ]);
    expect(time.status).toBe('fulfilled');
    expect(scope.status).toBe('fulfilled');
    expect(deal.status === 'fulfilled' && deal.value.result.TITLE).toBe('Deal 1');
    // Legacy CRM errors carry an empty code; the client still reports them per caller.
    expect(missing.status).toBe('rejected');
    const reason = (missing as PromiseRejectedResult).reason as BitrixError;
    expect(reason).toBeInstanceOf(BitrixError);
    expect(reason.description).toMatch(/not found/i);
    const entries = await log();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.method).toBe('batch');
    expect(entries[0]!.batch).toEqual(['server.time', 'scope', 'crm.deal.get', 'crm.deal.get']);
  });

  it('sends a lone call as itself', async () => {
    await clearLog();
    await client.call('server.time');
    expect((await log()).map((e) => e.method)).toEqual(['server.time']);
  });

  it('passes total and next of a lone list call through', async () => {
    const page = await client.call<unknown[]>('crm.deal.list', { select: ['ID'], start: 50 });
    expect(page.result).toHaveLength(50);
    expect([page.total, page.next]).toEqual([2600, 100]);
  });

  it('splits more than 50 same-tick calls into batches of 50', async () => {
    await clearLog();
    const answers = await Promise.all(
      Array.from({ length: 120 }, (_, i) => client.call<{ ID: string }>('crm.deal.get', { id: i + 1 })),
    );
    expect(answers.map((a) => a.result.ID)).toEqual(Array.from({ length: 120 }, (_, i) => String(i + 1)));
    expect((await log()).map((e) => e.batch?.length)).toEqual([50, 50, 20]);
  });
});

describe('B24Client references', () => {
  type Deal = { item: { id: number; assignedById: number } };
  type User = { ID: string; NAME: string };

  it("sends a call that needs another call's answer in the same batch ($result reference)", async () => {
    await t.hook('crm.item.update', { entityTypeId: 2, id: 7, fields: { assignedById: 42 } });
    await clearLog();
    const deal = client.call<Deal>('crm.item.get', { entityTypeId: 2, id: 7 });
    const owner = client.call<User[]>('user.get', { FILTER: { ID: client.ref(deal, 'item', 'assignedById') } });
    const [d, u] = await Promise.all([deal, owner]);
    expect(d.result.item.assignedById).toBe(42);
    expect(u.result.map((x) => x.ID)).toEqual(['42']);
    const entries = await log();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.batch).toEqual(['crm.item.get', 'user.get']);
  });

  it('reads the value from an answer that has already arrived', async () => {
    const deal = client.call<Deal>('crm.item.get', { entityTypeId: 2, id: 7 });
    await deal;
    await clearLog();
    const owner = await client.call<User[]>('user.get', { FILTER: { ID: client.ref(deal, 'item', 'assignedById') } });
    expect(owner.result.map((x) => x.ID)).toEqual(['42']);
    expect((await log()).map((e) => e.method)).toEqual(['user.get']);
  });

  it('rejects the dependent call when the call it refers to fails, without a wrong answer', async () => {
    await clearLog();
    const deal = client.call<Deal>('crm.item.get', { entityTypeId: 2, id: 999_999 });
    const owner = client.call('user.get', { FILTER: { ID: client.ref(deal, 'item', 'assignedById') } });
    const [d, u] = await Promise.allSettled([deal, owner]);
    expect(d.status).toBe('rejected');
    expect(u.status === 'rejected' && (u.reason as BitrixError).code).toBe('ERR_BATCH_REFERENCE');
    expect(await log()).toHaveLength(1);
  });

  it('rejects the dependent call when the answer has nothing at the path', async () => {
    const deal = client.call<Deal>('crm.item.get', { entityTypeId: 2, id: 7 });
    const owner = client.call('user.get', { FILTER: { ID: client.ref(deal, 'item', 'noSuchField') } });
    const [d, u] = await Promise.allSettled([deal, owner]);
    expect(d.status).toBe('fulfilled');
    expect(u.status === 'rejected' && (u.reason as BitrixError).code).toBe('ERR_BATCH_REFERENCE');
  });

  it('keeps a reference across the 50-command split: the later batch gets the value', async () => {
    await clearLog();
    const deals = Array.from({ length: 50 }, (_, i) =>
      client.call<Deal>('crm.item.get', { entityTypeId: 2, id: i + 1 }),
    );
    const owner = client.call<User[]>('user.get', { FILTER: { ID: client.ref(deals[6]!, 'item', 'assignedById') } });
    const answers = await Promise.all([...deals, owner]);
    expect((answers[50] as Awaited<typeof owner>).result.map((x) => x.ID)).toEqual(['42']);
    expect((await log()).map((e) => e.batch?.length ?? 1)).toEqual([50, 1]);
  });
});

describe('B24Client list streaming', () => {
  it('streams a legacy list with one HTTP request per 2,500 rows, no row twice or missing', async () => {
    await clearLog();
    const ids: number[] = [];
    for await (const page of client.list<{ ID: string }>('crm.deal.list', { select: ['ID', 'TITLE'] }))
      ids.push(...page.map((r) => Number(r.ID)));
    expect(ids).toHaveLength(2600);
    expect(new Set(ids).size).toBe(2600);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await log()).toHaveLength(2);
  });

  it('stops at a filter upper bound without asking for an empty page', async () => {
    await clearLog();
    const rows = await client.listAll<{ ID: string }>('crm.deal.list', { select: ['ID'], filter: { '<=ID': 2500 } });
    expect(rows).toHaveLength(2500);
    expect(await log()).toHaveLength(1);
    await clearLog();
    const below = await client.listAll<{ ID: string }>('crm.deal.list', { select: ['ID'], filter: { '<ID': 2501 } });
    expect(below.map((r) => Number(r.ID))).toEqual(rows.map((r) => Number(r.ID)));
    expect(await log()).toHaveLength(1);
  });

  it('keeps the caller filter and drops a caller order (the cursor owns the order)', async () => {
    await clearLog();
    const rows = await client.listAll<{ ID: string }>('crm.deal.list', {
      select: ['ID'],
      filter: { '<=ID': 120 },
      order: { TITLE: 'DESC' },
    });
    expect(rows.map((r) => Number(r.ID))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(await log()).toHaveLength(1);
  });

  it('streams crm.item.list (rows wrapped in items, lower-case id) the same way', async () => {
    await clearLog();
    const rows = await client.listAll<{ id: number; title: string }>('crm.item.list', {
      entityTypeId: 2,
      select: ['id', 'title'],
      filter: { '>opportunity': 400 },
    });
    // Opportunities cycle 0..490 by 10 per batch of 50: 9 of every 50 are > 400.
    expect(rows).toHaveLength(52 * 9);
    expect(new Set(rows.map((r) => r.id)).size).toBe(52 * 9);
    expect(typeof rows[0]!.id).toBe('number');
    expect(await log()).toHaveLength(1);
  });

  it('streams tasks.task.list (rows in tasks, lower-case id, cursor on ID)', async () => {
    await clearLog();
    const pages: number[] = [];
    const ids: number[] = [];
    for await (const page of client.list<{ id: string }>('tasks.task.list', { select: ['ID', 'TITLE'] })) {
      pages.push(page.length);
      ids.push(...page.map((r) => Number(r.id)));
    }
    expect(pages).toEqual([50, 10]);
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await log()).toHaveLength(1);
  });

  it('streams user.get (FILTER, sort + order strings)', async () => {
    await clearLog();
    const users = await client.listAll<{ ID: string; NAME: string }>('user.get', { FILTER: { ACTIVE: true } });
    expect(users.map((u) => Number(u.ID))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(users[119]!.NAME).toBe('User 120');
    const entries = await log();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.batch).toHaveLength(50);
  });

  it('streams entity.item.get (FILTER, SORT) in app context', async () => {
    // Storages belong to an app: B24Hook cannot call them, so this caller posts with an app token.
    // It sits below the layer under test (B24Client), which is unchanged.
    const appCaller: RawCaller = async (method, params) => {
      const res = await t.app(method, params);
      if ('error' in res.body) throw errorFromBody(res.body, res.status, method);
      const answer: RestAnswer = { result: res.body.result };
      if (typeof res.body.total === 'number') answer.total = res.body.total;
      return answer;
    };
    const appClient = new B24Client(appCaller);
    await appClient.call('entity.add', { ENTITY: 'kbench', NAME: 'Kontor test' });
    for (let b = 0; b < 3; b++) {
      await Promise.all(
        Array.from({ length: b < 2 ? 50 : 30 }, (_, i) =>
          appClient.call('entity.item.add', { ENTITY: 'kbench', NAME: `Item ${b * 50 + i + 1}` }),
        ),
      );
    }
    await clearLog();
    const items = await appClient.listAll<{ ID: string; NAME: string }>('entity.item.get', {
      ENTITY: 'kbench',
      FILTER: { '%NAME': 'Item' },
    });
    expect(items).toHaveLength(130);
    expect(new Set(items.map((i) => i.ID)).size).toBe(130);
    expect(items.map((i) => Number(i.ID))).toEqual([...items.map((i) => Number(i.ID))].sort((a, b) => a - b));
    expect(await log()).toHaveLength(1);
  });

  it('rejects a broken list call with the portal error', async () => {
    const error = await rejection(client.listAll('crm.item.list', { entityTypeId: 99_999 }));
    expect(error.method).toBe('crm.item.list');
  });
});

describe('B24Client error typing', () => {
  it('types an unknown method as ERROR_METHOD_NOT_FOUND / 404, alone and coalesced', async () => {
    const alone = await rejection(client.call('kontor.nothing.here'));
    expect([alone.code, alone.status, alone.method]).toEqual(['ERROR_METHOD_NOT_FOUND', 404, 'kontor.nothing.here']);
    const [, coalesced] = await Promise.allSettled([client.call('server.time'), client.call('kontor.nothing.here')]);
    const error = (coalesced as PromiseRejectedResult).reason as BitrixError;
    expect([error.code, error.status]).toEqual(['ERROR_METHOD_NOT_FOUND', 404]);
  });

  it('keeps the legacy empty code and "Not found" text the SDK would replace', async () => {
    const alone = await rejection(client.call('crm.deal.get', { id: 999_999 }));
    expect([alone.code, alone.status, alone.description]).toEqual(['', 400, 'Not found']);
    expect(alone.isNotFound).toBe(true);
    const [, coalesced] = await Promise.allSettled([
      client.call('server.time'),
      client.call('crm.deal.get', { id: 999_999 }),
    ]);
    const error = (coalesced as PromiseRejectedResult).reason as BitrixError;
    expect([error.code, error.status, error.isNotFound]).toEqual(['', 400, true]);
  });

  it('types a missing scope as insufficient_scope / 401, alone and coalesced', async () => {
    t.sandbox.env.db
      .prepare("INSERT INTO webhooks (user_id, code, scopes, title) VALUES (1, 'kontoruseronly01', 'user', 'limited')")
      .run();
    const url = new URL(t.sandbox.webhookUrl);
    const { client: limited } = createHookClient(`${url.origin}/rest/1/kontoruseronly01/`, {
      caPath: t.sandbox.caPath,
      restrictionParams: TEST_RESTRICTION_PARAMS,
    });
    const alone = await rejection(limited.call('crm.deal.list'));
    expect([alone.code, alone.status, alone.isAuth, alone.isAccessDenied]).toEqual([
      'insufficient_scope',
      401,
      true,
      true,
    ]);
    const [me, deals] = await Promise.allSettled([limited.call('user.current'), limited.call('crm.deal.list')]);
    expect(me.status).toBe('fulfilled');
    const error = (deals as PromiseRejectedResult).reason as BitrixError;
    expect([error.code, error.status]).toEqual(['insufficient_scope', 401]);
  });
});

describe('B24Client write policy', () => {
  const countDeals = async (title: string) =>
    ((await t.hook('crm.deal.list', { filter: { TITLE: title }, select: ['ID'] })).body.result as unknown[]).length;

  it('lets the SDK retry a read after a 5xx', async () => {
    await clearLog();
    await force({ status: 502, body: {}, method: 'crm.deal.get' });
    const deal = await client.call<{ ID: string }>('crm.deal.get', { id: 5 });
    expect(deal.result.ID).toBe('5');
    expect((await log()).map((e) => [e.method, e.status])).toEqual([
      ['crm.deal.get', 502],
      ['crm.deal.get', 200],
    ]);
  });

  it('never re-sends an add after a 5xx: one request, the error reaches the caller', async () => {
    await clearLog();
    await force({ status: 502, body: {}, method: 'crm.deal.add' });
    const error = await rejection(client.call('crm.deal.add', { fields: { TITLE: 'Once 502' } }));
    expect(error.status).toBe(502);
    expect((await log()).map((e) => e.method)).toEqual(['crm.deal.add']);
  });

  it('never re-sends a delete after a 500 with a code the SDK would retry', async () => {
    await clearLog();
    await force({
      status: 500,
      body: { error: 'ERROR_CORE', error_description: 'SQL query error!' },
      method: 'crm.deal.delete',
    });
    const error = await rejection(client.call('crm.deal.delete', { id: 2600 }));
    expect([error.code, error.status]).toEqual(['ERROR_CORE', 500]);
    expect((await log()).map((e) => e.method)).toEqual(['crm.deal.delete']);
  });

  it('re-sends an add the portal refused before running it (503 QUERY_LIMIT_EXCEEDED)', async () => {
    await clearLog();
    await force({
      status: 503,
      body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
      method: 'crm.deal.add',
    });
    const added = await client.call<number>('crm.deal.add', { fields: { TITLE: 'After 503' } });
    expect(added.result).toBeGreaterThan(2600);
    expect((await log()).map((e) => [e.method, e.status])).toEqual([
      ['crm.deal.add', 503],
      ['crm.deal.add', 200],
    ]);
    expect(await countDeals('After 503')).toBe(1);
  });

  it('sends a coalesced batch holding an add once, even after a 5xx', async () => {
    await clearLog();
    await force({ status: 502, body: {}, method: 'batch' });
    const outcomes = await Promise.allSettled([
      client.call('crm.deal.get', { id: 1 }),
      client.call('crm.deal.add', { fields: { TITLE: 'Batched 502' } }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((await log()).map((e) => e.method)).toEqual(['batch']);
    expect(await countDeals('Batched 502')).toBe(0);
  });

  it('lets the SDK retry a batch of reads after a 5xx', async () => {
    await clearLog();
    await force({ status: 502, body: {}, method: 'batch' });
    const [a, b] = await Promise.all([client.call('crm.deal.get', { id: 1 }), client.call('crm.deal.get', { id: 2 })]);
    expect([a.result, b.result]).toHaveLength(2);
    expect((await log()).map((e) => [e.method, e.status])).toEqual([
      ['batch', 502],
      ['batch', 200],
    ]);
  });
});
