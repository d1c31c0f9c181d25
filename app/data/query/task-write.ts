import { mutationOptions, useMutation, type QueryClient } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import {
  addComment,
  bindingTarget,
  checklistToggle,
  createTask,
  updateTask,
  type ChecklistDraft,
  type ChecklistItem,
  type CreatedTask,
  type TaskInput,
} from '../providers/task-items.ts';
import type { RecordData, TaskAction, TaskProvider } from '../types.ts';
import { invalidateFamily, patchRecord, restoreSnapshot, snapshotRecord, type CacheSnapshot } from './cache.ts';
import { useDataSource } from './data-context.ts';
import { cardKeys, recordKeys, taskKeys } from './keys.ts';

/** Options of the task write hooks. */
export interface TaskWriteOptions {
  /** The screen shows this write's errors itself: the global error hook stays quiet. */
  silent?: boolean;
}

function taskProvider(source: DataSource): TaskProvider {
  const provider = source.provider('tasks');
  if (provider.kind !== 'tasks.task') throw new Error('tasks are served by tasks.task');
  return provider;
}

/** Saves the task's detail and its rows in every list (and its `one` entry), to put back if the portal refuses. */
function snapshotTask(queryClient: QueryClient, id: string): CacheSnapshot {
  return [
    [taskKeys.detail(id), queryClient.getQueryData(taskKeys.detail(id))],
    ...snapshotRecord(queryClient, 'tasks', id),
  ];
}

/** Merges changes into the task's detail and into every cached row of it (lists, `one`). */
function patchTask(queryClient: QueryClient, id: string, changes: Record<string, unknown>): void {
  queryClient.setQueryData<RecordData>(taskKeys.detail(id), (old) => (old ? { ...old, ...changes, id } : old));
  patchRecord(queryClient, 'tasks', id, changes);
}

/**
 * After a task write: the task family, and the card tabs of the CRM records it was or is bound to (their
 * "tasks" section lists it), so a deal opened in the workspace shows the change.
 */
function invalidateTaskWrite(queryClient: QueryClient, codes: readonly string[]): Promise<void> {
  const cards = [...new Set(codes)].flatMap((code) => {
    const target = bindingTarget(code);
    return target ? [queryClient.invalidateQueries({ queryKey: cardKeys.card(target.resource, target.id) })] : [];
  });
  return Promise.all([invalidateFamily(queryClient, 'tasks'), ...cards]).then(() => undefined);
}

async function cancelTaskReads(queryClient: QueryClient, id: string): Promise<void> {
  // A read in flight would land after the optimistic patch and undo it.
  await queryClient.cancelQueries({ queryKey: taskKeys.detail(id), exact: true });
  await queryClient.cancelQueries({ queryKey: recordKeys.one('tasks', id), exact: true });
  await queryClient.cancelQueries({ queryKey: recordKeys.lists('tasks') });
}

export interface TaskTransitionVariables {
  id: string;
  /** Run in order (`['renew', 'start']` takes a completed task back into work). */
  actions: TaskAction[];
  /** The status the task shows meanwhile (`'3'`); the portal's answer replaces it. */
  status: string;
}

/**
 * Changes a task's status through `tasks.task.start/pause/complete/defer/renew/approve/disapprove`, shown at
 * once in the detail and every list (the kanban card moves), rolled back if the portal refuses; then the
 * task family refreshes. The answer is the task after the last action (the portal may complete into "awaiting
 * control" instead).
 * @example const move = useTaskTransition(); move.mutate({ id: '31', actions: ['defer'], status: '6' });
 */
export function useTaskTransition(options: TaskWriteOptions = {}) {
  return useMutation(taskTransitionOptions(useDataSource(), options));
}

/** The mutation behind useTaskTransition (tests drive it with a MutationObserver). */
export function taskTransitionOptions(source: DataSource, options: TaskWriteOptions = {}) {
  return mutationOptions<RecordData, Error, TaskTransitionVariables, CacheSnapshot>({
    mutationKey: ['tasks', 'write'],
    meta: { silent: options.silent === true },
    mutationFn: async ({ id, actions }) => {
      const provider = taskProvider(source);
      let task: RecordData | undefined;
      // One after the other: each needs the status the one before left.
      for (const action of actions) task = await provider.taskAction(id, action);
      if (!task) throw new Error('no action given');
      return task;
    },
    onMutate: async ({ id, status }, { client }) => {
      await cancelTaskReads(client, id);
      const snapshot = snapshotTask(client, id);
      patchTask(client, id, { status });
      return snapshot;
    },
    onError: (_error, _variables, snapshot, { client }) => {
      if (snapshot) restoreSnapshot(client, snapshot);
    },
    onSuccess: (task, { id }, _snapshot, { client }) => patchTask(client, id, task),
    // Returned, so the mutation stays pending until the lists on screen are fresh again.
    onSettled: (_task, _error, { id }, _snapshot, { client }) =>
      invalidateTaskWrite(client, codesOf(client.getQueryData<RecordData>(taskKeys.detail(id)))),
  });
}

const codesOf = (task: RecordData | undefined): string[] =>
  Array.isArray(task?.ufCrmTask) ? (task.ufCrmTask as unknown[]).map(String) : [];

export type SaveTaskVariables =
  | { mode: 'create'; input: TaskInput; checklist: ChecklistDraft[] }
  | {
      mode: 'update';
      id: string;
      input: TaskInput;
      /** The values the form opened with: only what differs is sent. */
      previous: TaskInput;
      checklist: ChecklistDraft[];
      checklistBefore: ChecklistItem[];
    };

/**
 * Creates or updates a task with its checklist, each in one request (a new task's checklist items refer to
 * its id inside the batch). Resolves with the task's id and the number of checklist items the portal refused.
 * @example const save = useSaveTask(); const { id } = await save.mutateAsync({ mode: 'create', input, checklist: [] });
 */
export function useSaveTask(options: TaskWriteOptions = {}) {
  return useMutation(saveTaskOptions(useDataSource(), options));
}

export function saveTaskOptions(source: DataSource, options: TaskWriteOptions = {}) {
  return mutationOptions<{ id: string; refusedItems: number }, Error, SaveTaskVariables>({
    mutationKey: ['tasks', 'save'],
    meta: { silent: options.silent === true },
    mutationFn: async (v) => {
      if (v.mode === 'create') {
        const created: CreatedTask = await createTask(source.client, v.input, v.checklist);
        return { id: created.task.id, refusedItems: created.refusedItems };
      }
      await updateTask(source.client, v.id, v.input, v.previous, { before: v.checklistBefore, after: v.checklist });
      return { id: v.id, refusedItems: 0 };
    },
    onSettled: (_result, _error, v, _context, { client }) =>
      invalidateTaskWrite(client, v.mode === 'create' ? v.input.crm : [...v.previous.crm, ...v.input.crm]),
  });
}

/**
 * Binds a task to CRM records: writes the whole `UF_CRM_TASK` list (the portal keeps exactly what is sent),
 * shown at once in the task's detail, rolled back if the portal refuses.
 * @example const bind = useBindTaskCrm(); bind.mutate({ id: '31', codes: [...task.ufCrmTask, 'D_12'], previous: task.ufCrmTask });
 */
export function useBindTaskCrm(options: TaskWriteOptions = {}) {
  return useMutation(bindTaskCrmOptions(useDataSource(), options));
}

export function bindTaskCrmOptions(source: DataSource, options: TaskWriteOptions = {}) {
  return mutationOptions<RecordData | null, Error, { id: string; codes: string[]; previous: string[] }, CacheSnapshot>({
    mutationKey: ['tasks', 'write'],
    meta: { silent: options.silent === true },
    mutationFn: ({ id, codes, previous }) => updateTask(source.client, id, { crm: codes }, { crm: previous }),
    onMutate: async ({ id, codes }, { client }) => {
      await cancelTaskReads(client, id);
      const snapshot = snapshotTask(client, id);
      patchTask(client, id, { ufCrmTask: codes });
      return snapshot;
    },
    onError: (_error, _variables, snapshot, { client }) => {
      if (snapshot) restoreSnapshot(client, snapshot);
    },
    onSettled: (_task, _error, { codes, previous }, _snapshot, { client }) =>
      invalidateTaskWrite(client, [...previous, ...codes]),
  });
}

/**
 * Adds a comment to a task as the current user (BBCode text), then re-reads the comments.
 * @example const add = useAddTaskComment(); await add.mutateAsync({ taskId: '31', text: 'Done [b]today[/b]' });
 */
export function useAddTaskComment(options: TaskWriteOptions = {}) {
  return useMutation(addTaskCommentOptions(useDataSource(), options));
}

export function addTaskCommentOptions(source: DataSource, options: TaskWriteOptions = {}) {
  return mutationOptions<string, Error, { taskId: string; text: string }>({
    mutationKey: ['tasks', 'comment'],
    meta: { silent: options.silent === true },
    mutationFn: ({ taskId, text }) => addComment(source.client, taskId, text),
    onSettled: (_id, _error, { taskId }, _context, { client }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: taskKeys.comments(taskId) }),
        client.invalidateQueries({ queryKey: taskKeys.detail(taskId) }),
      ]).then(() => undefined),
  });
}

/**
 * Ticks a checklist item (or unticks it), shown at once, put back if the portal refuses.
 * @example const toggle = useToggleChecklistItem(); toggle.mutate({ taskId: '31', itemId: '7', done: true });
 */
export function useToggleChecklistItem(options: TaskWriteOptions = {}) {
  return useMutation(toggleChecklistItemOptions(useDataSource(), options));
}

export function toggleChecklistItemOptions(source: DataSource, options: TaskWriteOptions = {}) {
  return mutationOptions<
    unknown,
    Error,
    { taskId: string; itemId: string; done: boolean },
    ChecklistItem[] | undefined
  >({
    mutationKey: ['tasks', 'checklist'],
    meta: { silent: options.silent === true },
    mutationFn: ({ taskId, itemId, done }) => checklistToggle(source.client, taskId, itemId, done),
    onMutate: async ({ taskId, itemId, done }, { client }) => {
      const key = taskKeys.checklist(taskId);
      await client.cancelQueries({ queryKey: key, exact: true });
      const before = client.getQueryData<ChecklistItem[]>(key);
      client.setQueryData<ChecklistItem[]>(key, (old) => old?.map((i) => (i.id === itemId ? { ...i, done } : i)));
      return before;
    },
    onError: (_error, { taskId }, before, { client }) => {
      if (before) client.setQueryData(taskKeys.checklist(taskId), before);
    },
    onSettled: (_r, _e, { taskId }, _c, { client }) =>
      client.invalidateQueries({ queryKey: taskKeys.checklist(taskId) }),
  });
}
