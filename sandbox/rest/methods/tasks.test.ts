import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

let t: TestSandbox;
type Obj = Record<string, unknown>;

function addUser(id: number, name: string, admin = false): void {
  t.sandbox.env.db.prepare('INSERT OR IGNORE INTO users (id, data) VALUES (?, ?)').run(
    id,
    JSON.stringify({
      ACTIVE: true,
      NAME: name,
      LAST_NAME: 'Test',
      EMAIL: `${name.toLowerCase()}@example.com`,
      WORK_POSITION: 'Tester',
      _ADMIN: admin,
      UF_DEPARTMENT: [1],
    }),
  );
}

async function addTask(fields: Obj, userId?: number): Promise<Obj> {
  const r = userId ? await t.app('tasks.task.add', { fields }, userId) : await t.hook('tasks.task.add', { fields });
  expect(r.status).toBe(200);
  return (r.body.result as { task: Obj }).task;
}

const tasksOf = (body: Obj) => (body.result as { tasks: Obj[] }).tasks;

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  addUser(2, 'Bo');
  addUser(3, 'Cleo');
  addUser(4, 'Dan');
});
afterAll(async () => t.close());

describe('tasks.task.add / get', () => {
  it('returns the full task in camelCase with string values and user sub-objects', async () => {
    const task = await addTask({
      TITLE: 'Prepare offer',
      RESPONSIBLE_ID: 2,
      DEADLINE: '2026-12-01T10:00:00+01:00',
      AUDITORS: [3],
      PRIORITY: 2,
      UF_CRM_TASK: ['D_7'],
    });
    expect(task.id).toMatch(/^\d+$/);
    expect(task).toMatchObject({
      title: 'Prepare offer',
      status: '2',
      subStatus: '2',
      priority: '2',
      responsibleId: '2',
      createdBy: '1',
      groupId: '0',
      group: [],
      auditors: ['3'],
      accomplices: [],
      deadline: '2026-12-01T10:00:00+01:00',
      descriptionInBbcode: 'Y',
      commentsCount: '0',
    });
    expect(task.responsible).toEqual({
      id: '2',
      name: 'Bo Test',
      link: '/company/personal/user/2/',
      icon: expect.any(String),
      workPosition: 'Tester',
    });
    expect((task.creator as Obj).id).toBe('1');
    expect(task.auditorsData).toHaveProperty('3');
    expect(task).not.toHaveProperty('ufCrmTask');
    expect(typeof task.action).toBe('object');

    const got = await t.hook('tasks.task.get', { taskId: task.id, select: ['ID', 'TITLE', 'UF_CRM_TASK'] });
    expect(got.body.result).toEqual({ task: { id: task.id, title: 'Prepare offer', ufCrmTask: ['D_7'] } });
  });

  it('accepts camelCase input keys', async () => {
    const task = await addTask({ title: 'Camel', responsibleId: 3, ufCrmTask: ['C_3'] });
    expect(task.responsibleId).toBe('3');
    const got = await t.hook('tasks.task.get', { taskId: task.id, select: ['UF_CRM_TASK'] });
    expect((got.body.result as { task: Obj }).task.ufCrmTask).toEqual(['C_3']);
  });

  it('answers [] for a missing task and for a task the caller cannot see', async () => {
    expect((await t.hook('tasks.task.get', { taskId: 999999 })).body.result).toEqual([]);
    const secret = await addTask({ TITLE: 'Private', RESPONSIBLE_ID: 2 });
    expect((await t.app('tasks.task.get', { taskId: secret.id }, 4)).body.result).toEqual([]);
    expect((await t.app('tasks.task.get', { taskId: secret.id }, 2)).body.result).toHaveProperty('task');
  });

  it('gives the documented errors', async () => {
    let r = await t.hook('tasks.task.add', {});
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: '100', error_description: 'Could not find value for parameter {fields}' });
    r = await t.hook('tasks.task.add', { fields: { RESPONSIBLE_ID: 1 } });
    expect(r.body).toEqual({ error: 'ERROR_CORE', error_description: 'Task title is not specified<br>' });
    r = await t.hook('tasks.task.add', { fields: { TITLE: 'x' } });
    expect(r.body.error_description).toBe('Assignee not specified<br>');
    r = await t.hook('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 777 } });
    expect(r.body.error_description).toBe('User specified in the "Assignee" field not found<br>');
    r = await t.hook('tasks.task.update', { taskId: 0, fields: { TITLE: 'x' } });
    expect(r.body).toEqual({ error: '0', error_description: 'wrong task id' });
  });

  it('updates, deletes and reports the deletion', async () => {
    const task = await addTask({ TITLE: 'Old', RESPONSIBLE_ID: 1 });
    const up = await t.hook('tasks.task.update', {
      taskId: task.id,
      fields: { TITLE: 'New', DEADLINE: '2026-12-24 12:00' },
    });
    expect((up.body.result as { task: Obj }).task).toMatchObject({
      title: 'New',
      deadline: '2026-12-24T12:00:00+01:00',
    });
    const del = await t.hook('tasks.task.delete', { taskId: task.id });
    expect(del.body.result).toEqual({ task: true });
    expect((await t.hook('tasks.task.get', { taskId: task.id })).body.result).toEqual([]);
  });
});

describe('status transitions', () => {
  it('start → pause → complete → renew → defer, and refuses illegal ones', async () => {
    const task = await addTask({ TITLE: 'Flow', RESPONSIBLE_ID: 2 });
    const step = async (method: string) =>
      ((await t.hook(method, { taskId: task.id })).body.result as { task: Obj }).task;
    expect((await step('tasks.task.start')).status).toBe('3');
    expect((await step('tasks.task.pause')).status).toBe('2');
    const done = await step('tasks.task.complete');
    expect(done.status).toBe('5');
    expect(done.closedBy).toBe('1');
    const again = await t.hook('tasks.task.complete', { taskId: task.id });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('ERROR_CORE');
    const renewed = await step('tasks.task.renew');
    expect(renewed.status).toBe('2');
    expect(renewed.closedDate).toBeNull();
    expect((await step('tasks.task.defer')).status).toBe('6');
  });

  it('sends completion by the assignee to review when the creator asked for it', async () => {
    const task = await addTask({ TITLE: 'Reviewed', RESPONSIBLE_ID: 2, TASK_CONTROL: 'Y' });
    const r = await t.app('tasks.task.complete', { taskId: task.id }, 2);
    expect((r.body.result as { task: Obj }).task.status).toBe('4');
    const approved = await t.hook('tasks.task.approve', { taskId: task.id });
    expect((approved.body.result as { task: Obj }).task.status).toBe('5');
  });

  it('delegates to another user and keeps the old assignee as auditor', async () => {
    const task = await addTask({ TITLE: 'Delegate me', RESPONSIBLE_ID: 2 });
    const r = await t.hook('tasks.task.delegate', { taskId: task.id, userId: 3 });
    expect((r.body.result as { task: Obj }).task).toMatchObject({ responsibleId: '3', auditors: ['2'] });
  });
});

describe('tasks.task.list', () => {
  it('filters by UF_CRM_TASK, AUDITOR ("I audit"), RESPONSIBLE_ID and deadline ranges', async () => {
    const bound = await addTask({
      TITLE: 'Bound to deal 7',
      RESPONSIBLE_ID: 3,
      UF_CRM_TASK: ['D_7', 'C_9'],
      AUDITORS: [4],
      DEADLINE: '2030-01-15T12:00:00Z',
    });
    let r = await t.hook('tasks.task.list', { filter: { UF_CRM_TASK: 'D_7' }, select: ['ID', 'UF_CRM_TASK'] });
    const ids = tasksOf(r.body).map((x) => x.id);
    expect(ids).toContain(bound.id);
    for (const row of tasksOf(r.body)) expect(row.ufCrmTask).toContain('D_7');
    r = await t.hook('tasks.task.list', { filter: { UF_CRM_TASK: 'D_77' } });
    expect(r.body.total).toBe(0);
    expect(tasksOf(r.body)).toEqual([]);

    r = await t.app('tasks.task.list', { filter: { AUDITOR: 4 }, select: ['ID', 'TITLE'] }, 4);
    expect(tasksOf(r.body)).toEqual([{ id: bound.id, title: 'Bound to deal 7' }]);
    r = await t.hook('tasks.task.list', {
      filter: { '>=DEADLINE': '2030-01-01', '<DEADLINE': '2030-02-01' },
      select: ['ID'],
    });
    expect(tasksOf(r.body).map((x) => x.id)).toEqual([bound.id]);
    r = await t.hook('tasks.task.list', {
      filter: { RESPONSIBLE_ID: 3, '!ID': bound.id },
      select: ['ID', 'RESPONSIBLE_ID'],
    });
    for (const row of tasksOf(r.body)) expect(row.responsibleId).toBe('3');
  });

  it('knows the overdue meta status and REAL_STATUS', async () => {
    const late = await addTask({ TITLE: 'Late', RESPONSIBLE_ID: 1, DEADLINE: '2020-01-01T10:00:00Z' });
    let r = await t.hook('tasks.task.list', { filter: { STATUS: -1 }, select: ['ID', 'STATUS'] });
    const row = tasksOf(r.body).find((x) => x.id === late.id);
    expect(row).toEqual({ id: late.id, status: '2', subStatus: '-1' });
    r = await t.hook('tasks.task.list', { filter: { REAL_STATUS: 2, ID: late.id }, select: ['ID'] });
    expect(tasksOf(r.body)).toHaveLength(1);
  });

  it('orders by ID DESC by default and pages with total/next', async () => {
    for (let i = 0; i < 55; i++) await addTask({ TITLE: `Bulk ${i}`, RESPONSIBLE_ID: 4, GROUP_ID: 0 });
    const first = await t.hook('tasks.task.list', { filter: { RESPONSIBLE_ID: 4 }, select: ['ID'] });
    const rows = tasksOf(first.body);
    expect(rows).toHaveLength(50);
    expect(first.body.total).toBe(55);
    expect(first.body.next).toBe(50);
    expect(Number(rows[0]!.id)).toBeGreaterThan(Number(rows[1]!.id));
    const second = await t.hook('tasks.task.list', { filter: { RESPONSIBLE_ID: 4 }, select: ['ID'], start: '50' });
    expect(tasksOf(second.body)).toHaveLength(5);
    expect(second.body).not.toHaveProperty('next');
  });

  it('supports the SDK cursor: >ID, order ID ASC, start -1', async () => {
    const seen: string[] = [];
    let last = 0;
    for (;;) {
      const r = await t.hook('tasks.task.list', {
        order: { ID: 'ASC' },
        filter: { '>ID': last, RESPONSIBLE_ID: 4 },
        select: ['ID'],
        start: -1,
      });
      expect(r.body.total).toBe(0);
      expect(r.body).not.toHaveProperty('next');
      const rows = tasksOf(r.body);
      seen.push(...rows.map((x) => String(x.id)));
      if (rows.length < 50) break;
      last = Number(rows[rows.length - 1]!.id);
    }
    expect(seen).toHaveLength(55);
    expect([...seen].sort((a, b) => Number(a) - Number(b))).toEqual(seen);
  });

  it('hides tasks from users who are not members and rejects bad sort keys', async () => {
    const r = await t.app('tasks.task.list', { select: ['ID', 'RESPONSIBLE_ID', 'CREATED_BY', 'AUDITORS'] }, 4);
    for (const row of tasksOf(r.body)) {
      expect([row.responsibleId, row.createdBy, ...(row.auditors as string[])]).toContain('4');
    }
    const bad = await t.hook('tasks.task.list', { order: { NOPE: 'ASC' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: '0', error_description: 'Invalid sorting key (internal error)' });
  });

  it('describes its fields', async () => {
    const r = await t.hook('tasks.task.getFields');
    const fields = (r.body.result as { fields: Record<string, Obj> }).fields;
    expect(fields.ID).toEqual({ title: 'ID', type: 'integer', primary: true });
    expect(fields.STATUS).toMatchObject({ type: 'enum', default: 2 });
    expect((fields.STATUS!.values as Obj)['2']).toBe('Pending');
  });
});

describe('legacy comments and checklists (positional params)', () => {
  it('adds comments from a JSON list and a 0=/1[..] query, lists them without total, counts them', async () => {
    const task = await addTask({ TITLE: 'Discussed', RESPONSIBLE_ID: 1 });
    const base = t.sandbox.webhookHttpUrl;
    const viaJson = await fetch(`${base}task.commentitem.add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([Number(task.id), { POST_MESSAGE: 'First' }]),
    });
    const json = (await viaJson.json()) as Obj;
    expect(typeof json.result).toBe('number');
    const viaQuery = await fetch(`${base}task.commentitem.add?0=${task.id}&1[POST_MESSAGE]=Second`);
    expect(typeof ((await viaQuery.json()) as Obj).result).toBe('number');

    const list = await fetch(`${base}task.commentitem.getlist?0=${task.id}`);
    const body = (await list.json()) as Obj;
    expect(body).not.toHaveProperty('total');
    const rows = body.result as Obj[];
    expect(rows.map((c) => c.POST_MESSAGE)).toEqual(['First', 'Second']);
    expect(rows[0]).toMatchObject({ AUTHOR_ID: '1', POST_MESSAGE_HTML: null, ID: expect.stringMatching(/^\d+$/) });
    expect(rows[0]!.POST_DATE).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);

    const got = await t.hook('tasks.task.get', { taskId: task.id, select: ['COMMENTS_COUNT'] });
    expect((got.body.result as { task: Obj }).task.commentsCount).toBe('2');

    const del = await t.hook('task.commentitem.delete', { 0: Number(task.id), 1: Number(rows[0]!.ID) });
    expect(del.body.result).toBe(true);

    const empty = await t.hook('task.commentitem.add', { 0: Number(task.id), 1: { POST_MESSAGE: '  ' } });
    expect(empty.body).toEqual({ error: 'ERROR_CORE', error_description: 'Comment text is not specified' });
    const missing = await t.hook('task.commentitem.add', {});
    expect(missing.body.error).toBe('ERROR_CORE');
    expect(String(missing.body.error_description)).toContain(
      'Param #0 (taskId) expected by method ctaskcommentitem::add(), but not given.',
    );
  });

  it('manages checklist items and shows them in the task when selected', async () => {
    const task = await addTask({ TITLE: 'With checklist', RESPONSIBLE_ID: 1 });
    const id = Number(task.id);
    const add = await t.hook('task.checklistitem.add', { 0: id, 1: { TITLE: 'Step one' } });
    const itemId = add.body.result as number;
    expect(typeof itemId).toBe('number');
    await t.hook('task.checklistitem.add', { TASKID: id, FIELDS: { TITLE: 'Step two', IS_COMPLETE: 'Y' } });
    expect((await t.hook('task.checklistitem.complete', { 0: id, 1: itemId })).body.result).toBe(true);
    expect((await t.hook('task.checklistitem.complete', { 0: id, 1: 999999 })).body.result).toBe(false);

    const item = (await t.hook('task.checklistitem.get', { 0: id, 1: itemId })).body.result as Obj;
    expect(item).toMatchObject({
      ID: String(itemId),
      TASK_ID: String(id),
      TITLE: 'Step one',
      IS_COMPLETE: 'Y',
      TOGGLED_BY: '1',
      MEMBERS: [],
      ATTACHMENTS: [],
    });
    expect(typeof item.PARENT_ID).toBe('string');

    const list = await fetch(`${t.sandbox.webhookHttpUrl}task.checklistitem.getlist?0=${id}&1[SORT_INDEX]=asc`);
    const rows = ((await list.json()) as Obj).result as Obj[];
    const root = rows.find((r) => r.PARENT_ID === 0);
    expect(root?.TITLE).toBe('Checklist 1');
    expect(rows.filter((r) => r.PARENT_ID !== 0).map((r) => r.TITLE)).toEqual(['Step one', 'Step two']);

    expect((await t.hook('task.checklistitem.renew', [id, itemId] as unknown as Obj)).body.result).toBe(true);
    expect((await t.hook('task.checklistitem.update', { 0: id, 1: itemId, 2: { TITLE: 'Step 1' } })).body.result).toBe(
      true,
    );

    const got = await t.hook('tasks.task.get', { taskId: id, select: ['ID', 'CHECKLIST'] });
    const checklist = (got.body.result as { task: Obj }).task.checklist as Obj[];
    expect(checklist.map((c) => c.TITLE)).toContain('Step 1');
    expect(checklist.find((c) => c.TITLE === 'Step 1')?.IS_COMPLETE).toBe('N');

    expect((await t.hook('task.checklistitem.delete', { 0: id, 1: itemId })).body.result).toBe(true);
    const bad = await t.hook('task.checklistitem.getlist', { 0: id, 1: { IS_COMPLETED: 'asc' } });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error_description)).toContain('must not contain key "IS_COMPLETED"');
  });
});
