import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newTaskDoc } from '../../../sandbox/rest/methods/tasks.ts';
import { taskTable } from '../../../sandbox/rest/methods/tasks-store.ts';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { RecordData } from '../types.ts';
import { compileTaskFilter, type TaskFilter } from './task-filter.ts';
import { streamTasks, type TaskChunk } from './task-stream.ts';

// The task section's filters and its streamed read, against a sandbox (demo seed) over HTTPS through the SDK.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(() => sandbox.clearLog());

const hook = async <R>(method: string, params: Record<string, unknown>) => {
  const res = await t.hook(method, params);
  if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as R;
};

async function addTask(fields: Record<string, unknown>): Promise<string> {
  return (await hook<{ task: { id: string } }>('tasks.task.add', { fields })).task.id;
}

async function read(
  filter: TaskFilter,
  me?: string,
  cap = 10_000,
): Promise<{ chunks: TaskChunk[]; rows: RecordData[] }> {
  const chunks: TaskChunk[] = [];
  for await (const chunk of streamTasks(sandbox.client, { filter, cap, ...(me ? { me } : {}) })) chunks.push(chunk);
  return { chunks, rows: chunks.flatMap((c) => c.rows) };
}

describe('compileTaskFilter', () => {
  it('compiles each condition to the portal filter', () => {
    expect(
      compileTaskFilter(
        {
          role: 'auditor',
          responsibleIds: ['3', 'x', '4'],
          groupId: '2',
          statuses: ['2', '3', '9'],
          deadlineFrom: '2026-03-01',
          deadlineTo: '2026-03-31',
          crm: 'D_12',
          search: '  roof ',
        },
        '7',
      ),
    ).toEqual({
      AUDITOR: '7',
      RESPONSIBLE_ID: [3, 4],
      GROUP_ID: 2,
      REAL_STATUS: [2, 3],
      '>=DEADLINE': '2026-03-01',
      '<DEADLINE': '2026-04-01',
      UF_CRM_TASK: 'D_12',
      '%TITLE': 'roof',
    });
  });

  it('takes "mine" as the responsible and leaves blanks and malformed values out', () => {
    expect(compileTaskFilter({ role: 'responsible', responsibleIds: ['3'] }, '7')).toEqual({ RESPONSIBLE_ID: '7' });
    expect(compileTaskFilter({ role: 'creator' }, '7')).toEqual({ CREATED_BY: '7' });
    expect(compileTaskFilter({ role: 'accomplice' }, '7')).toEqual({ ACCOMPLICE: '7' });
    expect(
      compileTaskFilter({ groupId: '', crm: 'javascript:1', deadlineFrom: '1.3.2026', search: ' ', statuses: [] }),
    ).toEqual({});
    expect(() => compileTaskFilter({ role: 'responsible' })).toThrow(/current user/);
  });
});

describe('filters against the portal', () => {
  const mark = `Filter ${Date.now()}`;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const deal = await hook<{ item: { id: number } }>('crm.item.add', { entityTypeId: 2, fields: { title: mark } });
    const group = await hook<number>('sonet_group.create', { NAME: `${mark} group` });
    ids.mine = await addTask({ TITLE: `${mark} mine`, RESPONSIBLE_ID: 1, DEADLINE: '2030-05-10T10:00:00+00:00' });
    ids.created = await addTask({ TITLE: `${mark} created`, RESPONSIBLE_ID: 3, CREATED_BY: 1, GROUP_ID: group });
    ids.audited = await addTask({ TITLE: `${mark} audited`, RESPONSIBLE_ID: 3, CREATED_BY: 4, AUDITORS: [1] });
    ids.other = await addTask({
      TITLE: `${mark} other`,
      RESPONSIBLE_ID: 4,
      CREATED_BY: 4,
      UF_CRM_TASK: [`D_${deal.item.id}`],
      DEADLINE: '2030-05-12T12:00:00+00:00',
    });
    await hook('tasks.task.start', { taskId: ids.created });
    ids.deal = `D_${deal.item.id}`;
    ids.group = String(group);
  });

  const titles = async (filter: TaskFilter) =>
    (await read({ ...filter, search: mark }, '1')).rows.map((r) => String(r.title).slice(mark.length + 1)).sort();

  it('selects by role, responsible, group, status, deadline range and CRM item', async () => {
    expect(await titles({})).toEqual(['audited', 'created', 'mine', 'other']);
    expect(await titles({ role: 'responsible' })).toEqual(['mine']);
    // The creator of a task is also its creator when it made the task for itself.
    expect(await titles({ role: 'creator' })).toEqual(['created', 'mine']);
    expect(await titles({ role: 'auditor' })).toEqual(['audited']);
    expect(await titles({ responsibleIds: ['3', '4'] })).toEqual(['audited', 'created', 'other']);
    expect(await titles({ groupId: ids.group })).toEqual(['created']);
    expect(await titles({ statuses: ['3'] })).toEqual(['created']);
    expect(await titles({ statuses: ['1', '2'] })).toEqual(['audited', 'mine', 'other']);
    expect(await titles({ deadlineFrom: '2030-05-10', deadlineTo: '2030-05-12' })).toEqual(['mine', 'other']);
    expect(await titles({ deadlineFrom: '2030-05-11' })).toEqual(['other']);
    expect(await titles({ deadlineTo: '2030-05-10' })).toEqual(['mine']);
    expect(await titles({ crm: ids.deal! })).toEqual(['other']);
  });

  it('rows carry what the list shows, newest first, with the names the portal joins in', async () => {
    const { rows } = await read({ search: mark }, '1');
    expect(rows.map((r) => r.id)).toEqual([ids.other, ids.audited, ids.created, ids.mine]);
    const created = rows.find((r) => r.id === ids.created)!;
    expect(created).toMatchObject({ status: '3', responsibleId: '3', groupId: ids.group });
    expect((created.responsible as { name: string }).name).not.toBe('');
    expect((created.group as { name: string }).name).toBe(`${mark} group`);
  });

  it('reads the current user in the same request when "mine" needs an id it does not have', async () => {
    await sandbox.clearLog();
    const { chunks, rows } = await read({ role: 'responsible', search: mark });
    expect(rows.map((r) => r.id)).toEqual([ids.mine]);
    expect(chunks[0]!.me).toMatchObject({ id: '1', fullName: 'Anna Holm' });
    expect(requests(await sandbox.log())).toEqual(['batch:tasks.task.list,user.current']);
  });

  it('a short list is one request, and says it is complete', async () => {
    await sandbox.clearLog();
    const { chunks } = await read({ search: mark }, '1');
    expect(chunks).toEqual([expect.objectContaining({ total: 4, capped: false, last: true })]);
    expect(requests(await sandbox.log())).toEqual(['tasks.task.list']);
  });
});

describe('a big list', () => {
  const mark = `Bulk ${Date.now()}`;
  const COUNT = 2_620;

  beforeAll(() => {
    // Straight into the portal's database: 2,620 REST adds would take most of the test's time.
    const db = t.sandbox.state.db;
    const table = taskTable(db);
    db.transaction(() => {
      for (let i = 0; i < COUNT; i++) table.insert(newTaskDoc({ TITLE: `${mark} ${i}`, RESPONSIBLE_ID: 1 }, 1));
    })();
  });

  it('streams every task once, newest first: the first page, then 2,500 rows per request', async () => {
    await sandbox.clearLog();
    const { chunks, rows } = await read({ search: mark }, '1');
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => r.id)).size).toBe(COUNT);
    const ids = rows.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(chunks.map((c) => c.rows.length)).toEqual([50, 2_500, 70]);
    expect(chunks.at(-1)).toMatchObject({ total: COUNT, capped: false, last: true });
    const log = requests(await sandbox.log());
    expect(log).toHaveLength(3);
    expect(log[0]).toBe('tasks.task.list');
  });

  it('stops at the cap and asks the portal how many match', async () => {
    const { chunks, rows } = await read({ search: mark }, '1', 120);
    expect(rows).toHaveLength(120);
    expect(chunks.at(-1)).toMatchObject({ total: COUNT, capped: true, last: true });
  });
});
