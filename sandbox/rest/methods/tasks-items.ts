import { emitEvent } from '../../events/bus.ts';
import type { Db } from '../../db/database.ts';
import type { CallContext } from '../engine/context.ts';
import { RestError } from '../engine/errors.ts';
import { isPlainObject, param, toInt, type Params } from '../engine/params.ts';
import { compileFilter, DocTable, docResolver, jsonField } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { formatIso, nowMs, toStoredDateTime } from '../engine/time.ts';
import {
  canSee,
  loadUserBriefs,
  outputChecklistItem,
  taskTable,
  type ChecklistDoc,
  type TaskRow,
} from './tasks-store.ts';

/**
 * Legacy `task.commentitem.*` and `task.checklistitem.*`: positional parameters
 * (`[TASK_ID, {…}]` or `?0=…&1[…]=…`), also accepted by name (`TASKID`, `ITEMID`, `FIELDS`, `ORDER`, `FILTER`).
 */

export interface CommentDoc extends Record<string, unknown> {
  TASK_ID: number;
  AUTHOR_ID: number;
  POST_MESSAGE: string;
  POST_DATE: string;
}

export const commentTable = (db: Db) => new DocTable<CommentDoc>(db, 'tasks_comment');
export const checklistTable = (db: Db) => new DocTable<ChecklistDoc>(db, 'tasks_checklist');

function wrongArgs(text: string): RestError {
  return new RestError('ERROR_CORE', `TASKS_ERROR_EXCEPTION_#256; ${text}; 256/TE/WRONG_ARGUMENTS<br>`, 400);
}

/** Positional argument `index` (named alternatives accepted), or undefined. */
function arg(params: Params, index: number, ...names: string[]): unknown {
  const v = params[String(index)];
  if (v !== undefined) return v;
  for (const n of names) {
    const named = param(params, n);
    if (named !== undefined) return named;
  }
  return undefined;
}

function intArg(params: Params, index: number, method: string, label: string, ...names: string[]): number {
  const v = arg(params, index, ...names);
  if (v === undefined || v === '')
    throw wrongArgs(`Param #${index} (${label}) expected by method ${method}(), but not given.`);
  if (typeof v !== 'number' && !(typeof v === 'string' && /^\d+$/.test(v.trim()))) {
    throw wrongArgs(
      `Param #${index} (${label}) for method ${method}() expected to be of type "integer", but given something else.`,
    );
  }
  const n = toInt(v, 0);
  if (n <= 0) throw new RestError('ERROR_CORE', 'TASKS_ERROR_ASSERT_EXCEPTION<br>', 400);
  return n;
}

function fieldsArg(params: Params, index: number, method: string): Record<string, unknown> {
  const v = arg(params, index, 'fields', 'arFields');
  if (!isPlainObject(v)) throw wrongArgs(`Param #${index} (arFields) expected by method ${method}(), but not given.`);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k.toUpperCase()] = val;
  return out;
}

const actionFailed = () =>
  new RestError('ERROR_CORE', 'TASKS_ERROR_EXCEPTION_#8; Action failed; 8/TE/ACTION_FAILED_TO_BE_PROCESSED<br>', 400);

function visibleTask(ctx: CallContext, taskId: number): TaskRow {
  const t = taskTable(ctx.db).get(taskId);
  if (!t || !canSee(ctx, t)) throw actionFailed();
  return t;
}

// ---------------------------------------------------------------------------------------------
// Comments

function outputComments(db: Db, rows: (CommentDoc & { id: number })[]): Record<string, unknown>[] {
  const users = loadUserBriefs(
    db,
    rows.map((r) => r.AUTHOR_ID),
  );
  const emails = new Map<number, string>();
  for (const r of rows) {
    if (emails.has(r.AUTHOR_ID)) continue;
    const u = db.prepare('SELECT data FROM users WHERE id = ?').get(r.AUTHOR_ID) as { data: string } | undefined;
    emails.set(r.AUTHOR_ID, u ? String((JSON.parse(u.data) as Record<string, unknown>).EMAIL ?? '') : '');
  }
  return rows.map((c) => ({
    ID: String(c.id),
    AUTHOR_ID: String(c.AUTHOR_ID),
    AUTHOR_NAME: users.get(c.AUTHOR_ID)?.name ?? '',
    AUTHOR_EMAIL: emails.get(c.AUTHOR_ID) ?? '',
    POST_MESSAGE_HTML: null,
    POST_DATE: formatIso(Date.parse(c.POST_DATE)),
    POST_MESSAGE: c.POST_MESSAGE,
    ATTACHED_OBJECTS: [],
  }));
}

function commentCountDelta(db: Db, taskId: number, delta: number): void {
  const t = taskTable(db).get(taskId);
  if (t) taskTable(db).patch(taskId, { COMMENTS_COUNT: Math.max(0, (t.COMMENTS_COUNT ?? 0) + delta) });
}

/** Adds a comment and keeps the task's counter in step (REST and the seed). */
export function insertComment(db: Db, doc: CommentDoc): number {
  const id = commentTable(db).insert(doc);
  commentCountDelta(db, doc.TASK_ID, 1);
  return id;
}

const commentResolver = docResolver(
  { AUTHOR_ID: 'int', POST_DATE: 'datetime', POST_MESSAGE: 'string' },
  { caseInsensitive: true },
);

function commentEvent(ctx: CallContext, event: string, id: number, taskId: number) {
  const after = event === 'ONTASKCOMMENTDELETE' ? 'undefined' : { ID: id, TASK_ID: taskId };
  const before = event === 'ONTASKCOMMENTADD' ? 'undefined' : { ID: id, TASK_ID: taskId };
  emitEvent(ctx, event, {
    FIELDS_BEFORE: before,
    FIELDS_AFTER: after,
    IS_ACCESSIBLE_BEFORE: 'undefined',
    IS_ACCESSIBLE_AFTER: 'undefined',
  });
}

function loadComment(ctx: CallContext, taskId: number, itemId: number): CommentDoc & { id: number } {
  const c = commentTable(ctx.db).get(itemId);
  if (!c || c.TASK_ID !== taskId) throw actionFailed();
  return c;
}

// ---------------------------------------------------------------------------------------------
// Checklist

/** Adds a checklist item; top-level items go under the task's root "Checklist 1", created on demand. */
export function insertChecklistItem(
  db: Db,
  taskId: number,
  userId: number,
  fields: { TITLE: string; IS_COMPLETE?: string; SORT_INDEX?: number; PARENT_ID?: number; IS_IMPORTANT?: string },
): number {
  const table = checklistTable(db);
  let parent = fields.PARENT_ID ?? 0;
  if (!parent) {
    const root = table.where({
      sql: `${jsonField('TASK_ID')} = ? AND ${jsonField('PARENT_ID')} = 0`,
      params: [taskId],
    })[0];
    parent = root
      ? root.id
      : table.insert({
          TASK_ID: taskId,
          PARENT_ID: 0,
          CREATED_BY: userId,
          TITLE: 'Checklist 1',
          SORT_INDEX: 0,
          IS_COMPLETE: 'N',
          IS_IMPORTANT: 'N',
          TOGGLED_BY: null,
          TOGGLED_DATE: null,
        });
  }
  const siblings = table.count({
    sql: `${jsonField('TASK_ID')} = ? AND ${jsonField('PARENT_ID')} = ?`,
    params: [taskId, parent],
  });
  const complete = fields.IS_COMPLETE === 'Y' ? 'Y' : 'N';
  return table.insert({
    TASK_ID: taskId,
    PARENT_ID: parent,
    CREATED_BY: userId,
    TITLE: fields.TITLE,
    SORT_INDEX: fields.SORT_INDEX ?? siblings,
    IS_COMPLETE: complete,
    IS_IMPORTANT: fields.IS_IMPORTANT === 'Y' ? 'Y' : 'N',
    TOGGLED_BY: complete === 'Y' ? userId : null,
    TOGGLED_DATE: complete === 'Y' ? toStoredDateTime(nowMs()) : null,
  });
}

const ynValue = (v: unknown) => (v === true || ['Y', '1', 'TRUE'].includes(String(v).toUpperCase()) ? 'Y' : 'N');

const CHECKLIST_ORDER = new Set([
  'ID',
  'CREATED_BY',
  'TOGGLED_BY',
  'TOGGLED_DATE',
  'TITLE',
  'SORT_INDEX',
  'IS_COMPLETE',
  'IS_IMPORTANT',
]);

function toggle(ctx: CallContext, params: Params, method: string, complete: boolean): boolean {
  const taskId = intArg(params, 0, method, 'taskId', 'TASKID');
  const itemId = intArg(params, 1, method, 'itemId', 'ITEMID');
  visibleTask(ctx, taskId);
  const item = checklistTable(ctx.db).get(itemId);
  if (!item || item.TASK_ID !== taskId) return false;
  checklistTable(ctx.db).patch(itemId, {
    IS_COMPLETE: complete ? 'Y' : 'N',
    TOGGLED_BY: ctx.auth.userId,
    TOGGLED_DATE: toStoredDateTime(nowMs()),
  });
  return true;
}

export const taskItemMethods: MethodTable = {
  'task.commentitem.add': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskcommentitem::add';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      const fields = fieldsArg(params, 1, m);
      visibleTask(ctx, taskId);
      const text = String(fields.POST_MESSAGE ?? '').trim();
      if (!text) throw new RestError('ERROR_CORE', 'Comment text is not specified', 400);
      let author = ctx.auth.userId;
      const requested = toInt(fields.AUTHOR_ID, 0);
      if (requested > 0 && ctx.auth.isAdmin) author = requested;
      const id = insertComment(ctx.db, {
        TASK_ID: taskId,
        AUTHOR_ID: author,
        POST_MESSAGE: text,
        POST_DATE: toStoredDateTime(nowMs()),
      });
      commentEvent(ctx, 'ONTASKCOMMENTADD', id, taskId);
      return id;
    },
  },
  'task.commentitem.getlist': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskcommentitem::getlist';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      visibleTask(ctx, taskId);
      const order = arg(params, 1, 'ORDER', 'arOrder');
      const filter = arg(params, 2, 'FILTER', 'arFilter');
      const where = compileFilter(isPlainObject(filter) ? filter : {}, commentResolver);
      const items: string[] = [];
      if (isPlainObject(order)) {
        for (const [k, dir] of Object.entries(order)) {
          const col = k.toUpperCase() === 'ID' ? { sql: 'id' } : commentResolver(k);
          if (col) items.push(`${col.sql} ${String(dir).toUpperCase() === 'DESC' ? 'DESC' : 'ASC'}`);
        }
      }
      items.push('id ASC');
      const rows = commentTable(ctx.db).where(
        { sql: `${jsonField('TASK_ID')} = ? AND (${where.sql})`, params: [taskId, ...where.params] },
        items.join(', '),
      );
      return new ListResult(outputComments(ctx.db, rows), undefined, undefined);
    },
  },
  'task.commentitem.get': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskcommentitem::get';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      const itemId = intArg(params, 1, m, 'itemId', 'ITEMID');
      visibleTask(ctx, taskId);
      return outputComments(ctx.db, [loadComment(ctx, taskId, itemId)])[0];
    },
  },
  'task.commentitem.update': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskcommentitem::update';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      const itemId = intArg(params, 1, m, 'itemId', 'ITEMID');
      const fields = fieldsArg(params, 2, m);
      visibleTask(ctx, taskId);
      const c = loadComment(ctx, taskId, itemId);
      if (!ctx.auth.isAdmin && c.AUTHOR_ID !== ctx.auth.userId) throw actionFailed();
      const text = String(fields.POST_MESSAGE ?? '').trim();
      if (!text) throw new RestError('ERROR_CORE', 'Comment text is not specified', 400);
      commentTable(ctx.db).patch(itemId, { POST_MESSAGE: text });
      commentEvent(ctx, 'ONTASKCOMMENTUPDATE', itemId, taskId);
      return true;
    },
  },
  'task.commentitem.delete': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskcommentitem::delete';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      const itemId = intArg(params, 1, m, 'itemId', 'ITEMID');
      visibleTask(ctx, taskId);
      const c = loadComment(ctx, taskId, itemId);
      if (!ctx.auth.isAdmin && c.AUTHOR_ID !== ctx.auth.userId) throw actionFailed();
      commentTable(ctx.db).delete(itemId);
      commentCountDelta(ctx.db, taskId, -1);
      commentEvent(ctx, 'ONTASKCOMMENTDELETE', itemId, taskId);
      return true;
    },
  },

  'task.checklistitem.add': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskchecklistitem::add';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      const fields = fieldsArg(params, 1, m);
      visibleTask(ctx, taskId);
      const title = String(fields.TITLE ?? '').trim();
      if (!title)
        throw new RestError(
          'ERROR_CORE',
          'TASKS_ERROR_EXCEPTION_#256; Checklist item title is not specified; 256/TE/WRONG_ARGUMENTS<br>',
          400,
        );
      const parent = toInt(fields.PARENT_ID, 0);
      if (parent > 0) {
        const p = checklistTable(ctx.db).get(parent);
        if (!p || p.TASK_ID !== taskId) throw actionFailed();
      }
      return insertChecklistItem(ctx.db, taskId, ctx.auth.userId, {
        TITLE: title,
        IS_COMPLETE: ynValue(fields.IS_COMPLETE),
        IS_IMPORTANT: ynValue(fields.IS_IMPORTANT),
        ...(fields.SORT_INDEX !== undefined ? { SORT_INDEX: toInt(fields.SORT_INDEX, 0) } : {}),
        ...(parent > 0 ? { PARENT_ID: parent } : {}),
      });
    },
  },
  'task.checklistitem.getlist': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskchecklistitem::getlist';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      visibleTask(ctx, taskId);
      const order = arg(params, 1, 'ORDER', 'arOrder');
      const items: string[] = [];
      if (isPlainObject(order)) {
        for (const [k, dir] of Object.entries(order)) {
          const key = k.toUpperCase();
          if (!CHECKLIST_ORDER.has(key)) {
            throw new RestError(
              'ERROR_CORE',
              `TASKS_ERROR_EXCEPTION_#256; Param #1 (arOrder) for method ${m}() must not contain key "${k}".; 256/TE/WRONG_ARGUMENTS<br>`,
              400,
            );
          }
          items.push(
            `${key === 'ID' ? 'id' : jsonField(key)} ${String(dir).toUpperCase() === 'DESC' ? 'DESC' : 'ASC'}`,
          );
        }
      }
      items.push('id DESC');
      const rows = checklistTable(ctx.db).where(
        { sql: `${jsonField('TASK_ID')} = ?`, params: [taskId] },
        items.join(', '),
      );
      return new ListResult(rows.map(outputChecklistItem), undefined, undefined);
    },
  },
  'task.checklistitem.get': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskchecklistitem::get';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      const itemId = intArg(params, 1, m, 'itemId', 'ITEMID');
      visibleTask(ctx, taskId);
      const item = checklistTable(ctx.db).get(itemId);
      if (!item || item.TASK_ID !== taskId) throw actionFailed();
      return outputChecklistItem(item);
    },
  },
  'task.checklistitem.update': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskchecklistitem::update';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      const itemId = intArg(params, 1, m, 'itemId', 'ITEMID');
      const fields = fieldsArg(params, 2, m);
      visibleTask(ctx, taskId);
      const item = checklistTable(ctx.db).get(itemId);
      if (!item || item.TASK_ID !== taskId) throw actionFailed();
      const patch: Partial<ChecklistDoc> = {};
      if (fields.TITLE !== undefined) {
        const title = String(fields.TITLE).trim();
        if (!title)
          throw new RestError(
            'ERROR_CORE',
            'TASKS_ERROR_EXCEPTION_#256; Checklist item title is not specified; 256/TE/WRONG_ARGUMENTS<br>',
            400,
          );
        patch.TITLE = title;
      }
      if (fields.SORT_INDEX !== undefined) patch.SORT_INDEX = toInt(fields.SORT_INDEX, item.SORT_INDEX);
      if (fields.IS_IMPORTANT !== undefined) patch.IS_IMPORTANT = ynValue(fields.IS_IMPORTANT);
      if (fields.IS_COMPLETE !== undefined && ynValue(fields.IS_COMPLETE) !== item.IS_COMPLETE) {
        Object.assign(patch, {
          IS_COMPLETE: ynValue(fields.IS_COMPLETE),
          TOGGLED_BY: ctx.auth.userId,
          TOGGLED_DATE: toStoredDateTime(nowMs()),
        });
      }
      checklistTable(ctx.db).patch(itemId, patch);
      return true;
    },
  },
  'task.checklistitem.delete': {
    scope: 'task',
    handler: (params, ctx) => {
      const m = 'ctaskchecklistitem::delete';
      const taskId = intArg(params, 0, m, 'taskId', 'TASKID');
      const itemId = intArg(params, 1, m, 'itemId', 'ITEMID');
      visibleTask(ctx, taskId);
      const item = checklistTable(ctx.db).get(itemId);
      if (!item || item.TASK_ID !== taskId) throw actionFailed();
      checklistTable(ctx.db).delete(itemId);
      ctx.db
        .prepare(`DELETE FROM tasks_checklist WHERE ${jsonField('PARENT_ID')} = ? AND ${jsonField('TASK_ID')} = ?`)
        .run(itemId, taskId);
      return true;
    },
  },
  'task.checklistitem.complete': {
    scope: 'task',
    handler: (p, ctx) => toggle(ctx, p, 'ctaskchecklistitem::complete', true),
  },
  'task.checklistitem.renew': {
    scope: 'task',
    handler: (p, ctx) => toggle(ctx, p, 'ctaskchecklistitem::renew', false),
  },
};
