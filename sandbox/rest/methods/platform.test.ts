import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../../events/bus.ts';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';
import type { CallContext } from '../engine/context.ts';
import { parsePhpQuery } from '../engine/params.ts';
import { DocTable } from '../engine/query.ts';
import { cleanupUninstalledApp } from './platform.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  const types = new DocTable(t.sandbox.env.db, 'crm_type');
  if (types.count() === 0) types.insert({ TITLE: 'Projects', ENTITY_TYPE_ID: 1034 });
  // seed 'none' has only the admin; add a regular user 3
  t.sandbox.env.db
    .prepare('INSERT OR REPLACE INTO users (id, data) VALUES (3, ?)')
    .run(JSON.stringify({ ACTIVE: true, NAME: 'Sofie', LAST_NAME: 'Lindqvist', UF_DEPARTMENT: [1] }));
});
afterAll(async () => t.close());

type Row = Record<string, unknown>;

describe('app.option.* / user.option.*', () => {
  it('refuses webhooks and non-admins, and empty option maps', async () => {
    const hook = await t.hook('app.option.set', { options: { a: 1 } });
    expect(hook).toMatchObject({
      status: 403,
      body: { error: 'ACCESS_DENIED', error_description: 'Access denied! Application context required' },
    });
    const user = await t.app('app.option.set', { options: { a: 1 } }, 3);
    expect(user).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } });
    const empty = await t.app('app.option.set', { options: {} });
    expect(empty).toMatchObject({
      status: 400,
      body: { error: 'ArgumentNullException', error_description: 'options is empty' },
    });
  });

  it('stores values as given and reads one or all', async () => {
    expect((await t.app('app.option.get')).body.result).toEqual([]);
    const set = await t.app('app.option.set', { options: { flag: true, list: [1, 'two'], nested: { x: 'y' }, n: 5 } });
    expect(set.body.result).toBe(true);
    expect((await t.app('app.option.get')).body.result).toEqual({
      flag: true,
      list: [1, 'two'],
      n: 5,
      nested: { x: 'y' },
    });
    expect((await t.app('app.option.get', { option: 'n' }, 3)).body.result).toBe(5);
    expect((await t.app('app.option.get', { option: 'missing' })).body.result).toBeNull();
    const stored = t.sandbox.env.db.prepare("SELECT value FROM app_options WHERE app_id = 1 AND name = 'list'").get();
    expect(stored).toEqual({ value: '[1,"two"]' });
  });

  it('keeps user options per user', async () => {
    expect((await t.app('user.option.set', { options: { theme: 'dark' } }, 3)).body.result).toBe(true);
    expect((await t.app('user.option.get', {}, 3)).body.result).toEqual({ theme: 'dark' });
    expect((await t.app('user.option.get', { option: 'theme' }, 1)).body.result).toBeNull();
    expect((await t.hook('user.option.get')).status).toBe(403);
  });
});

describe('entity.*', () => {
  it('needs an application context and a valid code', async () => {
    const hook = await t.hook('entity.add', { ENTITY: 'dish', NAME: 'Dishes' });
    expect(hook).toMatchObject({
      status: 403,
      body: { error: 'ACCESS_DENIED', error_description: 'Access denied! Application context required' },
    });
    const empty = await t.app('entity.add', { ENTITY: '$$', NAME: 'x' });
    expect(empty).toMatchObject({
      status: 400,
      body: { error: 'ERROR_ARGUMENT', error_description: "Argument 'ENTITY' is null or empty", argument: 'ENTITY' },
    });
    const long = await t.app('entity.add', { ENTITY: 'abcdefghijklmnopq', NAME: 'x' });
    expect(long.body.error).toBe('ERROR_ARGUMENT');
    expect(long.body.error_description).toMatch(/^Entity code is too long\. Max length is 1[34] characters\.$/);
    const missing = await t.app('entity.item.get', { ENTITY: 'nope' });
    expect(missing).toMatchObject({
      status: 400,
      body: { error: 'ERROR_ENTITY_NOT_FOUND', error_description: 'Entity not found' },
    });
  });

  it('runs a storage lifecycle with properties, items, filters and paging', async () => {
    expect((await t.app('entity.add', { ENTITY: 'dish', NAME: 'Dishes', ACCESS: { AU: 'R' } })).body.result).toBe(true);
    expect((await t.app('entity.add', { ENTITY: 'dish', NAME: 'Again' })).body.error).toBe(
      'ERROR_ENTITY_ALREADY_EXISTS',
    );
    const got = await t.app('entity.get', { ENTITY: 'dish' });
    expect(got.body.result).toEqual({
      ID: expect.stringMatching(/^\d+$/),
      IBLOCK_TYPE_ID: 'rest_entity',
      ENTITY: 'dish',
      NAME: 'Dishes',
    });
    expect((await t.app('entity.rights', { ENTITY: 'dish' })).body.result).toEqual({ AU: 'R', U1: 'X' });

    expect(
      (await t.app('entity.item.property.add', { ENTITY: 'dish', PROPERTY: 'price', NAME: 'Price', TYPE: 'N' })).body
        .result,
    ).toBe(true);
    expect(
      (await t.app('entity.item.property.add', { ENTITY: 'dish', PROPERTY: 'kind', NAME: 'Kind' })).body.result,
    ).toBe(true);
    expect((await t.app('entity.item.property.get', { ENTITY: 'dish', PROPERTY: 'price' })).body.result).toEqual({
      PROPERTY: 'price',
      NAME: 'Price',
      TYPE: 'N',
      SORT: '500',
    });

    const add = await t.app('entity.item.add', {
      ENTITY: 'dish',
      NAME: 'Tomato soup',
      PROPERTY_VALUES: { price: 12.5, kind: 'soup' },
    });
    expect(typeof add.body.result).toBe('number');
    const list = await t.app('entity.item.get', { ENTITY: 'dish' });
    expect(list.body.total).toBe(1);
    const item = (list.body.result as Row[])[0]!;
    expect(item).toMatchObject({
      ID: String(add.body.result),
      ACTIVE: 'Y',
      SORT: '500',
      NAME: 'Tomato soup',
      CREATED_BY: '1',
      MODIFIED_BY: '1',
      DATE_ACTIVE_FROM: '',
      PREVIEW_TEXT: null,
      CODE: null,
      ENTITY: 'dish',
      SECTION: null,
      PROPERTY_VALUES: { price: '12.5', kind: 'soup' },
    });
    expect(item.DATE_CREATE).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);

    const cmd: Record<string, string> = {};
    for (let i = 1; i <= 50; i++)
      cmd[`i${i}`] =
        `entity.item.add?ENTITY=dish&NAME=Salad%20${i}&PROPERTY_VALUES[price]=${i}&PROPERTY_VALUES[kind]=salad`;
    const batch = await t.app('batch', { halt: 1, cmd });
    expect(Object.keys((batch.body.result as { result: object }).result)).toHaveLength(50);

    const page1 = await t.app('entity.item.get', { ENTITY: 'dish', SORT: { ID: 'ASC' } });
    expect(page1.body).toMatchObject({ total: 51, next: 50 });
    expect(page1.body.result as Row[]).toHaveLength(50);
    const page2 = await t.app('entity.item.get', { ENTITY: 'dish', SORT: { ID: 'ASC' }, start: 50 });
    expect((page2.body.result as Row[]).map((r) => r.NAME)).toEqual(['Salad 50']);

    const cheap = await t.app('entity.item.get', { ENTITY: 'dish', FILTER: { '<PROPERTY_price': 3 } });
    expect((cheap.body.result as Row[]).map((r) => r.NAME)).toEqual(['Salad 1', 'Salad 2']);
    const between = await t.app('entity.item.get', { ENTITY: 'dish', FILTER: { '><PROPERTY_PRICE': [12, 13] } });
    expect((between.body.result as Row[]).map((r) => r.NAME)).toEqual(['Tomato soup', 'Salad 12', 'Salad 13']);
    const search = await t.app('entity.item.get', { ENTITY: 'dish', FILTER: { '?NAME': 'soup | Salad 7' } });
    expect((search.body.result as Row[]).map((r) => r.NAME)).toEqual(['Tomato soup', 'Salad 7']);
    const byKind = await t.app('entity.item.get', { ENTITY: 'dish', FILTER: { PROPERTY_kind: 'soup' } });
    expect(byKind.body.total).toBe(1);
    const cursor = await t.app('entity.item.get', {
      ENTITY: 'dish',
      SORT: { ID: 'DESC' },
      FILTER: { '>ID': Number(add.body.result) + 47 },
      start: -1,
    });
    expect((cursor.body.result as Row[]).map((r) => r.NAME)).toEqual(['Salad 50', 'Salad 49', 'Salad 48']);
    expect(cursor.body.total).toBe(0);

    expect(
      (await t.app('entity.item.update', { ENTITY: 'dish', ID: add.body.result, PROPERTY_VALUES: { price: '9' } })).body
        .result,
    ).toBe(true);
    const updated = await t.app('entity.item.get', { ENTITY: 'dish', FILTER: { ID: add.body.result } });
    expect((updated.body.result as Row[])[0]!.PROPERTY_VALUES).toEqual({ price: '9', kind: 'soup' });

    const denied = await t.app('entity.item.add', { ENTITY: 'dish', NAME: 'Hack' }, 3);
    expect(denied).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } });
    expect((await t.app('entity.item.get', { ENTITY: 'dish', FILTER: { ID: add.body.result } }, 3)).body.total).toBe(1);

    const section = await t.app('entity.section.add', { ENTITY: 'dish', NAME: 'Starters' });
    expect(typeof section.body.result).toBe('number');
    const sections = await t.app('entity.section.get', { ENTITY: 'dish' });
    expect(sections.body.total).toBe(1);
    expect((sections.body.result as Row[])[0]).toMatchObject({
      ID: String(section.body.result),
      NAME: 'Starters',
      ENTITY: 'dish',
      ACTIVE: 'Y',
      SORT: '500',
    });

    expect((await t.app('entity.item.delete', { ENTITY: 'dish', ID: add.body.result })).body.result).toBe(true);
    expect((await t.app('entity.item.delete', { ENTITY: 'dish', ID: add.body.result })).status).toBe(400);
    expect((await t.app('entity.update', { ENTITY: 'dish', ENTITY_NEW: 'meal', NAME: 'Meals' })).body.result).toBe(
      true,
    );
    expect((await t.app('entity.get')).body.result).toEqual([
      expect.objectContaining({ ENTITY: 'meal', NAME: 'Meals' }),
    ]);
    expect((await t.app('entity.delete', { ENTITY: 'meal' })).body.result).toBe(true);
    expect((await t.app('entity.get', { ENTITY: 'meal' })).body.error).toBe('ERROR_ENTITY_NOT_FOUND');
    expect((t.sandbox.env.db.prepare('SELECT COUNT(*) AS n FROM entity_items').get() as { n: number }).n).toBe(0);
  });
});

describe('placement.*', () => {
  const handler = 'https://app.example.com/tab';

  it('refuses webhooks, non-admins and bad codes', async () => {
    const hook = await t.hook('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: handler });
    expect(hook).toMatchObject({ status: 403, body: { error: 'WRONG_AUTH_TYPE' } });
    const user = await t.app('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: handler }, 3);
    expect(user).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } });
    expect((await t.app('placement.bind', { HANDLER: handler })).body).toEqual({
      error: 'ERROR_ARGUMENT',
      error_description: "Argument 'PLACEMENT' is null or empty",
      argument: 'PLACEMENT',
    });
    expect((await t.app('placement.bind', { PLACEMENT: 'DEFAULT', HANDLER: handler })).body).toMatchObject({
      error: 'ERROR_ARGUMENT',
      error_description: 'Wrong value',
    });
    expect((await t.app('placement.bind', { PLACEMENT: 'CRM_NOPE_TAB', HANDLER: handler })).body).toEqual({
      error: 'ERROR_PLACEMENT_NOT_FOUND',
      error_description: 'Placement not found',
    });
    expect(
      (await t.app('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_99999_DETAIL_TAB', HANDLER: handler })).body.error,
    ).toBe('ERROR_PLACEMENT_NOT_FOUND');
    expect(
      (await t.app('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'ftp://x.example.com/' })).status,
    ).toBe(400);
  });

  it('binds one row per PLACEMENT + HANDLER, lists and unbinds with count 2 per row', async () => {
    const bind = {
      PLACEMENT: 'crm_deal_detail_tab',
      HANDLER: handler,
      TITLE: 'Kontor',
      LANG_ALL: { de: { TITLE: 'Kontor DE' } },
    };
    expect((await t.app('placement.bind', bind)).body.result).toBe(true);
    expect((await t.app('placement.bind', bind)).body.result).toBe(true);
    expect(
      (await t.app('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: `${handler}2` })).body.result,
    ).toBe(true);
    expect(
      (await t.app('placement.bind', { PLACEMENT: 'CRM_DYNAMIC_1034_DETAIL_TAB', HANDLER: handler })).body.result,
    ).toBe(true);
    const got = await t.app('placement.get');
    const list = got.body.result as Row[];
    expect(list).toHaveLength(3);
    expect(list[0]).toEqual({
      placement: 'CRM_DEAL_DETAIL_TAB',
      userId: 0,
      handler,
      options: [],
      title: 'Kontor',
      description: '',
      langAll: { de: { TITLE: 'Kontor DE', DESCRIPTION: '', GROUP_NAME: '' } },
    });
    expect(list[1]!.langAll).toEqual([]);
    expect((await t.app('placement.bind', { PLACEMENT: 'REST_APP_URI', HANDLER: handler })).body.result).toBe(true);
    expect((await t.app('placement.bind', { PLACEMENT: 'REST_APP_URI', HANDLER: `${handler}2` })).body.error).toBe(
      'ERROR_PLACEMENT_MAX_COUNT',
    );

    expect(
      (await t.app('placement.unbind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: handler })).body.result,
    ).toEqual({ count: 2 });
    expect((await t.app('placement.unbind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB' })).body.result).toEqual({ count: 2 });
    expect((await t.app('placement.unbind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB' })).body.result).toEqual({ count: 0 });
    expect((await t.app('placement.get')).body.result as Row[]).toHaveLength(2);
  });

  it('lists the codes available to the app', async () => {
    const { body } = await t.app('placement.list', {}, 3);
    const codes = body.result as string[];
    expect(codes).toContain('CRM_DEAL_DETAIL_TAB');
    expect(codes).toContain('CRM_DYNAMIC_1034_DETAIL_TAB');
    expect(codes).toContain('LEFT_MENU');
    expect(codes).not.toContain('DEFAULT');
  });
});

describe('event.* and delivery', () => {
  let server: Server;
  let hookUrl = '';
  const received: Record<string, unknown>[] = [];
  let waiters: (() => void)[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ contentType: req.headers['content-type'], path: req.url, ...parsePhpQuery(body) });
        res.end('ok');
        const w = waiters;
        waiters = [];
        w.forEach((f) => f());
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const nextDelivery = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no delivery')), 3000);
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const fakeCtx = (userId: number): CallContext => ({
    db: t.sandbox.env.db,
    state: t.sandbox.env.state,
    registry: t.sandbox.env.registry,
    auth: { kind: 'app', userId, isAdmin: false, scopes: new Set(), appId: 1, webhookId: null, accessToken: null },
    inBatch: false,
    method: 'crm.deal.add',
    origin: t.sandbox.portalUrl.replace(/\/$/, ''),
  });

  it('validates bindings', async () => {
    const hook = await t.hook('event.bind', { event: 'ONCRMDEALADD', handler: hookUrl });
    expect(hook).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } });
    expect((await t.app('event.bind', { event: 'ONNOTHING', handler: hookUrl })).body).toEqual({
      error: 'ERROR_EVENT_NOT_FOUND',
      error_description: 'Event not found',
    });
    expect((await t.app('event.bind', { event: 'ONCRMDEALADD', event_type: 'offline' }, 3)).status).toBe(403);
    expect((await t.app('event.bind', { event: 'onCrmDealAdd', handler: hookUrl })).body.result).toBe(true);
    expect((await t.app('event.bind', { event: 'ONCRMDEALADD', handler: hookUrl })).body).toEqual({
      error: 'ERROR_HANDLER_ALREADY_EXIST',
      error_description: 'Handler already exists!',
    });
    expect((await t.app('event.bind', { event: 'ONCRMDEALADD', event_type: 'offline' })).body.result).toBe(true);
    expect((await t.app('event.bind', { event: 'ONAPPTEST', handler: hookUrl })).body.result).toBe(true);
    expect((await t.app('event.get')).body.result).toEqual([
      { event: 'ONCRMDEALADD', handler: hookUrl, auth_type: '0', offline: 0 },
      { event: 'ONCRMDEALADD', handler: '', auth_type: '0', offline: 1 },
      { event: 'ONAPPTEST', handler: hookUrl, auth_type: '0', offline: 0 },
    ]);
    const names = (await t.app('events')).body.result as string[];
    expect(names).toContain('ONAPPINSTALL');
    expect(names).toContain('ONCRMDEALADD');
  });

  it('delivers nothing while the app is not installed', async () => {
    emitEvent(fakeCtx(3), 'ONCRMDEALADD', { FIELDS: { ID: '7' } });
    await new Promise((r) => setTimeout(r, 150));
    expect(received).toHaveLength(0);
    expect((await t.app('event.offline.get')).body.result).toEqual({ process_id: null, events: [] });
  });

  it('POSTs form-encoded events with auth of the acting user, and queues offline ones', async () => {
    await t.raw('/sandbox/api/app', { method: 'POST', body: JSON.stringify({ installed: true }) });
    const arrived = nextDelivery();
    emitEvent(fakeCtx(3), 'ONCRMDEALADD', { FIELDS: { ID: '7' } });
    await arrived;
    const ev = received[0]!;
    expect(ev.contentType).toBe('application/x-www-form-urlencoded');
    expect(ev.event).toBe('ONCRMDEALADD');
    expect(ev.event_handler_id).toMatch(/^\d+$/);
    expect(ev.data).toEqual({ FIELDS: { ID: '7' } });
    expect(ev.ts).toMatch(/^\d{10}$/);
    const auth = ev.auth as Record<string, string>;
    const app = t.sandbox.env.db.prepare('SELECT application_token FROM apps WHERE id = 1').get() as {
      application_token: string;
    };
    expect(auth.application_token).toBe(app.application_token);
    expect(auth.client_endpoint).toBe(`${t.sandbox.portalUrl}rest/`);
    expect(auth.domain).toBe(new URL(t.sandbox.portalUrl).host);
    expect(auth.member_id).toMatch(/^sandbox/);
    expect(auth).not.toHaveProperty('refresh_token');
    const me = await t.raw(`/rest/user.current?auth=${auth.access_token}`);
    expect((await me.json()).result.ID).toBe('3');

    const offline = await t.app('event.offline.get', { clear: 0 });
    const result = offline.body.result as { process_id: string; events: Row[] };
    expect(result.process_id).toMatch(/^[0-9a-f]+$/);
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({
      EVENT_NAME: 'ONCRMDEALADD',
      EVENT_DATA: { FIELDS: { ID: '7' } },
      ID: expect.stringMatching(/^\d+$/),
    });
    expect((await t.app('event.offline.get')).body.result).toEqual({ process_id: null, events: [] });
    expect((await t.app('event.offline.list')).body.total).toBe(1);
    expect((await t.app('event.offline.clear', { process_id: result.process_id })).body.result).toBe(true);
    expect((await t.app('event.offline.list')).body.total).toBe(0);
    expect((await t.app('event.offline.get', {}, 3)).status).toBe(403);
  });

  it('fires ONAPPTEST with a refresh token on event.test, and unbinds', async () => {
    const arrived = nextDelivery();
    expect((await t.app('event.test')).body.result).toBe(true);
    await arrived;
    const ev = received.at(-1)!;
    expect(ev.event).toBe('ONAPPTEST');
    expect((ev.auth as Record<string, string>).refresh_token).toMatch(/^[0-9a-f]{32}$/);
    expect((await t.app('event.unbind', { event: 'ONCRMDEALADD', handler: hookUrl })).body.result).toEqual({
      count: 1,
    });
    expect((await t.app('event.unbind', { event: 'ONCRMDEALADD', handler: hookUrl })).body.result).toEqual({
      count: 0,
    });
    expect((await t.app('event.unbind', { event: 'ONCRMDEALADD', event_type: 'offline' })).body.result).toEqual({
      count: 1,
    });
  });
});

describe('uninstall cleanup', () => {
  it('always drops bindings; options and storages only with CLEAN', async () => {
    const db = t.sandbox.env.db;
    await t.app('app.option.set', { options: { keep: 1 } });
    await t.app('entity.add', { ENTITY: 'keepme', NAME: 'Keep' });
    await t.app('placement.bind', { PLACEMENT: 'LEFT_MENU', HANDLER: 'https://app.example.com/menu' });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    cleanupUninstalledApp(db, 1, false);
    expect(count('SELECT COUNT(*) AS n FROM placements WHERE app_id = 1')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM event_bindings WHERE app_id = 1')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM app_options WHERE app_id = 1')).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) AS n FROM entity_storages WHERE app_id = 1')).toBe(1);
    cleanupUninstalledApp(db, 1, true);
    expect(count('SELECT COUNT(*) AS n FROM app_options WHERE app_id = 1')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM user_options WHERE app_id = 1')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM entity_storages WHERE app_id = 1')).toBe(0);
  });
});
