import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../test-utils.ts';
import { alive, hookGet, hookPath, hookPost, list, obj, rawCall, type Json, type Reply } from './helpers.ts';

/**
 * Bad input of every kind gets the error the real portal gives — never a 500, never a crash.
 * After every test the sandbox must still answer `server.time`.
 */

let t: TestSandbox;
let dealIds: number[] = [];

beforeAll(async () => {
  t = await startTestSandbox();
  const r = await t.hook('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID'], start: -1 });
  dealIds = Array.isArray(r.body.result) ? (r.body.result as Json[]).map((x) => Number(x.ID)) : [];
});
afterEach(async () => {
  expect(await alive(t)).toBe(true);
});
afterAll(async () => t?.close());

function no500(r: Reply | { status: number }, label = ''): void {
  expect(r.status, label).toBeLessThan(500);
}

function legacyError(r: { status: number; body: Json }, description: string): void {
  expect(r.status).toBe(400);
  expect(r.body).toEqual({ error: '', error_description: description });
}

describe('malformed JSON', () => {
  it('becomes an empty parameter map: the method reports its own missing parameter', async () => {
    const get = await hookPost(t, 'crm.deal.get', '{"id": 1,');
    legacyError(get, 'ID is not defined or invalid.');
    const add = await hookPost(t, 'crm.deal.add', '{fields: {TITLE: "x"}}');
    expect(add.status).toBe(400);
    expect(add.body.error).toBe('');
    const item = await hookPost(t, 'crm.item.get', '{"entityTypeId": 2, "id": ');
    expect(item.status).toBe(400);
    expect(typeof item.body.error).toBe('string');
    const time = await hookPost(t, 'server.time', '\u0000\u0001 not json');
    expect(time.status).toBe(200);
  });

  it('non-object JSON bodies (null, string, number, nested lists) are harmless', async () => {
    for (const body of ['null', '"x"', '42', 'true', '[[[]]]', '{}', '']) {
      const r = await hookPost(t, 'crm.deal.list', body);
      no500(r, body);
      expect(r.status, body).toBe(200);
    }
  });
});

describe('wrong parameter types', () => {
  it('legacy CRM: fields/filter/order given as strings', async () => {
    legacyError(await t.hook('crm.deal.add', { fields: 'x' }), "Parameter 'fields' must be array.");
    legacyError(await t.hook('crm.deal.update', { id: dealIds[0], fields: 'x' }), "Parameter 'fields' must be array.");
    legacyError(await t.hook('crm.deal.list', { filter: 'x' }), "Parameter 'filter' must be array.");
    legacyError(await t.hook('crm.deal.list', { order: 'x' }), "Parameter 'order' must be array.");
  });

  it('legacy CRM: ids that are not positive integers', async () => {
    for (const id of ['abc', '', null, {}, [], 0, -3, '0x']) {
      const r = await t.hook('crm.deal.get', { id });
      expect(r.status, JSON.stringify(id)).toBe(400);
      expect(r.body, JSON.stringify(id)).toEqual({ error: '', error_description: 'ID is not defined or invalid.' });
    }
    // PHP's intval() reads these as some integer; whatever they hit, it is no server error.
    for (const id of [1.5, true, [1, 2], '1; DROP TABLE deals', '  7  '])
      no500(await t.hook('crm.deal.get', { id }), JSON.stringify(id));
  });

  it('start that is not a number is treated as 0', async () => {
    for (const start of ['abc', '', null, {}, [5], true]) {
      const r = await t.hook('crm.deal.list', { select: ['ID'], start });
      expect(r.status, JSON.stringify(start)).toBe(200);
      expect(Array.isArray(r.body.result)).toBe(true);
    }
  });

  it('crm.item.*: entityTypeId / id of the wrong type', async () => {
    for (const params of [
      { entityTypeId: 'abc' },
      { entityTypeId: {} },
      { entityTypeId: 2, id: 'x' },
      { entityTypeId: 999_999, id: 1 },
      {},
    ]) {
      const r = await t.hook('crm.item.get', params);
      no500(r, JSON.stringify(params));
      expect(r.status, JSON.stringify(params)).toBe(400);
      expect(typeof r.body.error).toBe('string');
      expect(r.body.error).not.toBe('');
    }
    const fields = await t.hook('crm.item.add', { entityTypeId: 2, fields: 'x' });
    no500(fields);
    expect(fields.status).toBe(400);
  });

  it('tasks and users with wrong types', async () => {
    for (const [method, params] of [
      ['tasks.task.add', { fields: 'x' }],
      ['tasks.task.add', {}],
      ['tasks.task.update', { taskId: 'abc', fields: { TITLE: 'x' } }],
      ['tasks.task.list', { filter: 'x', order: 'y', select: 'z' }],
      ['user.get', { FILTER: 'x', start: 'y' }],
      ['department.get', { ID: {} }],
      ['calendar.event.get', { type: [], ownerId: {} }],
      ['crm.status.list', { filter: 'x' }],
    ] as const) {
      const r = await t.hook(method, params);
      no500(r, method);
      expect(r.status, method).not.toBe(404);
    }
    const noTitle = await t.hook('tasks.task.add', { fields: { RESPONSIBLE_ID: 1 } });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error).toBe('ERROR_CORE');
  });
});

describe('unknown fields', () => {
  it('legacy add drops unknown keys silently', async () => {
    const r = await t.hook('crm.deal.add', { fields: { TITLE: 'Unknown keys', NO_SUCH_FIELD: 'x', id: 5, '': 1 } });
    expect(r.status).toBe(200);
    expect(typeof r.body.result).toBe('number');
    const d = obj((await t.hook('crm.deal.get', { id: r.body.result })).body.result);
    expect(d.TITLE).toBe('Unknown keys');
    expect(d).not.toHaveProperty('NO_SUCH_FIELD');
    expect(d.ID).toBe(String(r.body.result));
  });

  it('crm.item.list: unknown filter field / bad order direction → 400 INVALID_ARG_VALUE', async () => {
    const filter = await t.hook('crm.item.list', { entityTypeId: 2, filter: { noSuchField: 1 } });
    expect(filter.status).toBe(400);
    expect(filter.body).toEqual({
      error: 'INVALID_ARG_VALUE',
      error_description: "Invalid filter: field 'noSuchField' is not allowed in filter",
    });
    const order = await t.hook('crm.item.list', { entityTypeId: 2, order: { id: 'SIDEWAYS' } });
    expect(order.status).toBe(400);
    expect(order.body.error).toBe('INVALID_ARG_VALUE');
    expect(order.body.error_description).toMatch(/^Invalid order/);
  });

  it('unknown top-level parameters are ignored', async () => {
    const r = await t.hook('crm.deal.list', { select: ['ID'], start: -1, frobnicate: { a: 1 }, FILTERS: 'x' });
    expect(r.status).toBe(200);
    expect(list(r.body.result).length).toBe(Math.min(50, dealIds.length));
  });
});

describe('oversized bodies', () => {
  it('refuses a body over the limit with 400 INVALID_REQUEST and keeps serving', async () => {
    const big = `{"fields":{"TITLE":"${'x'.repeat(33 * 1024 * 1024)}"}}`;
    const r = await hookPost(t, 'crm.deal.add', big);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('INVALID_REQUEST');
  });

  it('refuses a huge declared Content-Length without waiting for the body', async () => {
    const u = new URL(t.sandbox.webhookHttpUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: `${u.pathname}server.time`,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(512 * 1024 * 1024) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write('{"a":');
      setTimeout(() => req.destroy(), 3000);
    });
    expect(status).toBe(400);
  });
});

describe('batch abuse', () => {
  it('51 commands: 50 run, the 51st gets ERROR_BATCH_LENGTH_EXCEEDED; HTTP 200', async () => {
    const cmd = Array.from({ length: 51 }, () => 'server.time');
    const r = await t.hook('batch', { halt: 0, cmd });
    expect(r.status).toBe(200);
    const b = obj(r.body.result);
    expect(list(b.result)).toHaveLength(50);
    expect(obj(b.result_error)['50']).toEqual({
      error: 'ERROR_BATCH_LENGTH_EXCEEDED',
      error_description: 'Max batch length exceeded',
    });
  });

  it('200 commands still answer quickly and only run 50', async () => {
    await t.raw('/sandbox/api/log', { method: 'DELETE' });
    const cmd = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`k${i}`, 'crm.deal.add?fields[TITLE]=Should%20not%20exist%20past%2050']),
    );
    const before = (await t.hook('crm.deal.list', { select: ['ID'] })).body.total as number;
    const r = await t.hook('batch', { halt: 0, cmd });
    expect(r.status).toBe(200);
    expect(Object.keys(obj(obj(r.body.result).result_error))).toHaveLength(150);
    const after = (await t.hook('crm.deal.list', { select: ['ID'] })).body.total as number;
    expect(after - before).toBe(50);
  });

  it('nested batch, upload, download → ERROR_BATCH_METHOD_NOT_ALLOWED per command', async () => {
    const r = await t.hook('batch', {
      halt: 0,
      cmd: { a: 'batch?cmd[x]=server.time', b: 'BATCH', c: 'upload', d: 'download?x=1', e: 'server.time' },
    });
    expect(r.status).toBe(200);
    const b = obj(r.body.result);
    for (const key of ['a', 'b', 'c', 'd'])
      expect(obj(obj(b.result_error)[key]).error, key).toBe('ERROR_BATCH_METHOD_NOT_ALLOWED');
    expect(Object.keys(obj(b.result))).toEqual(['e']);
  });

  it('broken references resolve to something harmless, never an error of the batch', async () => {
    const r = await t.hook('batch', {
      halt: 0,
      cmd: {
        a: 'server.time',
        open: 'method.get?name=$result[',
        empty: 'method.get?name=$result[]',
        double: 'method.get?name=$$result[a]',
        missing: 'crm.deal.get?id=$result[zz][0][ID]',
        later: 'crm.deal.get?id=$result[z]',
        inKey: 'method.get?$result[a]=1',
        next: 'crm.deal.list?start=$next[a]&select[]=ID',
        total: 'crm.deal.list?start=$total[nope]&select[]=ID',
        err: 'method.get?name=$error[missing][error]',
        z: 'server.time',
      },
    });
    expect(r.status).toBe(200);
    const b = obj(r.body.result);
    const res = obj(b.result);
    const errs = b.result_error === undefined || Array.isArray(b.result_error) ? {} : obj(b.result_error);
    for (const key of ['a', 'open', 'empty', 'double', 'missing', 'later', 'inKey', 'next', 'total', 'err', 'z']) {
      expect(key in res || key in errs, key).toBe(true);
    }
    for (const v of Object.values(errs)) expect(obj(v).error).not.toBe('INTERNAL_SERVER_ERROR');
    expect(obj(errs.missing).error).toBe('');
  });

  it('non-string batch entries are skipped silently; odd cmd values give empty buckets', async () => {
    const r = await t.hook('batch', {
      halt: 0,
      cmd: { a: 'server.time', b: 5, c: null, d: { x: 1 }, e: ['server.time'], f: true, g: 'scope' },
    });
    expect(r.status).toBe(200);
    const b = obj(r.body.result);
    expect(Object.keys(obj(b.result))).toEqual(['a', 'g']);
    expect(b.result_error).toEqual([]);
    for (const cmd of ['server.time', 42, null, [], {}, [[['x']]]]) {
      const odd = await t.hook('batch', { cmd });
      expect(odd.status, JSON.stringify(cmd)).toBe(200);
      expect(obj(odd.body.result).result, JSON.stringify(cmd)).toEqual([]);
    }
    const noCmd = await t.hook('batch', {});
    expect(noCmd.status).toBe(200);
  });

  it('junk command strings become per-command errors', async () => {
    const r = await t.hook('batch', {
      halt: 0,
      cmd: {
        q: '?',
        empty: '',
        spaces: '   ',
        pct: '%E0%A4%A?x=%',
        amp: '&&&',
        deep: `server.time?${'a'.repeat(5000)}=1`,
      },
    });
    expect(r.status).toBe(200);
    const b = obj(r.body.result);
    for (const key of ['q', 'empty', 'spaces', 'pct', 'amp'])
      expect(obj(obj(b.result_error)[key]).error, key).toBe('ERROR_METHOD_NOT_FOUND');
    expect(obj(b.result).deep).toBeTypeOf('string');
  });
});

describe('hostile values', () => {
  it('huge, negative and fractional start values', async () => {
    for (const start of [1e12, '99999999999999999999999', -5, '-1', 1e308, -1e308, 'Infinity', 0.5]) {
      const r = await t.hook('crm.deal.list', { select: ['ID'], start });
      no500(r, String(start));
      expect(r.status, String(start)).toBe(200);
      expect(Array.isArray(r.body.result)).toBe(true);
    }
    const far = await t.hook('crm.deal.list', { select: ['ID'], start: 1e12 });
    expect(far.body.result).toEqual([]);
    expect(far.body).not.toHaveProperty('next');
    const itemFar = await t.hook('crm.item.list', { entityTypeId: 2, start: 1e12 });
    expect(itemFar.status).toBe(200);
    expect(obj(itemFar.body.result).items).toEqual([]);
  });

  it('negative and absurd ids', async () => {
    legacyError(await t.hook('crm.deal.get', { id: -1 }), 'ID is not defined or invalid.');
    for (const [method, params] of [
      ['crm.deal.update', { id: -7, fields: { TITLE: 'x' } }],
      ['crm.deal.delete', { id: -7 }],
      ['crm.item.get', { entityTypeId: 2, id: -5 }],
      ['crm.item.update', { entityTypeId: 2, id: 99_999_999, fields: { title: 'x' } }],
      ['crm.contact.get', { id: Number.MAX_SAFE_INTEGER }],
      ['crm.deal.get', { id: '99999999999999999999999999' }],
      ['tasks.task.get', { taskId: -1 }],
      ['user.get', { ID: -1 }],
      ['calendar.event.getbyid', { id: -1 }],
    ] as const) {
      const r = await t.hook(method, params);
      no500(r, method);
      expect(r.status, method).not.toBe(404);
    }
  });

  it('SQL-ish strings in filters, orders and selects match nothing and break nothing', async () => {
    const before = (await t.hook('crm.deal.list', { select: ['ID'] })).body.total;
    const evil = "' OR 1=1 --";
    const title = await t.hook('crm.deal.list', { filter: { TITLE: evil }, select: ['ID'] });
    expect(title.status).toBe(200);
    expect(title.body.result).toEqual([]);
    expect(title.body.total).toBe(0);
    for (const params of [
      { filter: { '%TITLE': "%' OR '1'='1" } },
      { filter: { 'ID) OR 1=1 --': 1 } },
      { filter: { '>ID': '0 OR 1=1' } },
      { filter: { '@ID': [evil, '1); DROP TABLE deals; --'] } },
      { order: { 'ID; DROP TABLE deals': 'ASC' } },
      { order: { ID: 'ASC; DROP TABLE deals' } },
      { select: ['ID', "TITLE' FROM x --", '*; DROP TABLE deals'] },
    ]) {
      const r = await t.hook('crm.deal.list', params);
      no500(r, JSON.stringify(params));
    }
    const item = await t.hook('crm.item.list', { entityTypeId: 2, filter: { title: evil } });
    expect(item.status).toBe(200);
    expect(obj(item.body.result).items).toEqual([]);
    const tasks = await t.hook('tasks.task.list', { filter: { TITLE: evil } });
    no500(tasks);
    const users = await t.hook('user.get', { FILTER: { NAME: evil } });
    no500(users);
    expect((await t.hook('crm.deal.list', { select: ['ID'] })).body.total).toBe(before);
  });

  it('deeply nested parameters (JSON and PHP-style) and deep filter logic', async () => {
    const deepJson = `{"filter":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
    no500(await hookPost(t, 'crm.deal.list', deepJson));
    no500(await hookPost(t, 'crm.deal.list', `${'['.repeat(200_000)}${']'.repeat(200_000)}`));
    no500(await hookPost(t, 'crm.deal.list', `filter${'[a]'.repeat(5_000)}=1`, 'application/x-www-form-urlencoded'));
    let nested: Json = { '>id': 0 };
    for (let i = 0; i < 500; i++) nested = { logic: 'OR', 0: nested };
    no500(await t.hook('crm.item.list', { entityTypeId: 2, filter: { 0: nested } }));
  });

  it('unicode round-trips; weird bytes do not break anything', async () => {
    const title = 'Ærøskøbing ApS — 日本語 🚀 «ünïcødé» \u202e';
    const add = await t.hook('crm.deal.add', { fields: { TITLE: title } });
    expect(add.status).toBe(200);
    expect(obj((await t.hook('crm.deal.get', { id: add.body.result })).body.result).TITLE).toBe(title);
    const form = await hookPost(
      t,
      'crm.deal.add',
      `fields[TITLE]=${encodeURIComponent('Émoji 🎉')}`,
      'application/x-www-form-urlencoded',
    );
    expect(obj((await t.hook('crm.deal.get', { id: form.body.result })).body.result).TITLE).toBe('Émoji 🎉');
    no500(
      await t.raw(`${hookPath(t)}crm.deal.add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
      }),
    );
    no500(
      await t.raw(`${hookPath(t)}crm.deal.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from([0x61, 0x3d, 0xff, 0xfe, 0x25, 0x25, 0x26]),
      }),
    );
    const lone = await t.hook('crm.deal.list', { filter: { TITLE: '\ud800' }, select: ['ID'] });
    no500(lone);
  });

  it('malformed percent-encoding in the path or query is not a server error', async () => {
    const path = await rawCall(t, `${hookPath(t)}server.time%E0%A4%A`);
    expect(path.status).toBe(404);
    expect(path.body.error).toBe('ERROR_METHOD_NOT_FOUND');
    const bare = await rawCall(t, `${hookPath(t)}%`);
    expect(bare.status).toBe(404);
    const query = await hookGet(t, 'crm.deal.list', 'filter[TITLE]=%E0%A4%A&b[=1&%zz=1&select[]=ID');
    expect(query.status).toBe(200);
  });

  it('prototype-polluting keys are inert', async () => {
    no500(
      await hookPost(
        t,
        'crm.deal.add',
        '__proto__[TITLE]=x&constructor[prototype][polluted]=1&fields[__proto__][polluted]=1',
        'application/x-www-form-urlencoded',
      ),
    );
    no500(
      await hookPost(
        t,
        'crm.deal.add',
        '{"fields":{"__proto__":{"polluted":1},"TITLE":"Proto"},"__proto__":{"polluted":1}}',
      ),
    );
    no500(
      await hookPost(
        t,
        'batch',
        '{"cmd":{"__proto__":"server.time","a":"crm.deal.list?filter[__proto__][polluted]=1&select[]=ID&start=-1"}}',
      ),
    );
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('odd URLs and HTTP methods', async () => {
    for (const [path, init] of [
      ['/rest/', undefined],
      ['/rest/1/', undefined],
      ['/rest/a/b/c/d', undefined],
      ['/rest/x/y/server.time', undefined],
      ['/rest/1/code/', undefined],
      ['/rest/99999999999999999999/abc/server.time', undefined],
      [`${hookPath(t)}${encodeURIComponent('🚀.list')}`, undefined],
      [`${hookPath(t)}..%2F..%2Fetc%2Fpasswd`, undefined],
      [`${hookPath(t)}server.time`, { method: 'PUT', body: 'x' }],
      [`${hookPath(t)}server.time`, { method: 'DELETE' }],
      [`${hookPath(t)}server.time`, { method: 'PATCH', body: '{}' }],
      [
        `${hookPath(t)}server.time`,
        { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'garbage' },
      ],
      [
        `${hookPath(t)}server.time`,
        { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=z' }, body: '--z\r\nbroken' },
      ],
    ] as const) {
      const r = await t.raw(path, init);
      expect(r.status, path).toBeLessThan(500);
      await r.arrayBuffer();
    }
  });

  it('a burst of garbage requests leaves the server healthy', async () => {
    const contentTypes = [
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=q',
      'application/xml',
      '',
    ];
    const methods = [
      'crm.deal.list',
      'crm.deal.add',
      'crm.item.list',
      'batch',
      'tasks.task.list',
      'user.get',
      'no.such',
      'server.time',
      'crm.deal.get',
    ];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const garbage = () => Buffer.from(Array.from({ length: 1 + rnd(400) }, () => rnd(256)));
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      const batch = Array.from({ length: 20 }, () => {
        const ct = contentTypes[rnd(contentTypes.length)]!;
        const method = methods[rnd(methods.length)]!;
        return t
          .raw(`${hookPath(t)}${method}`, {
            method: 'POST',
            headers: ct ? { 'content-type': ct } : {},
            body: garbage(),
          })
          .then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          });
      });
      statuses.push(...(await Promise.all(batch)));
    }
    expect(statuses).toHaveLength(100);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
