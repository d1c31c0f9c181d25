import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { Rng } from '../../db/seed/rng.ts';
import { seedUsers } from '../../db/seed/users.ts';
import { ALL_SCOPES } from '../engine/auth.ts';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => t.close());

type Row = Record<string, unknown>;
const rows = (body: Record<string, unknown>) => body.result as Row[];

describe('user.current / user.get typing', () => {
  it('sends the caller with portal typing and without internal fields', async () => {
    const { status, body } = await t.app('user.current', {}, 3);
    expect(status).toBe(200);
    const u = body.result as Row;
    expect(u.ID).toBe('3');
    expect(u.ACTIVE).toBe(true);
    expect(u.NAME).toBe('Sofie');
    expect(u.UF_DEPARTMENT).toEqual([2]);
    expect(u.IS_ONLINE).toBe('Y');
    expect(u.LAST_ACTIVITY_DATE).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(u.LAST_LOGIN).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(u.DATE_REGISTER).toMatch(/T00:00:00[+-]\d\d:\d\d$/);
    expect(u.USER_TYPE).toBe('employee');
    expect(u).not.toHaveProperty('_ADMIN');
    expect(u.EMAIL).toMatch(/@example\.com$/);
  });

  it('keeps Anna Holm as user 1', async () => {
    const { body } = await t.hook('user.current');
    expect(body.result).toMatchObject({ ID: '1', NAME: 'Anna', LAST_NAME: 'Holm' });
  });

  it('lists every user with total, and filters by ACTIVE, department, name', async () => {
    const all = await t.hook('user.get');
    expect(all.body.total).toBe(12);
    expect(rows(all.body).map((r) => r.ID)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(all.body).not.toHaveProperty('next');

    const active = await t.hook('user.get', { FILTER: { ACTIVE: true } });
    expect(active.body.total).toBe(11);
    const activeForm = await t.hook('user.get', { ACTIVE: 'Y' });
    expect(activeForm.body.total).toBe(11);
    const inactive = await t.hook('user.get', { FILTER: { ACTIVE: false } });
    expect(rows(inactive.body).map((r) => r.ID)).toEqual(['12']);

    const sales = await t.hook('user.get', { UF_DEPARTMENT: 2 });
    expect(rows(sales.body).map((r) => r.ID)).toEqual(['3', '4', '12']);

    const byName = await t.hook('user.get', { filter: { NAME: 'Cla%' } });
    expect(rows(byName.body).map((r) => r.NAME)).toEqual(['Clara']);
    const search = await t.hook('user.get', { FILTER: { NAME_SEARCH: 'sof' } });
    expect(rows(search.body).map((r) => r.ID)).toEqual(['3']);
    const type = await t.hook('user.get', { FILTER: { USER_TYPE: 'employee', '@ID': [1, 2] } });
    expect(type.body.total).toBe(2);
  });

  it('sorts and supports the >ID cursor with start=-1', async () => {
    const desc = await t.hook('user.get', { sort: 'ID', order: 'DESC' });
    expect(rows(desc.body)[0]!.ID).toBe('12');
    const cursor = await t.hook('user.get', { FILTER: { '>ID': 10 }, sort: 'ID', order: 'ASC', start: -1 });
    expect(rows(cursor.body).map((r) => r.ID)).toEqual(['11', '12']);
    expect(cursor.body.total).toBe(0);
    expect(cursor.body).not.toHaveProperty('next');
  });

  it('narrows the fields to the user_brief scope', async () => {
    await t.raw('/sandbox/api/app', { method: 'POST', body: JSON.stringify({ scopes: 'user_brief' }) });
    const token = await (
      await t.raw('/sandbox/api/tokens', { method: 'POST', body: JSON.stringify({ userId: 4 }) })
    ).json();
    const res = await t.raw('/rest/user.current', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: token.access_token }),
    });
    const u = (await res.json()).result as Row;
    await t.raw('/sandbox/api/app', { method: 'POST', body: JSON.stringify({ scopes: ALL_SCOPES.join(',') }) });
    expect(u.ID).toBe('4');
    expect(u).not.toHaveProperty('EMAIL');
    expect(u).not.toHaveProperty('PERSONAL_MOBILE');
    expect(u.UF_DEPARTMENT).toEqual([2]);
  });
});

describe('user.search / user.fields / user.update', () => {
  it('finds active users by FIND or by fields', async () => {
    const find = await t.hook('user.search', { FILTER: { FIND: 'lund' } });
    expect(rows(find.body).map((r) => r.ID)).toEqual(['10']);
    const byField = await t.hook('user.search', { LAST_NAME: 'Ba' });
    expect(rows(byField.body)).toEqual([]);
    const byDept = await t.hook('user.search', { FILTER: { UF_DEPARTMENT_NAME: 'Sales' } });
    expect(rows(byDept.body).map((r) => r.ID)).toEqual(['3', '4']);
  });

  it('describes the fields', async () => {
    const { body } = await t.hook('user.fields');
    expect(body.result).toMatchObject({ ID: 'ID', NAME: 'First name', UF_DEPARTMENT: 'Departments' });
  });

  it('lets users update themselves and admins anyone', async () => {
    const denied = await t.app('user.update', { ID: 4, WORK_POSITION: 'Boss' }, 3);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('ACCESS_DENIED');
    const self = await t.app('user.update', { ID: 3, WORK_POSITION: 'Head of sales', ACTIVE: false }, 3);
    expect(self.body.result).toBe(true);
    const after = await t.hook('user.get', { ID: 3 });
    expect(rows(after.body)[0]).toMatchObject({ WORK_POSITION: 'Head of sales', ACTIVE: true });
    const admin = await t.hook('user.update', { ID: 11, PERSONAL_BIRTHDAY: '1990-05-03' });
    expect(admin.body.result).toBe(true);
    const u11 = rows((await t.hook('user.get', { ID: 11 })).body)[0]!;
    expect(u11.PERSONAL_BIRTHDAY).toMatch(/^1990-05-03T00:00:00[+-]\d\d:\d\d$/);
  });
});

describe('department.*', () => {
  it('lists departments with their exact typing', async () => {
    const { body } = await t.hook('department.get');
    expect(body.total).toBe(6);
    const list = rows(body);
    expect(list[0]).toEqual({ ID: '1', NAME: 'Nordlys ApS', SORT: 100, UF_HEAD: '1' });
    expect(list[1]).toEqual({ ID: '2', NAME: 'Sales', SORT: 200, PARENT: '1', UF_HEAD: '3' });
    const filtered = await t.hook('department.get', { PARENT: 1, sort: 'ID', order: 'DESC' });
    expect(rows(filtered.body).map((d) => d.ID)).toEqual(['6', '5', '4', '3', '2']);
  });

  it('adds, updates and deletes as admin only', async () => {
    const denied = await t.app('department.add', { NAME: 'R&D', PARENT: 1 }, 3);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('ACCESS_DENIED');
    const add = await t.hook('department.add', { NAME: 'R&D', PARENT: 6, UF_HEAD: 9 });
    expect(add.body.result).toBe(7);
    expect((await t.hook('department.update', { ID: 7, NAME: 'Research' })).body.result).toBe(true);
    const got = await t.hook('department.get', { ID: 7 });
    expect(rows(got.body)).toEqual([{ ID: '7', NAME: 'Research', SORT: 500, PARENT: '6', UF_HEAD: '9' }]);
    expect((await t.hook('department.delete', { ID: 7 })).body.result).toBe(true);
    expect((await t.hook('department.get', { ID: 7 })).body.total).toBe(0);
  });
});

describe('im.notify.* and log.blogpost.*', () => {
  it('validates and stores notifications, replacing by tag', async () => {
    const noUser = await t.hook('im.notify.system.add', { MESSAGE: 'Hi' });
    expect(noUser).toMatchObject({
      status: 400,
      body: { error: 'USER_ID_EMPTY', error_description: "User ID can't be empty" },
    });
    const noMessage = await t.hook('im.notify.personal.add', { USER_ID: 3, MESSAGE: '   ' });
    expect(noMessage.body.error).toBe('MESSAGE_EMPTY');
    const unknown = await t.hook('im.notify.system.add', { USER_ID: 999, MESSAGE: 'Hi' });
    expect(unknown.body.result).toBe(false);
    const big = await t.app('im.notify.system.add', {
      USER_ID: 3,
      MESSAGE: 'Hi',
      ATTACH: { BLOCKS: [{ MESSAGE: 'x'.repeat(61_000) }] },
    });
    expect(big.body.error).toBe('ATTACH_OVERSIZE');
    const bad = await t.app('im.notify.system.add', { USER_ID: 3, MESSAGE: 'Hi', ATTACH: '{nope' });
    expect(bad.body.error).toBe('ATTACH_ERROR');

    const first = await t.app('im.notify.system.add', { USER_ID: 3, MESSAGE: ' Deal won ', TAG: 'DEAL_7' });
    expect(typeof first.body.result).toBe('number');
    const second = await t.app('im.notify.system.add', { USER_ID: 3, MESSAGE: 'Deal won again', TAG: 'DEAL_7' });
    expect(second.body.result).toBeGreaterThan(first.body.result as number);
    const stored = t.sandbox.env.db
      .prepare("SELECT id, message, type, app_id FROM notifications WHERE tag = 'DEAL_7'")
      .all();
    expect(stored).toEqual([{ id: second.body.result, message: 'Deal won again', type: 'system', app_id: 1 }]);
    const legacy = await t.app('im.notify', { to: 4, message: 'Legacy', type: 'USER' }, 3);
    expect(typeof legacy.body.result).toBe('number');
    const row = t.sandbox.env.db
      .prepare('SELECT user_id, from_user_id, type FROM notifications WHERE id = ?')
      .get(legacy.body.result);
    expect(row).toEqual({ user_id: 4, from_user_id: 3, type: 'personal' });
  });

  it('posts to the live feed with validated destinations', async () => {
    const post = await t.hook('log.blogpost.add', { POST_TITLE: 'Hello', POST_MESSAGE: 'Welcome to Nordlys' });
    expect(typeof post.body.result).toBe('number');
    const got = await t.hook('log.blogpost.get', { POST_ID: post.body.result });
    expect(rows(got.body)[0]).toMatchObject({
      ID: String(post.body.result),
      TITLE: 'Hello',
      DETAIL_TEXT: 'Welcome to Nordlys',
      DEST: ['UA'],
      AUTHOR_ID: '1',
    });
    const ok = await t.hook('log.blogpost.add', { POST_MESSAGE: 'Team note', DEST: ['DR2', 'U3'] });
    expect(typeof ok.body.result).toBe('number');
    const badUser = await t.hook('log.blogpost.add', { POST_MESSAGE: 'x', DEST: ['U999'] });
    expect(badUser.status).toBe(400);
    const badDept = await t.hook('log.blogpost.add', { POST_MESSAGE: 'x', DEST: ['DR99'] });
    expect(badDept.status).toBe(400);
    const empty = await t.hook('log.blogpost.add', { POST_MESSAGE: '' });
    expect(empty.status).toBe(400);
  });
});

describe('seed', () => {
  it('creates 50 users and 6 departments for the large portal', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE IF NOT EXISTS departments (id INTEGER PRIMARY KEY, data TEXT NOT NULL)');
    seedUsers(db, 'large', new Rng(1));
    expect((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(50);
    expect((db.prepare('SELECT COUNT(*) AS n FROM departments').get() as { n: number }).n).toBe(6);
    const admin = JSON.parse((db.prepare('SELECT data FROM users WHERE id = 1').get() as { data: string }).data);
    expect(admin).toMatchObject({ NAME: 'Anna', LAST_NAME: 'Holm', _ADMIN: true });
    db.close();
  });
});
