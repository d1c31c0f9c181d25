import {
  MutationObserver,
  QueryObserver,
  type QueryClient,
  type QueryKey,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { RecordData, UserBrief } from '../types.ts';
import { cardKeys, taskKeys } from './keys.ts';
import { createQueryClient } from './query-client.ts';
import { taskChecklistQueryOptions, taskCommentsQueryOptions, taskQueryOptions } from './task-detail.ts';
import { taskListQueryOptions, type TaskListResult } from './task-list.ts';
import { bindTaskCrmOptions, taskTransitionOptions, type TaskTransitionVariables } from './task-write.ts';

// The task section's query layer against a sandbox portal (demo seed), with a real QueryClient.
// Observers stand in for the hooks (a DOM environment cannot reach the sandbox through the SDK's XHR).
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;
let queryClient: QueryClient;
let reported: unknown[];
let unsubscribe: (() => void)[];

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  reported = [];
  unsubscribe = [];
  queryClient = createQueryClient({ retry: false, onError: (error) => reported.push(error) });
  await sandbox.clearLog();
});
afterEach(() => {
  unsubscribe.forEach((u) => u());
  queryClient.clear();
});

/** Resolves once the query has settled (a streamed list: once its last chunk is in). */
function observe<T, K extends QueryKey>(
  options: QueryObserverOptions<T, Error, T, T, K>,
): Promise<QueryObserverResult<T>> {
  const observer = new QueryObserver(queryClient, options);
  return new Promise((resolve) => {
    const check = (r: QueryObserverResult<T>) => {
      if (r.status !== 'pending' && r.fetchStatus === 'idle') resolve(r);
    };
    unsubscribe.push(observer.subscribe(check));
    check(observer.getCurrentResult());
  });
}

const hook = async <R>(method: string, params: Record<string, unknown>) => {
  const res = await t.hook(method, params);
  if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as R;
};
const addTask = async (title: string) =>
  (await hook<{ task: { id: string } }>('tasks.task.add', { fields: { TITLE: title, RESPONSIBLE_ID: 1 } })).task.id;
const portalStatus = async (id: string) =>
  (await hook<{ task: { status: string } }>('tasks.task.get', { taskId: id })).task.status;

describe('the task list', () => {
  it('reads "my" tasks and the current user in one request, and keeps the user for the rest of the app', async () => {
    const list = await observe(taskListQueryOptions(source, { role: 'responsible' }));
    expect(list.data!.complete).toBe(true);
    expect(list.data!.data.every((r) => r.responsibleId === '1')).toBe(true);
    expect(requests(await sandbox.log())).toEqual(['batch:tasks.task.list,user.current']);
    expect(queryClient.getQueryData<UserBrief>(taskKeys.me())).toMatchObject({ id: '1' });

    // Another "mine" filter now knows the user: the list alone.
    await sandbox.clearLog();
    await observe(taskListQueryOptions(source, { role: 'creator' }));
    expect(requests(await sandbox.log())).toEqual(['tasks.task.list']);
  });

  it('a task, its checklist and comments open in one request', async () => {
    const id = await addTask('Detail in one go');
    await sandbox.clearLog();
    await Promise.all([
      observe(taskQueryOptions(source, id)),
      observe(taskChecklistQueryOptions(source, id)),
      observe(taskCommentsQueryOptions(source, id)),
    ]);
    expect(requests(await sandbox.log())).toEqual([
      'batch:task.checklistitem.getlist,task.commentitem.getlist,tasks.task.get',
    ]);
  });
});

describe('status changes', () => {
  const rowOf = (id: string) =>
    queryClient
      .getQueryData<TaskListResult>(taskKeys.rows({ search: 'Board move' }))
      ?.data.find((r: RecordData) => r.id === id);

  /** Every value `read` gives while the cache changes, deduplicated in a row. */
  function watch<T>(read: () => T): T[] {
    const seen: T[] = [read()];
    const stop = queryClient.getQueryCache().subscribe(() => {
      const value = read();
      if (JSON.stringify(value) !== JSON.stringify(seen[seen.length - 1])) seen.push(value);
    });
    unsubscribe.push(stop);
    return seen;
  }

  it('shows the new status at once, then the portal’s answer, in the list and the detail', async () => {
    const id = await addTask('Board move start');
    await observe(taskListQueryOptions(source, { search: 'Board move' }));
    await observe(taskQueryOptions(source, id));
    const list = watch(() => rowOf(id)?.status);
    const detail = watch(() => queryClient.getQueryData<RecordData>(taskKeys.detail(id))?.status);
    const move = new MutationObserver(queryClient, taskTransitionOptions(source));
    const task = await move.mutate({ id, actions: ['start'], status: '3' } satisfies TaskTransitionVariables);
    expect(task.status).toBe('3');
    expect(list).toEqual(['2', '3']);
    expect(detail).toEqual(['2', '3']);
    expect(await portalStatus(id)).toBe('3');
  });

  it('runs a sequence in order: a completed task back into work', async () => {
    const id = await addTask('Board move reopen');
    await hook('tasks.task.complete', { taskId: id });
    await sandbox.clearLog();
    const move = new MutationObserver(queryClient, taskTransitionOptions(source));
    await move.mutate({ id, actions: ['renew', 'start'], status: '3' });
    expect((await sandbox.log()).map((e) => e.method).slice(0, 2)).toEqual(['tasks.task.renew', 'tasks.task.start']);
    expect(await portalStatus(id)).toBe('3');
  });

  it('puts the status back when the portal refuses; the global hook reports it unless the screen does', async () => {
    const id = await addTask('Board move refused');
    await observe(taskListQueryOptions(source, { search: 'Board move' }));
    const list = watch(() => rowOf(id)?.status);
    const quiet = new MutationObserver(queryClient, taskTransitionOptions(source, { silent: true }));
    // A pending task cannot be approved: it is not awaiting control.
    expect(await quiet.mutate({ id, actions: ['approve'], status: '5' }).catch((e: unknown) => e)).toMatchObject({
      code: 'ERROR_CORE',
    });
    expect(list).toEqual(['2', '5', '2']);
    expect(reported).toEqual([]);

    const loud = new MutationObserver(queryClient, taskTransitionOptions(source));
    await loud.mutate({ id, actions: ['renew'], status: '2' }).catch(() => undefined);
    expect(reported).toHaveLength(1);
    expect(await portalStatus(id)).toBe('2');
  });
});

describe('CRM bindings', () => {
  it('binds another record: shown at once, saved, and the detail re-read', async () => {
    const id = await addTask('Bind me');
    await hook('tasks.task.update', { taskId: id, fields: { UF_CRM_TASK: ['D_1'] } });
    const detail = await observe(taskQueryOptions(source, id));
    expect(detail.data!.ufCrmTask).toEqual(['D_1']);
    const seen: unknown[] = [];
    unsubscribe.push(
      queryClient
        .getQueryCache()
        .subscribe(() => seen.push(queryClient.getQueryData<RecordData>(taskKeys.detail(id))?.ufCrmTask)),
    );
    // A card tab of each bound record lists the task: both cards are marked stale, others are not.
    for (const key of [cardKeys.card('deals', '1'), cardKeys.card('contacts', '2'), cardKeys.card('deals', '9')])
      queryClient.setQueryData(key, { cached: true });
    const bind = new MutationObserver(queryClient, bindTaskCrmOptions(source));
    await bind.mutate({ id, codes: ['D_1', 'C_2'], previous: ['D_1'] });
    expect(queryClient.getQueryState(cardKeys.card('deals', '1'))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(cardKeys.card('contacts', '2'))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(cardKeys.card('deals', '9'))?.isInvalidated).toBe(false);
    // Shown before the portal answered: the first change the cache saw.
    expect(seen.find((v) => JSON.stringify(v) !== '["D_1"]')).toEqual(['D_1', 'C_2']);
    const portal = await hook<{ task: { ufCrmTask: string[] } }>('tasks.task.get', {
      taskId: id,
      select: ['ID', 'UF_CRM_TASK'],
    });
    expect(portal.task.ufCrmTask).toEqual(['D_1', 'C_2']);
    expect(queryClient.getQueryData<RecordData>(taskKeys.detail(id))?.ufCrmTask).toEqual(['D_1', 'C_2']);
  });
});
