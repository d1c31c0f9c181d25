import { BitrixError, type B24Client } from '../../b24/index.ts';
import { normalizeTaskFields, type TaskFieldDescription } from '../fields/normalize-fields.ts';
import type { ListParams, RecordData, TaskAction, TaskProvider } from '../types.ts';
import { assertId, changedFields, chunks, inIdOrder, pageOf, pageWindow, PORTAL_PAGE } from './shared.ts';

export type TaskRow = Record<string, unknown> & { id: string | number };

export function toRecord(task: TaskRow): RecordData {
  return { ...task, id: String(task.id) };
}

/** `responsibleId` → `RESPONSIBLE_ID`: tasks.task.* reads camelCase but is documented to take UPPER_CASE input. */
export function camelToUpper(name: string): string {
  if (/^[A-Z0-9_]+$/.test(name)) return name;
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

// Output-only keys of a task record (joined users, counters, permissions): never sent back.
const NOT_WRITABLE = new Set([
  'ID',
  'CREATOR',
  'RESPONSIBLE',
  'GROUP',
  'ACCOMPLICES_DATA',
  'AUDITORS_DATA',
  'ACTION',
  'SUB_STATUS',
  'NEW_COMMENTS_COUNT',
  'CHECK_LIST_CAN_ADD',
  'CHECKLIST',
]);

export function upperFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const upper = camelToUpper(k);
    if (!NOT_WRITABLE.has(upper)) out[upper] = v;
  }
  return out;
}

export function upperKeys(map: Record<string, unknown>): Record<string, unknown> {
  // Filter keys keep their operator prefix: `>deadline` → `>DEADLINE`.
  return Object.fromEntries(
    Object.entries(map).map(([k, v]) => {
      const [, op = '', name = k] = /^([^A-Za-z]*)(.*)$/.exec(k) ?? [];
      return [`${op}${camelToUpper(name)}`, v];
    }),
  );
}

/** tasks.task.get answers `[]` for a task that does not exist or that the user may not see. */
export function taskOf(result: unknown, method: string, id: string): RecordData {
  const task =
    result && typeof result === 'object' && !Array.isArray(result) ? (result as { task?: TaskRow }).task : undefined;
  if (!task || typeof task !== 'object') throw new BitrixError('NOT_FOUND', `Task ${id} not found`, 0, method);
  return toRecord(task);
}

/**
 * The provider of tasks over `tasks.task.*`: UPPER_CASE input, camelCase output with string values
 * (`"status": "2"`, `"responsibleId": "1"`), kept as the portal sends them.
 * @example const tasks = createTaskProvider(client); await tasks.completeTask('31');
 */
export function createTaskProvider(client: B24Client): TaskProvider {
  const provider: TaskProvider = {
    kind: 'tasks.task',

    async getList(params: ListParams = {}) {
      const { start, perPage } = pageWindow(params);
      const call: Record<string, unknown> = {
        filter: upperKeys(params.filter ?? {}),
        order: params.sort ? { [camelToUpper(params.sort.field)]: params.sort.order } : { ID: 'DESC' },
        start,
      };
      if (params.select) call.select = ['ID', ...params.select.map(camelToUpper).filter((f) => f !== 'ID')];
      const answer = await client.call<{ tasks: TaskRow[] }>('tasks.task.list', call);
      const rows = (answer.result.tasks ?? []).map(toRecord);
      return pageOf(rows, start, perPage, answer.total);
    },

    async getOne(id) {
      assertId(id, 'tasks.task.get');
      const answer = await client.call('tasks.task.get', { taskId: id });
      return taskOf(answer.result, 'tasks.task.get', id);
    },

    async getMany(ids) {
      const wanted = [...new Set(ids)].filter((id) => /^[1-9]\d*$/.test(id));
      const pages = await Promise.all(
        chunks(wanted, PORTAL_PAGE).map((part) =>
          client.call<{ tasks: TaskRow[] }>('tasks.task.list', { filter: { '@ID': part.map(Number) }, start: -1 }),
        ),
      );
      return inIdOrder(
        ids,
        pages.flatMap((p) => (p.result.tasks ?? []).map(toRecord)),
      );
    },

    async create(data) {
      const answer = await client.call('tasks.task.add', { fields: upperFields(data) });
      return taskOf(answer.result, 'tasks.task.add', 'new');
    },

    async update(id, patch, previous) {
      assertId(id, 'tasks.task.update');
      const fields = upperFields(changedFields(patch, previous));
      if (previous && Object.keys(fields).length === 0) return previous;
      const answer = await client.call('tasks.task.update', { taskId: id, fields });
      return taskOf(answer.result, 'tasks.task.update', id);
    },

    async delete(id) {
      assertId(id, 'tasks.task.delete');
      await client.call('tasks.task.delete', { taskId: id });
    },

    async getFields() {
      const answer = await client.call<{ fields: Record<string, TaskFieldDescription> }>('tasks.task.getFields');
      return normalizeTaskFields(answer.result.fields ?? {});
    },

    completeTask(id) {
      return provider.taskAction(id, 'complete');
    },

    async taskAction(id, action: TaskAction) {
      const method = `tasks.task.${action}`;
      assertId(id, method);
      const answer = await client.call(method, { taskId: id });
      return taskOf(answer.result, method, id);
    },
  };
  return provider;
}
