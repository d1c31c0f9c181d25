import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../test-utils.ts';
import {
  addDeals,
  control,
  DIGITS,
  hookGet,
  hookPath,
  hookPost,
  ISO_DATETIME,
  list,
  obj,
  rawCall,
  type Json,
} from './helpers.ts';

/**
 * The concrete request/response examples of /work/shared/bitrix24/*.md, replayed against the
 * sandbox. Values are illustrative in the docs, so these compare keys, types and shapes.
 */

let t: TestSandbox;
let dealCount = 0;

const YN = /^[YN]$/;
const MONEY = /^-?\d+\.\d\d$/;

beforeAll(async () => {
  t = await startTestSandbox();
  // rest.md §7.4 chains 50 cursor pages (2 500 rows): make sure the portal has more deals than that.
  const r = await t.hook('crm.deal.list', { select: ['ID'] });
  const existing = typeof r.body.total === 'number' ? r.body.total : 0;
  if (existing < 2_560) await addDeals(t, 2_560 - existing, 'Bulk deal');
  const after = await t.hook('crm.deal.list', { select: ['ID'] });
  dealCount = typeof after.body.total === 'number' ? after.body.total : 0;
}, 120_000);
afterAll(async () => t?.close());

function timeBlockOk(time: unknown): void {
  const tb = obj(time);
  for (const key of ['start', 'finish', 'duration', 'processing', 'operating'])
    expect(typeof tb[key], key).toBe('number');
  expect(tb.date_start).toMatch(ISO_DATETIME);
  expect(tb.date_finish).toMatch(ISO_DATETIME);
  expect(tb.finish as number).toBeGreaterThanOrEqual(tb.start as number);
}

function errorOk(body: Json, code: string | number, description?: string): void {
  expect(body.error).toBe(code);
  expect(typeof body.error_description).toBe('string');
  if (description !== undefined) expect(body.error_description).toBe(description);
  expect(body).not.toHaveProperty('time');
  expect(body).not.toHaveProperty('result');
}

async function newDeal(fields: Json = {}): Promise<number> {
  const r = await t.hook('crm.deal.add', { fields: { TITLE: 'Pair deal', ...fields } });
  expect(r.status).toBe(200);
  expect(typeof r.body.result).toBe('number');
  dealCount++;
  return r.body.result as number;
}

describe('rest.md §3 success envelope', () => {
  it('server.time: result is an ISO datetime, the full time block, no total/next', async () => {
    const { status, body } = await t.hook('server.time');
    expect(status).toBe(200);
    expect(body.result).toMatch(ISO_DATETIME);
    timeBlockOk(body.time);
    expect(body).not.toHaveProperty('total');
    expect(body).not.toHaveProperty('next');
  });

  it('list methods lift total and next next to result', async () => {
    const { body } = await t.hook('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID', 'TITLE'] });
    expect(Object.keys(body).sort()).toEqual(['next', 'result', 'time', 'total']);
    expect(body.total).toBe(dealCount);
    expect(body.next).toBe(50);
    expect(list(body.result)).toHaveLength(50);
  });

  it('crm.item.delete answers [] (PHP empty map)', async () => {
    const id = await newDeal();
    const { status, body } = await t.hook('crm.item.delete', { entityTypeId: 2, id });
    expect(status).toBe(200);
    expect(body.result).toEqual([]);
    dealCount--;
    const gone = await t.hook('crm.deal.get', { id });
    expect(gone.status).toBe(400);
    errorOk(gone.body, '', 'Not found');
  });
});

describe('methods.md §1 legacy CRM deals', () => {
  it('crm.deal.add → integer; crm.deal.get → the documented keys with legacy typing', async () => {
    const id = await newDeal({
      TITLE: 'New Deal #1',
      OPPORTUNITY: 1000000,
      CURRENCY_ID: 'EUR',
      COMMENTS: '[B]Example comment[/B]',
    });
    const { status, body } = await t.hook('crm.deal.get', { id });
    expect(status).toBe(200);
    const d = obj(body.result);
    for (const key of [
      'ID',
      'TITLE',
      'TYPE_ID',
      'STAGE_ID',
      'PROBABILITY',
      'CURRENCY_ID',
      'OPPORTUNITY',
      'IS_MANUAL_OPPORTUNITY',
      'TAX_VALUE',
      'LEAD_ID',
      'COMPANY_ID',
      'CONTACT_ID',
      'QUOTE_ID',
      'BEGINDATE',
      'CLOSEDATE',
      'ASSIGNED_BY_ID',
      'CREATED_BY_ID',
      'MODIFY_BY_ID',
      'DATE_CREATE',
      'DATE_MODIFY',
      'OPENED',
      'CLOSED',
      'COMMENTS',
      'ADDITIONAL_INFO',
      'LOCATION_ID',
      'CATEGORY_ID',
      'STAGE_SEMANTIC_ID',
      'IS_NEW',
      'IS_RECURRING',
      'IS_RETURN_CUSTOMER',
      'IS_REPEATED_APPROACH',
      'SOURCE_ID',
      'SOURCE_DESCRIPTION',
      'ORIGINATOR_ID',
      'ORIGIN_ID',
      'MOVED_BY_ID',
      'MOVED_TIME',
      'LAST_ACTIVITY_TIME',
      'LAST_ACTIVITY_BY',
      'UTM_SOURCE',
      'UTM_MEDIUM',
      'UTM_CAMPAIGN',
      'UTM_CONTENT',
      'UTM_TERM',
    ]) {
      expect(d, key).toHaveProperty(key);
    }
    expect(d.ID).toBe(String(id));
    expect(d.TITLE).toBe('New Deal #1');
    expect(d.OPPORTUNITY).toBe('1000000.00');
    expect(d.TAX_VALUE).toMatch(MONEY);
    expect(d.COMMENTS).toBe('[B]Example comment[/B]');
    expect(d.LEAD_ID).toBeNull();
    expect(d.QUOTE_ID).toBeNull();
    expect(d.CATEGORY_ID).toBe('0');
    expect(d.STAGE_SEMANTIC_ID).toBe('P');
    expect(d.ASSIGNED_BY_ID).toBe('1');
    expect(d.CREATED_BY_ID).toBe('1');
    expect(d.OPENED).toBe('Y');
    for (const key of [
      'IS_MANUAL_OPPORTUNITY',
      'CLOSED',
      'IS_NEW',
      'IS_RECURRING',
      'IS_RETURN_CUSTOMER',
      'IS_REPEATED_APPROACH',
    ])
      expect(d[key], key).toMatch(YN);
    for (const key of ['DATE_CREATE', 'DATE_MODIFY', 'BEGINDATE', 'CLOSEDATE'])
      expect(d[key], key).toMatch(ISO_DATETIME);
    // Default CLOSEDATE = creation + 7 days.
    const days = (Date.parse(d.CLOSEDATE as string) - Date.parse(d.BEGINDATE as string)) / 86_400_000;
    expect(Math.round(days)).toBe(7);
  });

  it('defaults on add: TITLE "Deal #{id}", first stage NEW', async () => {
    const r = await t.hook('crm.deal.add', { fields: { OPPORTUNITY: 5 } });
    dealCount++;
    const d = obj((await t.hook('crm.deal.get', { id: r.body.result })).body.result);
    expect(d.TITLE).toBe(`Deal #${String(r.body.result)}`);
    expect(d.STAGE_ID).toBe('NEW');
  });

  it('update/delete → true; get of a deleted/missing deal → "" Not found 400', async () => {
    const id = await newDeal();
    const up = await t.hook('crm.deal.update', { id, fields: { TITLE: 'Renamed' } });
    expect(up.body.result).toBe(true);
    expect(obj((await t.hook('crm.deal.get', { id })).body.result).TITLE).toBe('Renamed');
    const del = await t.hook('crm.deal.delete', { id });
    expect(del.body.result).toBe(true);
    dealCount--;
    const gone = await t.hook('crm.deal.get', { id });
    expect(gone.status).toBe(400);
    errorOk(gone.body, '', 'Not found');
    const noId = await t.hook('crm.deal.get', {});
    expect(noId.status).toBe(400);
    errorOk(noId.body, '', 'ID is not defined or invalid.');
  });

  it('crm.deal.list rows are string-typed (list example)', async () => {
    const { body } = await t.hook('crm.deal.list', {
      order: { ID: 'DESC' },
      select: ['ID', 'TITLE', 'CATEGORY_ID', 'STAGE_ID', 'OPPORTUNITY', 'ASSIGNED_BY_ID', 'DATE_CREATE'],
    });
    const row = list(body.result)[0]!;
    expect(Object.keys(row).sort()).toEqual([
      'ASSIGNED_BY_ID',
      'CATEGORY_ID',
      'DATE_CREATE',
      'ID',
      'OPPORTUNITY',
      'STAGE_ID',
      'TITLE',
    ]);
    expect(row.ID).toMatch(DIGITS);
    expect(row.CATEGORY_ID).toMatch(DIGITS);
    expect(row.OPPORTUNITY).toMatch(MONEY);
    expect(row.DATE_CREATE).toMatch(ISO_DATETIME);
    expect(typeof body.total).toBe('number');
  });

  it('crm.deal.fields describes fields with the documented keys', async () => {
    const f = obj((await t.hook('crm.deal.fields')).body.result);
    const title = obj(f.TITLE);
    expect(title).toMatchObject({
      type: 'string',
      isRequired: false,
      isReadOnly: false,
      isImmutable: false,
      isMultiple: false,
      isDynamic: false,
    });
    expect(typeof title.title).toBe('string');
    expect(obj(f.STAGE_ID)).toMatchObject({ type: 'crm_status', statusType: 'DEAL_STAGE' });
  });
});

describe('rest.md §7 paging', () => {
  it('legacy lists round start down: start=70 → rows 50–99, next 100', async () => {
    const all = await t.hook('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'], start: 50 });
    const r = await t.hook('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'], start: 70 });
    expect(list(r.body.result).map((x) => x.ID)).toEqual(list(all.body.result).map((x) => x.ID));
    expect(r.body.next).toBe(100);
    expect(r.body.total).toBe(dealCount);
  });

  it('form values are strings: start "50" equals start 50', async () => {
    const a = await t.hook('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'], start: '50' });
    const b = await hookGet(t, 'crm.deal.list', 'order[ID]=ASC&select[]=ID&start=50');
    expect(list(b.body.result).map((x) => x.ID)).toEqual(list(a.body.result).map((x) => x.ID));
    expect(b.body.next).toBe(100);
  });

  it('crm.item.list is offset-based: start=70 → rows 70–119, next 120', async () => {
    const legacy = await t.hook('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'], start: 50 });
    const legacy2 = await t.hook('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'], start: 100 });
    const ids = [...list(legacy.body.result), ...list(legacy2.body.result)].map((x) => Number(x.ID));
    const r = await t.hook('crm.item.list', { entityTypeId: 2, order: { id: 'ASC' }, select: ['id'], start: 70 });
    expect(r.status).toBe(200);
    const items = list(obj(r.body.result).items);
    expect(items.map((x) => x.id)).toEqual(ids.slice(20, 70));
    expect(r.body.next).toBe(120);
    expect(r.body.total).toBe(dealCount);
  });

  it('start=-1 → up to 50 rows, total 0, no next', async () => {
    for (const [method, params] of [
      ['crm.deal.list', { order: { ID: 'ASC' }, filter: { '>ID': 0 }, select: ['ID'], start: -1 }],
      ['crm.item.list', { entityTypeId: 2, order: { id: 'ASC' }, filter: { '>id': 0 }, select: ['id'], start: -1 }],
    ] as const) {
      const { status, body } = await t.hook(method, params);
      expect(status, method).toBe(200);
      expect(body.total, method).toBe(0);
      expect(body, method).not.toHaveProperty('next');
    }
  });

  it('§7.4 chained >ID cursor in one batch returns 2 500 distinct rows', async () => {
    const cmd: Record<string, string> = {};
    for (let i = 0; i < 50; i++) {
      const from = i === 0 ? '0' : `$result[p${i - 1}][49][ID]`;
      cmd[`p${i}`] = `crm.deal.list?order[ID]=ASC&filter[>ID]=${from}&select[]=ID&select[]=TITLE&start=-1`;
    }
    const { status, body } = await t.hook('batch', { halt: 0, cmd });
    expect(status).toBe(200);
    const r = obj(body.result);
    expect(r.result_error).toEqual([]);
    expect(r.result_next).toEqual([]);
    const pages = obj(r.result);
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) {
      const page = list(pages[`p${i}`]);
      expect(page, `p${i}`).toHaveLength(50);
      expect(Object.keys(page[0]!).sort()).toEqual(['ID', 'TITLE']);
      ids.push(...page.map((x) => Number(x.ID)));
    }
    expect(new Set(ids).size).toBe(2_500);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(obj(r.result_total).p0).toBe(0);
  });

  it('§7.4 the same chain for crm.item.list references [items][49][id]', async () => {
    const cmd: Record<string, string> = {};
    for (let i = 0; i < 3; i++) {
      const from = i === 0 ? '0' : `$result[q${i - 1}][items][49][id]`;
      cmd[`q${i}`] = `crm.item.list?entityTypeId=2&order[id]=ASC&filter[>id]=${from}&select[]=id&start=-1`;
    }
    const r = obj((await t.hook('batch', { halt: 0, cmd })).body.result);
    const ids = [0, 1, 2].flatMap((i) => list(obj(obj(r.result)[`q${i}`]).items).map((x) => x.id));
    expect(ids).toHaveLength(150);
    expect(new Set(ids).size).toBe(150);
  });

  it('§7.4 an unresolved reference is no error; a non-scalar comparison gives an empty page', async () => {
    const last = await t.hook('crm.deal.list', { order: { ID: 'DESC' }, select: ['ID'], start: -1 });
    const top = Number(list(last.body.result)[0]!.ID);
    const { status, body } = await t.hook('batch', {
      halt: 0,
      cmd: {
        short: `crm.deal.list?order[ID]=ASC&filter[>ID]=${top - 3}&select[]=ID&start=-1`,
        after: 'crm.deal.list?order[ID]=ASC&filter[>ID]=$result[short][49][ID]&select[]=ID&start=-1',
        text: 'crm.deal.add?fields[TITLE]=Ref $result[short] and $result[short][0][ID]',
        read: 'crm.deal.get?id=$result[text]',
      },
    });
    dealCount++;
    expect(status).toBe(200);
    const r = obj(body.result);
    expect(r.result_error).toEqual([]);
    const res = obj(r.result);
    expect(list(res.short)).toHaveLength(3);
    expect(res.after).toEqual([]);
    // Embedded in a longer string an array becomes the text "Array".
    expect(obj(res.read).TITLE).toBe(`Ref Array and ${String(list(res.short)[0]!.ID)}`);
  });
});

describe('rest.md §8 batch', () => {
  it('§8.1/§8.3 example: user.current → department.get reference → crm.deal.list', async () => {
    const { status, body } = await t.hook('batch', {
      halt: 0,
      cmd: {
        me: 'user.current',
        dept: 'department.get?ID=$result[me][UF_DEPARTMENT][0]',
        deals: 'crm.deal.list?filter[>ID]=5&select[0]=ID&select[1]=TITLE',
      },
    });
    expect(status).toBe(200);
    timeBlockOk(body.time);
    const r = obj(body.result);
    expect(Object.keys(r).sort()).toEqual(['result', 'result_error', 'result_next', 'result_time', 'result_total']);
    expect(r.result_error).toEqual([]);
    const res = obj(r.result);
    expect(obj(res.me).ID).toBe('1');
    const dept = list(res.dept)[0]!;
    expect(dept.ID).toBe('1');
    expect(typeof dept.SORT).toBe('number');
    expect(Object.keys(list(res.deals)[0]!).sort()).toEqual(['ID', 'TITLE']);
    const totals = obj(r.result_total);
    expect(totals.dept).toBe(1);
    expect(typeof totals.deals).toBe('number');
    expect(obj(r.result_next).deals).toBe(50);
    const times = obj(r.result_time);
    for (const key of ['me', 'dept', 'deals']) timeBlockOk(times[key]);
  });

  it('insufficient scope inside batch: {"error":"insufficient_scope","error_description":""}', async () => {
    t.sandbox.env.db
      .prepare(
        "INSERT INTO webhooks (user_id, code, scopes, title) VALUES (1, 'pairsuseronly01', 'user,department', 'user only')",
      )
      .run();
    const r = await rawCall(t, '/rest/1/pairsuseronly01/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ halt: 0, cmd: { me: 'user.current', deals: 'crm.deal.list' } }),
    });
    expect(r.status).toBe(200);
    const b = obj(r.body.result);
    expect(obj(b.result_error).deals).toEqual({ error: 'insufficient_scope', error_description: '' });
    expect(obj(obj(b.result).me).ID).toBe('1');
    const direct = await rawCall(t, '/rest/1/pairsuseronly01/crm.deal.list');
    expect(direct.status).toBe(401);
    errorOk(
      direct.body,
      'insufficient_scope',
      'The request requires higher privileges than provided by the webhook token',
    );
  });

  it('list-shaped cmd gives list-shaped buckets; empty buckets are []', async () => {
    const { body } = await t.hook('batch', { cmd: ['server.time', 'scope'] });
    const r = obj(body.result);
    expect(Array.isArray(r.result)).toBe(true);
    expect(list(r.result)).toHaveLength(2);
    expect(r.result_error).toEqual([]);
    expect(r.result_total).toEqual([]);
    expect(r.result_next).toEqual([]);
    expect(list(r.result_time)).toHaveLength(2);
  });

  it('HALT/CMD in upper case work (batch upper-cases its parameter map)', async () => {
    const { body } = await t.hook('batch', { HALT: 0, CMD: { a: 'server.time' } });
    expect(obj(obj(body.result).result).a).toMatch(ISO_DATETIME);
  });
});

describe('rest.md §4.2 error table (reproducible rows)', () => {
  it('NO_AUTH_FOUND 401, invalid_token 401, expired_token 401, INVALID_CREDENTIALS 401', async () => {
    const none = await rawCall(t, '/rest/server.time');
    expect(none.status).toBe(401);
    errorOk(none.body, 'NO_AUTH_FOUND', 'Wrong authorization data');
    const garbage = await rawCall(t, '/rest/server.time?auth=garbage');
    expect(garbage.status).toBe(401);
    errorOk(garbage.body, 'invalid_token', 'Unable to get application by token');
    const creds = await rawCall(t, '/rest/1/wrongcode/server.time');
    expect(creds.status).toBe(401);
    errorOk(creds.body, 'INVALID_CREDENTIALS', 'Invalid request credentials');
    const token = await t.token(2);
    await control(t, 'expire-tokens', { userId: 2 });
    const expired = await rawCall(t, `/rest/server.time?auth=${token}`);
    expect(expired.status).toBe(401);
    errorOk(expired.body, 'expired_token', 'The access token provided has expired.');
  });

  it('ERROR_METHOD_NOT_FOUND 404 (also for unknown CRM actions)', async () => {
    const r = await t.hook('crm.deal.frobnicate');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
  });

  it('app-only methods over a webhook: WRONG_AUTH_TYPE / ACCESS_DENIED 403', async () => {
    const bind = await t.hook('placement.bind', {
      PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
      HANDLER: 'https://app.example.com/tab',
    });
    expect(bind.status).toBe(403);
    expect(['WRONG_AUTH_TYPE', 'ACCESS_DENIED']).toContain(bind.body.error);
    const entity = await t.hook('entity.add', { ENTITY: 'dish', NAME: 'Dishes' });
    expect(entity.status).toBe(403);
    errorOk(entity.body, 'ACCESS_DENIED', 'Access denied! Application context required');
    const option = await t.hook('app.option.set', { options: { a: 1 } });
    expect(option.status).toBe(403);
    errorOk(option.body, 'ACCESS_DENIED');
  });

  it('ERROR_ARGUMENT 400 with the argument name', async () => {
    const r = await t.app('entity.add', { NAME: 'No code' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      error: 'ERROR_ARGUMENT',
      error_description: "Argument 'ENTITY' is null or empty",
      argument: 'ENTITY',
    });
  });

  it('QUERY_LIMIT_EXCEEDED 503 with the standard bucket; OPTIONS are not counted', async () => {
    await control(t, 'config', { rateLimit: 'standard' });
    try {
      const pre = await Promise.all(
        Array.from({ length: 60 }, () =>
          t.raw(`${hookPath(t)}server.time`, { method: 'OPTIONS' }).then((r) => r.status),
        ),
      );
      expect(pre.every((s) => s === 204 || s === 200)).toBe(true);
      const replies = await Promise.all(Array.from({ length: 56 }, () => t.hook('server.time')));
      const ok = replies.filter((r) => r.status === 200).length;
      expect(ok).toBeGreaterThanOrEqual(50);
      // The bucket drains 2/s while the burst is in flight, so a slow machine may let one or two more through.
      const limited = replies.find((r) => r.status !== 200)!;
      expect(limited.status).toBe(503);
      expect(limited.body).toEqual({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
    } finally {
      await control(t, 'config', { rateLimit: 'off' });
    }
  });

  it('OPERATION_TIME_LIMIT 429 for that method only', async () => {
    await control(t, 'config', { operatingLimit: 0.000001, operatingFactor: 1000 });
    try {
      expect((await t.hook('feature.get', { CODE: 'a' })).status).toBe(200);
      const blocked = await t.hook('feature.get', { CODE: 'a' });
      expect(blocked.status).toBe(429);
      errorOk(blocked.body, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.');
      expect((await t.hook('user.admin')).status).toBe(200);
    } finally {
      await control(t, 'config', { operatingLimit: null, operatingFactor: 1 });
    }
  });

  it('ERROR_BATCH_LENGTH_EXCEEDED / ERROR_BATCH_METHOD_NOT_ALLOWED per command, HTTP 200', async () => {
    const cmd: Record<string, string> = { nested: 'batch?cmd[0]=server.time', up: 'upload', down: 'download' };
    for (let i = 0; i < 50; i++) cmd[`c${i}`] = 'server.time';
    const { status, body } = await t.hook('batch', { halt: 0, cmd });
    expect(status).toBe(200);
    const errs = obj(obj(body.result).result_error);
    for (const key of ['nested', 'up', 'down'])
      expect(obj(errs[key]), key).toEqual({
        error: 'ERROR_BATCH_METHOD_NOT_ALLOWED',
        error_description: 'Method is not allowed for batch usage',
      });
    for (const key of ['c47', 'c48', 'c49'])
      expect(obj(errs[key]), key).toEqual({
        error: 'ERROR_BATCH_LENGTH_EXCEEDED',
        error_description: 'Max batch length exceeded',
      });
    expect(Object.keys(obj(obj(body.result).result))).toHaveLength(47);
  });

  it('legacy CRM "" 400 and crm.item NOT_FOUND 400', async () => {
    const legacy = await t.hook('crm.deal.get', { id: 99_999_999 });
    expect(legacy.status).toBe(400);
    errorOk(legacy.body, '', 'Not found');
    const item = await t.hook('crm.item.get', { entityTypeId: 2, id: 99_999_999 });
    expect(item.status).toBe(400);
    errorOk(item.body, 'NOT_FOUND');
  });
});

describe('rest.md §5 CORS', () => {
  it('answers the preflight on app and webhook URLs, echoing requested headers', async () => {
    for (const path of ['/rest/crm.deal.list?bx24_request_id=abc', `${hookPath(t)}crm.deal.list`]) {
      const r = await t.raw(path, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(r.status).toBeGreaterThanOrEqual(200);
      expect(r.status).toBeLessThan(300);
      expect(r.headers.get('access-control-allow-origin')).toMatch(/^(\*|https:\/\/app\.example\.com)$/);
      expect(r.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
      expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    }
  });

  it('success and error responses carry CORS and content-type headers', async () => {
    const ok = await hookGet(t, 'server.time');
    const bad = await hookGet(t, 'no.such.method');
    for (const r of [ok, bad]) {
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('rest.md §1–2 transport variants', () => {
  it('form-encoded PHP nested keys, GET query and JSON give the same result', async () => {
    const last = await t.hook('crm.deal.list', { order: { ID: 'DESC' }, select: ['ID'], start: -1 });
    const from = Number(list(last.body.result)[10]!.ID);
    const query = `filter[>ID]=${from}&order[ID]=ASC&select[]=ID&select[]=TITLE&start=-1`;
    const json = await t.hook('crm.deal.list', {
      filter: { '>ID': from },
      order: { ID: 'ASC' },
      select: ['ID', 'TITLE'],
      start: -1,
    });
    const form = await hookPost(t, 'crm.deal.list', query, 'application/x-www-form-urlencoded');
    const get = await hookGet(t, 'crm.deal.list', query);
    const encoded = await hookGet(
      t,
      'crm.deal.list',
      query.replace(/\[/g, '%5B').replace(/\]/g, '%5D').replace(/>/g, '%3E'),
    );
    expect(list(json.body.result)).toHaveLength(10);
    for (const r of [form, get, encoded]) expect(r.body.result).toEqual(json.body.result);
  });

  it('form multi-field write: fields[PHONE][0][VALUE] → PHONE read shape', async () => {
    const add = await hookPost(
      t,
      'crm.contact.add',
      'fields[NAME]=Freja&fields[LAST_NAME]=Lund&fields[PHONE][0][VALUE]=%2B45%20555%200100&fields[PHONE][0][VALUE_TYPE]=WORK',
      'application/x-www-form-urlencoded',
    );
    expect(add.status).toBe(200);
    expect(typeof add.body.result).toBe('number');
    const c = obj((await t.hook('crm.contact.get', { id: add.body.result })).body.result);
    const phone = list(c.PHONE)[0]!;
    expect(phone).toMatchObject({ VALUE_TYPE: 'WORK', VALUE: '+45 555 0100', TYPE_ID: 'PHONE' });
    expect(phone.ID).toMatch(DIGITS);
    expect(c.HAS_PHONE).toBe('Y');
    expect(c).not.toHaveProperty('EMAIL');
  });

  it('body keys replace query keys of the same name', async () => {
    const a = await newDeal({ TITLE: 'Body wins' });
    const b = await newDeal({ TITLE: 'Query loses' });
    const r = await rawCall(t, `${hookPath(t)}crm.deal.get?id=${b}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: a }),
    });
    expect(obj(r.body.result).TITLE).toBe('Body wins');
  });

  it('JSON content type with charset is still JSON', async () => {
    const r = await hookPost(
      t,
      'crm.deal.list',
      JSON.stringify({ select: ['ID'], start: -1 }),
      'application/json; charset=utf-8',
    );
    expect(Object.keys(list(r.body.result)[0]!)).toEqual(['ID']);
  });

  it('legacy parameter names in any case: id / ID / Id', async () => {
    const id = await newDeal({ TITLE: 'Case deal' });
    for (const key of ['id', 'ID', 'Id'])
      expect(obj((await t.hook('crm.deal.get', { [key]: id })).body.result).TITLE, key).toBe('Case deal');
  });

  it('method name: any case, .json suffix, trailing slash', async () => {
    for (const m of ['CRM.Deal.List', 'crm.deal.list.json', 'crm.deal.list/', 'crm.item.list/']) {
      const r = await hookGet(t, m, 'entityTypeId=2&start=-1');
      expect(r.status, m).toBe(200);
      expect(r.body.total, m).toBe(0);
    }
  });

  it('REST 3.0 paths answer the v3 error shape', async () => {
    const r = await rawCall(t, '/rest/api/1/whatever/tasks.task.chat.message.send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).not.toBe(500);
    expect(obj(r.body.error).code).toBe('BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION');
  });

  it('§2.3 positional parameters: task.commentitem.add as JSON list and as form 0=…&1[…]=…', async () => {
    const task = await t.hook('tasks.task.add', { fields: { TITLE: 'Comment host', RESPONSIBLE_ID: 1 } });
    expect(task.status).toBe(200);
    const taskId = String(obj(obj(task.body.result).task).id);
    expect(taskId).toMatch(DIGITS);
    const viaJson = await hookPost(
      t,
      'task.commentitem.add',
      JSON.stringify([Number(taskId), { POST_MESSAGE: 'From JSON' }]),
    );
    expect(viaJson.status).toBe(200);
    expect(typeof viaJson.body.result).toBe('number');
    const viaForm = await hookPost(
      t,
      'task.commentitem.add',
      `0=${taskId}&1[POST_MESSAGE]=From%20form`,
      'application/x-www-form-urlencoded',
    );
    expect(typeof viaForm.body.result).toBe('number');
    const listed = await hookPost(t, 'task.commentitem.getlist', JSON.stringify([Number(taskId)]));
    expect(listed.status).toBe(200);
    expect(listed.body).not.toHaveProperty('total');
    const rows = list(listed.body.result);
    expect(rows.map((r) => r.POST_MESSAGE)).toEqual(expect.arrayContaining(['From JSON', 'From form']));
    const row = rows.find((r) => r.POST_MESSAGE === 'From JSON')!;
    expect(row.ID).toBe(String(viaJson.body.result));
    expect(row.AUTHOR_ID).toBe('1');
    expect(row.POST_DATE).toMatch(ISO_DATETIME);
  });
});

describe('methods.md examples for other families', () => {
  it('crm.item.get: camelCase, real numbers, 0 for empty links, entityTypeId', async () => {
    const id = await newDeal({ TITLE: 'Item view', OPPORTUNITY: 999.9 });
    const { status, body } = await t.hook('crm.item.get', { entityTypeId: 2, id });
    expect(status).toBe(200);
    const item = obj(obj(body.result).item);
    expect(item).toMatchObject({
      id,
      title: 'Item view',
      opportunity: 999.9,
      entityTypeId: 2,
      companyId: 0,
      categoryId: 0,
      opened: 'Y',
    });
    expect(item.createdTime).toMatch(ISO_DATETIME);
    expect(typeof item.assignedById).toBe('number');
    expect(item.observers).toEqual([]);
    expect(Array.isArray(item.contactIds)).toBe(true);
  });

  it('crm.item.list → {items: [...]} + total', async () => {
    const { body } = await t.hook('crm.item.list', {
      entityTypeId: 2,
      select: ['id', 'title', 'stageId'],
      order: { id: 'ASC' },
    });
    const items = list(obj(body.result).items);
    expect(items).toHaveLength(50);
    expect(typeof items[0]!.id).toBe('number');
    expect(items[0]!.entityTypeId).toBe(2);
    expect(typeof body.total).toBe('number');
  });

  it('crm.category.list → {categories: [...]} with the default pipeline id 0', async () => {
    const { body } = await t.hook('crm.category.list', { entityTypeId: 2 });
    const cats = list(obj(body.result).categories);
    const general = cats.find((c) => c.id === 0)!;
    expect(general).toMatchObject({ entityTypeId: 2, isDefault: 'Y' });
    expect(typeof general.sort).toBe('number');
  });

  it('crm.status.list rows for DEAL_STAGE (SEMANTICS null/S/F, EXTRA)', async () => {
    const { body } = await t.hook('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' }, order: { SORT: 'ASC' } });
    const rows = list(body.result);
    expect(rows.map((r) => r.STATUS_ID)).toEqual(expect.arrayContaining(['NEW', 'PREPARATION', 'WON', 'LOSE']));
    const won = rows.find((r) => r.STATUS_ID === 'WON')!;
    expect(won.SEMANTICS).toBe('S');
    expect(obj(won.EXTRA).SEMANTICS).toBe('success');
    const fresh = rows.find((r) => r.STATUS_ID === 'NEW')!;
    expect(fresh.SEMANTICS).toBeNull();
    expect(fresh.SORT).toMatch(DIGITS);
    expect(fresh.ID).toMatch(DIGITS);
  });

  it('crm.currency.list always reports total 0', async () => {
    const { status, body } = await t.hook('crm.currency.list');
    expect(status).toBe(200);
    expect(body.total).toBe(0);
    const eur = list(body.result).find((r) => r.CURRENCY === 'EUR');
    expect(eur?.AMOUNT_CNT).toMatch(DIGITS);
  });

  it('tasks.task.add/get: camelCase output with string values; missing task → []', async () => {
    const add = await t.hook('tasks.task.add', {
      fields: { TITLE: 'Prepare offer', RESPONSIBLE_ID: 1, DESCRIPTION: 'Details in [B]bold[/B]' },
    });
    const task = obj(obj(add.body.result).task);
    expect(task.id).toMatch(DIGITS);
    expect(task).toMatchObject({ title: 'Prepare offer', responsibleId: '1', createdBy: '1', status: '2' });
    expect(typeof task.priority).toBe('string');
    const got = await t.hook('tasks.task.get', { taskId: task.id });
    expect(obj(obj(got.body.result).task).id).toBe(task.id);
    const missing = await t.hook('tasks.task.get', { taskId: 99_999_999 });
    expect(missing.status).toBe(200);
    expect(missing.body.result).toEqual([]);
    const del = await t.hook('tasks.task.delete', { taskId: task.id });
    expect(del.body.result).toEqual({ task: true });
  });

  it('user.current / profile / department.get shapes', async () => {
    const me = obj((await t.hook('user.current')).body.result);
    expect(me.ID).toBe('1');
    expect(me.ACTIVE).toBe(true);
    expect(me.UF_DEPARTMENT).toEqual([1]);
    expect(me.IS_ONLINE).toMatch(YN);
    const profile = obj((await t.hook('profile')).body.result);
    expect(profile).toMatchObject({ ID: '1', ADMIN: true, NAME: 'Anna', LAST_NAME: 'Holm' });
    for (const key of ['PERSONAL_GENDER', 'TIME_ZONE']) expect(typeof profile[key]).toBe('string');
    const depts = list((await t.hook('department.get', { sort: 'ID', order: 'ASC' })).body.result);
    expect(depts.length).toBeGreaterThanOrEqual(6);
    const child = depts.find((d) => d.ID === '2')!;
    expect(child.PARENT).toMatch(DIGITS);
    expect(typeof child.SORT).toBe('number');
  });

  it('scope / method.get / app.info over a webhook', async () => {
    expect((await t.hook('scope')).body.result).toEqual(expect.arrayContaining(['crm', 'task', 'user']));
    expect((await t.hook('method.get', { name: 'crm.deal.list' })).body.result).toEqual({
      isExisting: true,
      isAvailable: true,
    });
    const info = obj((await t.hook('app.info')).body.result);
    expect(Array.isArray(info.SCOPE)).toBe(true);
    expect(typeof info.LICENSE).toBe('string');
  });
});
