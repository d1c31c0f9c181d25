import type { B24Client, Params, RestAnswer } from '../../b24/index.ts';
import type { RecordData, ResourceName } from '../types.ts';
import { assertId } from './shared.ts';
import { taskOf, upperFields } from './task-provider.ts';

/**
 * What the task detail reads: the fields it shows and edits, with `UF_CRM_TASK` (tasks.task.get sends user
 * fields only when they are selected). The answer joins the names of the responsible, creator, co-executors,
 * auditors and the workgroup in, so the detail needs no `user.get`.
 */
export const TASK_DETAIL_SELECT = [
  'ID',
  'TITLE',
  'DESCRIPTION',
  'STATUS',
  'PRIORITY',
  'DEADLINE',
  'RESPONSIBLE_ID',
  'CREATED_BY',
  'ACCOMPLICES',
  'AUDITORS',
  'GROUP_ID',
  'UF_CRM_TASK',
  'CREATED_DATE',
  'CHANGED_DATE',
  'CLOSED_DATE',
  'TASK_CONTROL',
  'COMMENTS_COUNT',
];

/**
 * One task with its CRM bindings (`ufCrmTask`), camelCase keys, the portal's string values.
 * @example const task = await readTask(client, '31'); task.ufCrmTask // ['D_12', 'C_3']
 */
export async function readTask(client: B24Client, id: string): Promise<RecordData> {
  assertId(id, 'tasks.task.get');
  const answer = await client.call('tasks.task.get', { taskId: id, select: TASK_DETAIL_SELECT });
  return taskOf(answer.result, 'tasks.task.get', id);
}

/** One checklist item (`task.checklistitem.*`); the portal's roots ("Checklist 1") are left out. */
export interface ChecklistItem {
  id: string;
  title: string;
  done: boolean;
  sort: number;
  /** The checklist it belongs to (the root item's id). */
  parentId: string;
}

/** A comment (`task.commentitem.*`); the text is BBCode, shown through the safe renderer. */
export interface TaskComment {
  id: string;
  authorId: string;
  authorName: string;
  /** ISO datetime. */
  date: string;
  text: string;
}

type Row = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  // PHP sends a list with gaps as an object keyed by index.
  return result && typeof result === 'object' ? (Object.values(result) as Row[]) : [];
}

// The legacy task.* methods take positional arguments; an object keyed 0, 1, 2 is the same PHP array.
const args = (...values: unknown[]): Params => Object.fromEntries(values.map((v, i) => [String(i), v]));

/**
 * The task's checklist items in order; each checklist's root (the portal's "Checklist 1", `PARENT_ID` 0)
 * is a heading, not an item.
 * @example (await readChecklist(client, '31')).map((i) => i.title) // ['Call', 'Send offer']
 */
export async function readChecklist(client: B24Client, taskId: string): Promise<ChecklistItem[]> {
  assertId(taskId, 'task.checklistitem.getlist');
  const { result } = await client.call('task.checklistitem.getlist', args(taskId, { SORT_INDEX: 'asc' }));
  return rowsOf(result)
    .filter((r) => text(r.PARENT_ID) !== '0' && text(r.PARENT_ID) !== '')
    .map((r) => ({
      id: text(r.ID),
      title: text(r.TITLE),
      done: r.IS_COMPLETE === 'Y',
      sort: Number(r.SORT_INDEX) || 0,
      parentId: text(r.PARENT_ID),
    }))
    .sort((a, b) => a.parentId.localeCompare(b.parentId, 'en', { numeric: true }) || a.sort - b.sort);
}

/** What a checklist item command sends: the calls of one save go out in one batch. */
export function checklistAdd(
  client: B24Client,
  taskId: string | ReturnType<B24Client['ref']>,
  item: { title: string; done?: boolean; sort?: number },
): Promise<RestAnswer> {
  const fields: Params = { TITLE: item.title, IS_COMPLETE: item.done ? 'Y' : 'N' };
  if (item.sort !== undefined) fields.SORT_INDEX = item.sort;
  return client.call('task.checklistitem.add', args(taskId, fields));
}

export function checklistUpdate(
  client: B24Client,
  taskId: string,
  itemId: string,
  change: { title?: string; sort?: number },
) {
  const fields: Params = {};
  if (change.title !== undefined) fields.TITLE = change.title;
  if (change.sort !== undefined) fields.SORT_INDEX = change.sort;
  return client.call('task.checklistitem.update', args(taskId, itemId, fields));
}

export function checklistToggle(client: B24Client, taskId: string, itemId: string, done: boolean) {
  return client.call(`task.checklistitem.${done ? 'complete' : 'renew'}`, args(taskId, itemId));
}

export function checklistDelete(client: B24Client, taskId: string, itemId: string) {
  return client.call('task.checklistitem.delete', args(taskId, itemId));
}

/**
 * The task's comments, oldest first (`task.commentitem.getlist`, which has no paging: every comment at once).
 * @example (await readComments(client, '31'))[0]?.text // 'Photos attached'
 */
export async function readComments(client: B24Client, taskId: string): Promise<TaskComment[]> {
  assertId(taskId, 'task.commentitem.getlist');
  const { result } = await client.call('task.commentitem.getlist', args(taskId, { POST_DATE: 'asc' }));
  return rowsOf(result).map((r) => ({
    id: text(r.ID),
    authorId: text(r.AUTHOR_ID),
    authorName: text(r.AUTHOR_NAME),
    date: text(r.POST_DATE),
    text: text(r.POST_MESSAGE),
  }));
}

/**
 * Adds a comment as the current user; resolves with its id.
 * @example await addComment(client, '31', 'Called, will send the offer [b]today[/b]');
 */
export async function addComment(client: B24Client, taskId: string, message: string): Promise<string> {
  assertId(taskId, 'task.commentitem.add');
  const { result } = await client.call('task.commentitem.add', args(taskId, { POST_MESSAGE: message }));
  return text(result);
}

const BINDING_TYPES: Record<string, ResourceName> = { L: 'leads', D: 'deals', C: 'contacts', CO: 'companies' };

/**
 * The record a CRM binding code points at (smart processes: `T` + hex entity type), or null.
 * @example bindingTarget('CO_3') // { resource: 'companies', id: '3' }; bindingTarget('T406_5') // { resource: 'sp-1030', id: '5' }
 */
export function bindingTarget(code: string): { resource: ResourceName; id: string } | null {
  const m = /^([A-Z]+)([0-9a-fA-F]*)_([1-9]\d*)$/.exec(code.trim());
  if (!m) return null;
  const [, prefix = '', hex = '', id = ''] = m;
  if (prefix === 'T' && hex) {
    const entityTypeId = parseInt(hex, 16);
    return entityTypeId >= 128 ? { resource: `sp-${entityTypeId}`, id } : null;
  }
  const resource = hex ? undefined : BINDING_TYPES[prefix];
  return resource ? { resource, id } : null;
}

/** A task as the form edits it; ids are strings, the deadline an ISO datetime or `''`. */
export interface TaskInput {
  title: string;
  description: string;
  responsibleId: string;
  accomplices: string[];
  auditors: string[];
  deadline: string;
  /** `'0'` low, `'1'` normal, `'2'` high. */
  priority: string;
  /** `''` for none. */
  groupId: string;
  /** CRM binding codes (`D_12`, `C_3`, `CO_4`, `L_5`, `T406_7`). */
  crm: string[];
}

/** The form's values as `tasks.task.*` fields (UPPER_CASE, ids as numbers). */
export function taskFields(input: Partial<TaskInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.title !== undefined) out.title = input.title.trim();
  if (input.description !== undefined) out.description = input.description;
  if (input.responsibleId !== undefined) out.responsibleId = Number(input.responsibleId);
  if (input.accomplices !== undefined) out.accomplices = list(input.accomplices.map(Number));
  if (input.auditors !== undefined) out.auditors = list(input.auditors.map(Number));
  if (input.deadline !== undefined) out.deadline = input.deadline;
  if (input.priority !== undefined) out.priority = Number(input.priority);
  if (input.groupId !== undefined) out.groupId = input.groupId ? Number(input.groupId) : 0;
  if (input.crm !== undefined) out.ufCrmTask = list(input.crm);
  return upperFields(out);
}

// A batch command's query string drops an empty list, so "none" would leave the field as it was: `['']`
// clears it, as the portal's own form sends it.
const list = <T>(values: T[]): (T | '')[] => (values.length > 0 ? values : ['']);

/** A checklist as the form edits it: items with an id exist, the others are new. */
export interface ChecklistDraft {
  id?: string;
  title: string;
  done: boolean;
}

/** The checklist commands turning `before` into `after`: deletions, renames and moves, toggles, additions. */
function checklistCommands(
  client: B24Client,
  taskId: string,
  before: readonly ChecklistItem[],
  after: readonly ChecklistDraft[],
): Promise<RestAnswer>[] {
  const calls: Promise<RestAnswer>[] = [];
  const kept = new Set(after.map((i) => i.id).filter(Boolean));
  for (const old of before) if (!kept.has(old.id)) calls.push(checklistDelete(client, taskId, old.id));
  after.forEach((item, sort) => {
    const title = item.title.trim();
    const old = item.id ? before.find((b) => b.id === item.id) : undefined;
    if (!old) {
      if (title) calls.push(checklistAdd(client, taskId, { title, done: item.done, sort }));
      return;
    }
    const change = {
      ...(title && title !== old.title ? { title } : {}),
      ...(sort !== old.sort ? { sort } : {}),
    };
    if (Object.keys(change).length > 0) calls.push(checklistUpdate(client, taskId, old.id, change));
    if (item.done !== old.done) calls.push(checklistToggle(client, taskId, old.id, item.done));
  });
  return calls;
}

/** A new task, and the checklist items the portal refused (the task exists all the same). */
export interface CreatedTask {
  task: RecordData;
  refusedItems: number;
}

/**
 * Creates a task with its checklist in one request: the items refer to the new task's id through the batch
 * (`$result[…][task][id]`). Empty lists are not sent.
 * @example const { task } = await createTask(client, input, [{ title: 'Call', done: false }]);
 */
export async function createTask(
  client: B24Client,
  input: TaskInput,
  checklist: readonly ChecklistDraft[] = [],
): Promise<CreatedTask> {
  const fields = taskFields(input);
  for (const key of ['ACCOMPLICES', 'AUDITORS', 'UF_CRM_TASK'])
    if (Array.isArray(fields[key]) && (fields[key] as unknown[])[0] === '') delete fields[key];
  if (!input.deadline) delete fields.DEADLINE;
  if (!input.groupId) delete fields.GROUP_ID;
  const add = client.call('tasks.task.add', { fields });
  const items = checklist
    .map((item, sort) => ({ title: item.title.trim(), done: item.done, sort }))
    .filter((item) => item.title)
    .map((item) => checklistAdd(client, client.ref(add, 'task', 'id'), item));
  const settled = Promise.allSettled(items);
  const task = taskOf((await add).result, 'tasks.task.add', 'new');
  const refusedItems = (await settled).filter((s) => s.status === 'rejected').length;
  return { task, refusedItems };
}

/**
 * Saves the changes of a task and its checklist in one request: only the fields that differ from `previous`
 * (none: no `tasks.task.update`), and the checklist commands that turn `checklistBefore` into `checklist`.
 * Resolves with the task as the portal answered (or `previous` when only the checklist changed).
 */
export async function updateTask(
  client: B24Client,
  id: string,
  patch: Partial<TaskInput>,
  previous: Partial<TaskInput>,
  checklist?: { before: readonly ChecklistItem[]; after: readonly ChecklistDraft[] },
): Promise<RecordData | null> {
  assertId(id, 'tasks.task.update');
  const changed: Partial<TaskInput> = {};
  for (const key of Object.keys(patch) as (keyof TaskInput)[]) {
    if (JSON.stringify(patch[key]) !== JSON.stringify(previous[key])) Object.assign(changed, { [key]: patch[key] });
  }
  const update =
    Object.keys(changed).length > 0
      ? client.call('tasks.task.update', { taskId: id, fields: taskFields(changed) })
      : undefined;
  const items = checklist ? checklistCommands(client, id, checklist.before, checklist.after) : [];
  update?.catch(() => undefined);
  const settled = await Promise.allSettled(items);
  const task = update ? taskOf((await update).result, 'tasks.task.update', id) : null;
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return task;
}
