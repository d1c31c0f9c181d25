import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/index.ts';
import { tokenCaller } from '../platform/testing/token-caller.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { TaskProvider } from '../types.ts';
import { createDataSource, type DataSource } from './data-source.ts';
import {
  addComment,
  bindingTarget,
  createTask,
  readChecklist,
  readComments,
  readTask,
  updateTask,
  type TaskInput,
} from './task-items.ts';
import { readRelatedData } from './task-related-data.ts';

// A task's detail, checklist, comments, status actions, CRM bindings and related custom data, against a
// sandbox (demo seed) over HTTPS through the SDK; round trips counted in the portal's log.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
});
afterAll(async () => t?.close());
beforeEach(() => sandbox.clearLog());

const hook = async <R>(method: string, params: Record<string, unknown>) => {
  const res = await t.hook(method, params);
  if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as R;
};
const stored = async (id: string) =>
  (await hook<{ task: Record<string, unknown> }>('tasks.task.get', { taskId: id, select: ['*', 'UF_CRM_TASK'] })).task;

const input = (over: Partial<TaskInput> = {}): TaskInput => ({
  title: 'Prepare the offer',
  description: 'Call [b]first[/b]',
  responsibleId: '1',
  accomplices: [],
  auditors: [],
  deadline: '',
  priority: '1',
  groupId: '',
  crm: [],
  ...over,
});

describe('bindingTarget', () => {
  it.each([
    ['D_12', { resource: 'deals', id: '12' }],
    ['C_3', { resource: 'contacts', id: '3' }],
    ['CO_4', { resource: 'companies', id: '4' }],
    ['L_5', { resource: 'leads', id: '5' }],
    ['T406_7', { resource: 'sp-1030', id: '7' }],
  ])('%s', (code, expected) => expect(bindingTarget(code)).toEqual(expected));

  it.each(['Q_1', 'D_0', 'T1_2', 'CO4_3', 'x'])('knows nothing of %j', (code) =>
    expect(bindingTarget(code)).toBeNull(),
  );
});

describe('create and update', () => {
  it('creates a task with its members, deadline, CRM bindings and checklist in one request', async () => {
    const { task, refusedItems } = await createTask(
      sandbox.client,
      input({
        accomplices: ['3'],
        auditors: ['4', '5'],
        deadline: '2030-01-15T16:00:00+01:00',
        priority: '2',
        crm: ['D_1', 'C_2'],
      }),
      [
        { title: 'Call the customer', done: true },
        { title: '  ', done: false },
        { title: 'Send the offer', done: false },
      ],
    );
    expect(refusedItems).toBe(0);
    expect(requests(await sandbox.log())).toEqual([
      'batch:task.checklistitem.add,task.checklistitem.add,tasks.task.add',
    ]);
    const saved = await stored(task.id);
    expect(saved).toMatchObject({
      title: 'Prepare the offer',
      description: 'Call [b]first[/b]',
      responsibleId: '1',
      accomplices: ['3'],
      auditors: ['4', '5'],
      priority: '2',
      ufCrmTask: ['D_1', 'C_2'],
    });
    expect(Date.parse(String(saved.deadline))).toBe(Date.parse('2030-01-15T15:00:00Z'));
    const items = await readChecklist(sandbox.client, task.id);
    expect(items.map((i) => [i.title, i.done])).toEqual([
      ['Call the customer', true],
      ['Send the offer', false],
    ]);
  });

  it('reads a task with its bindings and joined names in one call', async () => {
    const { task } = await createTask(sandbox.client, input({ crm: ['CO_1'], auditors: ['4'] }));
    await sandbox.clearLog();
    const read = await readTask(sandbox.client, task.id);
    expect(read).toMatchObject({ id: task.id, ufCrmTask: ['CO_1'], auditors: ['4'] });
    expect((read.responsible as { name: string }).name).toBe('Anna Holm');
    expect(Object.keys(read.auditorsData as object)).toEqual(['4']);
    expect(requests(await sandbox.log())).toEqual(['tasks.task.get']);
    await expect(readTask(sandbox.client, '999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sends only what changed, and the checklist changes, in one request', async () => {
    const before = input({ accomplices: ['3'], crm: ['D_1'] });
    const { task } = await createTask(sandbox.client, before, [
      { title: 'One', done: false },
      { title: 'Two', done: false },
      { title: 'Three', done: true },
    ]);
    const items = await readChecklist(sandbox.client, task.id);
    await sandbox.clearLog();
    await updateTask(
      sandbox.client,
      task.id,
      { ...before, title: 'Prepare the new offer', accomplices: [], crm: ['D_1', 'L_1'] },
      before,
      {
        before: items,
        after: [
          { id: items[0]!.id, title: 'One, renamed', done: true },
          { id: items[2]!.id, title: 'Three', done: false },
          { title: 'Four', done: false },
        ],
      },
    );
    // Two item updates: "One" is renamed, "Three" moves up a place.
    expect(requests(await sandbox.log())).toEqual([
      'batch:task.checklistitem.add,task.checklistitem.complete,task.checklistitem.delete,task.checklistitem.renew,task.checklistitem.update,task.checklistitem.update,tasks.task.update',
    ]);
    expect(await stored(task.id)).toMatchObject({
      title: 'Prepare the new offer',
      accomplices: [],
      ufCrmTask: ['D_1', 'L_1'],
    });
    expect((await readChecklist(sandbox.client, task.id)).map((i) => [i.title, i.done])).toEqual([
      ['One, renamed', true],
      ['Three', false],
      ['Four', false],
    ]);
  });

  it('sends nothing when nothing changed', async () => {
    const before = input();
    const { task } = await createTask(sandbox.client, before);
    await sandbox.clearLog();
    expect(await updateTask(sandbox.client, task.id, before, before, { before: [], after: [] })).toBeNull();
    expect(await sandbox.log()).toEqual([]);
  });

  it('binds another CRM record and unbinds them all', async () => {
    const { task } = await createTask(sandbox.client, input({ crm: ['D_1'] }));
    await updateTask(sandbox.client, task.id, { crm: ['D_1', 'CO_2'] }, { crm: ['D_1'] });
    expect((await stored(task.id)).ufCrmTask).toEqual(['D_1', 'CO_2']);
    await updateTask(sandbox.client, task.id, { crm: [] }, { crm: ['D_1', 'CO_2'] });
    expect((await stored(task.id)).ufCrmTask).toEqual([]);
  });

  it('reports a refused task as a validation error and creates nothing', async () => {
    const error = await createTask(sandbox.client, input({ title: ' ' }), [{ title: 'x', done: false }]).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ERROR_CORE' });
  });
});

describe('status actions', () => {
  const provider = () => source.provider('tasks') as TaskProvider;

  it('starts, pauses, defers, renews and completes through their own methods', async () => {
    const { task } = await createTask(sandbox.client, input());
    expect((await provider().taskAction(task.id, 'start')).status).toBe('3');
    expect((await provider().taskAction(task.id, 'pause')).status).toBe('2');
    expect((await provider().taskAction(task.id, 'defer')).status).toBe('6');
    expect((await provider().taskAction(task.id, 'complete')).status).toBe('5');
    expect((await provider().taskAction(task.id, 'renew')).status).toBe('2');
    const log = (await sandbox.log()).map((e) => e.method);
    expect(log.slice(-5)).toEqual([
      'tasks.task.start',
      'tasks.task.pause',
      'tasks.task.defer',
      'tasks.task.complete',
      'tasks.task.renew',
    ]);
    expect((await stored(task.id)).status).toBe('2');
  });

  it('a refused transition is the portal error, and changes nothing', async () => {
    const { task } = await createTask(sandbox.client, input());
    await expect(provider().taskAction(task.id, 'renew')).rejects.toMatchObject({ code: 'ERROR_CORE' });
    expect((await stored(task.id)).status).toBe('2');
  });
});

describe('checklist and comments', () => {
  it('ticks and unticks an item', async () => {
    const { task } = await createTask(sandbox.client, input(), [{ title: 'Only', done: false }]);
    const [item] = await readChecklist(sandbox.client, task.id);
    await updateTask(
      sandbox.client,
      task.id,
      {},
      {},
      {
        before: [item!],
        after: [{ id: item!.id, title: 'Only', done: true }],
      },
    );
    expect((await readChecklist(sandbox.client, task.id))[0]!.done).toBe(true);
  });

  it('adds a comment as the current user and reads them oldest first, text as written', async () => {
    const { task } = await createTask(sandbox.client, input());
    const first = await addComment(sandbox.client, task.id, 'Called [b]them[/b]');
    await addComment(sandbox.client, task.id, '<script>alert(1)</script>');
    expect(first).toMatch(/^\d+$/);
    await sandbox.clearLog();
    const comments = await readComments(sandbox.client, task.id);
    expect(comments.map((c) => c.text)).toEqual(['Called [b]them[/b]', '<script>alert(1)</script>']);
    expect(comments[0]).toMatchObject({ id: first, authorId: '1', authorName: 'Anna Holm' });
    expect(requests(await sandbox.log())).toEqual(['task.commentitem.getlist']);
  });

  it('reads checklist, comments and the task in one request when asked in the same tick', async () => {
    const { task } = await createTask(sandbox.client, input(), [{ title: 'A', done: false }]);
    await sandbox.clearLog();
    await Promise.all([
      readTask(sandbox.client, task.id),
      readChecklist(sandbox.client, task.id),
      readComments(sandbox.client, task.id),
    ]);
    expect(requests(await sandbox.log())).toEqual([
      'batch:task.checklistitem.getlist,task.commentitem.getlist,tasks.task.get',
    ]);
  });
});

describe('related custom data', () => {
  it("reads each storage's items that reference the task's CRM records, one batch for all storages", async () => {
    // entity.* needs application context: a client over an app token, as the frame gives one.
    const token = await t.token(1);
    const app = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), token));
    const call = async (method: string, params: Record<string, unknown>) => {
      const res = await t.app(method, params);
      if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
    };
    await call('entity.add', { ENTITY: 'visits', NAME: 'Visits' });
    await call('entity.item.property.add', { ENTITY: 'visits', PROPERTY: 'crm', NAME: 'CRM', TYPE: 'S' });
    await call('entity.item.property.add', { ENTITY: 'visits', PROPERTY: 'note', NAME: 'Note', TYPE: 'S' });
    await call('entity.item.add', {
      ENTITY: 'visits',
      NAME: 'Site visit',
      PROPERTY_VALUES: { crm: 'D_7', note: 'Roof' },
    });
    await call('entity.item.add', { ENTITY: 'visits', NAME: 'Other', PROPERTY_VALUES: { crm: 'D_8' } });
    await call('entity.item.add', { ENTITY: 'visits', NAME: 'Call', PROPERTY_VALUES: { crm: 'C_3' } });
    await sandbox.clearLog();

    const storages = [
      { entity: 'visits', title: 'Visits', crmProperty: 'crm' },
      { entity: 'gone', title: 'Gone', crmProperty: 'crm' },
    ];
    const data = await readRelatedData(app, storages, ['D_7', 'C_3']);
    expect(data[0]!.items).toEqual({
      ok: true,
      data: [
        { id: expect.any(String), name: 'Call', code: 'C_3', values: {} },
        { id: expect.any(String), name: 'Site visit', code: 'D_7', values: { note: 'Roof' } },
      ],
    });
    expect(data[1]!.items).toMatchObject({ ok: false, error: { code: 'ERROR_ENTITY_NOT_FOUND' } });
    expect(requests(await sandbox.log())).toEqual(['batch:entity.item.get,entity.item.get']);
    expect(await readRelatedData(app, storages, [])).toEqual(
      storages.map((storage) => ({ storage, items: { ok: true, data: [] } })),
    );
  });
});
