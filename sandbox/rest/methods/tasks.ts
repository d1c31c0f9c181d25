import { randomUUID } from 'node:crypto';
import { emitEvent } from '../../events/bus.ts';
import type { CallContext } from '../engine/context.ts';
import { RestError } from '../engine/errors.ts';
import { isPlainObject, param, toInt, type Params, listOf } from '../engine/params.ts';
import { compileFilter } from '../engine/query.ts';
import { ListResult } from '../engine/registry.ts';
import { nowMs, parseDateInput, toStoredDateTime } from '../engine/time.ts';
import type { Family } from './family.ts';
import { userExists } from './sonet-group.ts';
import { taskItemMethods } from './tasks-items.ts';
import {
  accessSql,
  ALLOWED_FROM,
  allowedActions,
  canSee,
  compileTaskOrder,
  loadExtras,
  outputTask,
  parseSelect,
  TASK_FIELDS,
  TASK_USER_FIELDS,
  taskResolver,
  tasksSchema,
  taskTable,
  upperSnake,
  type TaskAction,
  type TaskDoc,
  type TaskRow,
} from './tasks-store.ts';

const core = (text: string) => new RestError('ERROR_CORE', text, 400);
const actionFailed = () => core('TASKS_ERROR_EXCEPTION_#8; Action failed; 8/TE/ACTION_FAILED_TO_BE_PROCESSED<br>');

function idList(v: unknown): number[] {
  const list = listOf(v);
  const out: number[] = [];
  for (const x of list) {
    const n = toInt(x, 0);
    if (n > 0 && !out.includes(n)) out.push(n);
  }
  return out;
}

function stringList(v: unknown): string[] {
  const list = listOf(v);
  return list.map((x) => String(x).trim()).filter((s) => s !== '');
}

function dateOrNull(v: unknown): string | null {
  const ms = parseDateInput(v);
  return ms === null ? null : toStoredDateTime(ms);
}

const yn = (v: unknown) => (v === true || v === 1 || ['Y', '1', 'TRUE'].includes(String(v).toUpperCase()) ? 'Y' : 'N');

/** Reads `fields` (UPPER_CASE or camelCase keys) into stored values; unknown keys are dropped. */
function readFields(raw: Record<string, unknown>): Partial<TaskDoc> {
  const f: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) f[upperSnake(k).toUpperCase()] = v;
  const out: Partial<TaskDoc> = {};
  if ('TITLE' in f) out.TITLE = String(f.TITLE ?? '').trim();
  if ('DESCRIPTION' in f) out.DESCRIPTION = String(f.DESCRIPTION ?? '');
  for (const k of [
    'RESPONSIBLE_ID',
    'CREATED_BY',
    'GROUP_ID',
    'PARENT_ID',
    'STAGE_ID',
    'PRIORITY',
    'TIME_ESTIMATE',
    'STATUS',
  ] as const) {
    if (k in f) out[k] = toInt(f[k], k === 'STATUS' ? -100 : 0);
  }
  for (const k of ['DEADLINE', 'START_DATE_PLAN', 'END_DATE_PLAN'] as const) if (k in f) out[k] = dateOrNull(f[k]);
  if ('ACCOMPLICES' in f) out.ACCOMPLICES = idList(f.ACCOMPLICES);
  if ('AUDITORS' in f) out.AUDITORS = idList(f.AUDITORS);
  if ('UF_CRM_TASK' in f) out.UF_CRM_TASK = stringList(f.UF_CRM_TASK);
  if ('TAGS' in f) out.TAGS = stringList(f.TAGS);
  if ('UF_TASK_WEBDAV_FILES' in f)
    (out as Record<string, unknown>).UF_TASK_WEBDAV_FILES = stringList(f.UF_TASK_WEBDAV_FILES);
  for (const k of ['ALLOW_CHANGE_DEADLINE', 'ALLOW_TIME_TRACKING', 'TASK_CONTROL', 'MATCH_WORK_TIME'] as const)
    if (k in f) out[k] = yn(f[k]);
  if ('MARK' in f) out.MARK = f.MARK === 'P' || f.MARK === 'N' ? f.MARK : null;
  if ('XML_ID' in f) out.XML_ID = f.XML_ID === null || f.XML_ID === '' ? null : String(f.XML_ID);
  return out;
}

function validate(db: CallContext['db'], doc: Partial<TaskDoc>, creating: boolean): void {
  if ((creating || 'TITLE' in doc) && !doc.TITLE) throw core('Task title is not specified<br>');
  if (creating || 'RESPONSIBLE_ID' in doc) {
    if (!doc.RESPONSIBLE_ID) throw core('Assignee not specified<br>');
    if (!userExists(db, doc.RESPONSIBLE_ID)) throw core('User specified in the "Assignee" field not found<br>');
  }
  if (doc.STATUS !== undefined && (doc.STATUS < 1 || doc.STATUS > 7)) throw core('Invalid status<br>');
  if (doc.PARENT_ID && !taskTable(db).get(doc.PARENT_ID))
    throw core('Task specified in the "Parent Task" field not found<br>');
  if (doc.START_DATE_PLAN && doc.END_DATE_PLAN && doc.END_DATE_PLAN < doc.START_DATE_PLAN) {
    throw core('End date specified earlier than start date in scheduling<br>');
  }
}

/** A new task's stored document with every default filled in (REST add and the seed). */
export function newTaskDoc(fields: Partial<TaskDoc>, creatorId: number, nowIso = toStoredDateTime(nowMs())): TaskDoc {
  const status = fields.STATUS ?? 2;
  return {
    TITLE: '',
    DESCRIPTION: '',
    PRIORITY: 1,
    MARK: null,
    RESPONSIBLE_ID: creatorId,
    GROUP_ID: 0,
    PARENT_ID: 0,
    STAGE_ID: 0,
    DEADLINE: null,
    START_DATE_PLAN: null,
    END_DATE_PLAN: null,
    ACCOMPLICES: [],
    AUDITORS: [],
    UF_CRM_TASK: [],
    TAGS: [],
    ALLOW_CHANGE_DEADLINE: 'N',
    ALLOW_TIME_TRACKING: 'N',
    TASK_CONTROL: 'N',
    MATCH_WORK_TIME: 'N',
    TIME_ESTIMATE: 0,
    XML_ID: null,
    ...fields,
    STATUS: status,
    CREATED_BY: fields.CREATED_BY || creatorId,
    CHANGED_BY: fields.CREATED_BY || creatorId,
    STATUS_CHANGED_BY: fields.CREATED_BY || creatorId,
    CLOSED_BY: status === 5 ? creatorId : null,
    CREATED_DATE: nowIso,
    CHANGED_DATE: nowIso,
    STATUS_CHANGED_DATE: nowIso,
    ACTIVITY_DATE: nowIso,
    CLOSED_DATE: status === 5 ? nowIso : null,
    DATE_START: status === 3 ? nowIso : null,
    COMMENTS_COUNT: 0,
    GUID: `{${randomUUID()}}`,
  };
}

function taskIdParam(params: Params): number {
  const id = toInt(param(params, 'taskId') ?? param(params, 'id'), 0);
  if (id <= 0) throw new RestError('0', 'wrong task id', 400);
  return id;
}

function viewer(ctx: CallContext) {
  return { userId: ctx.auth.userId, isAdmin: ctx.auth.isAdmin };
}

function fullTask(ctx: CallContext, t: TaskRow, select: Set<string> | null = null): Record<string, unknown> {
  return outputTask(t, select, loadExtras(ctx.db, [t], !!select?.has('CHECKLIST')), viewer(ctx));
}

/** Loads a task the caller can act on, or throws the portal's "action failed". */
function loadForAction(ctx: CallContext, params: Params): TaskRow {
  const t = taskTable(ctx.db).get(taskIdParam(params));
  if (!t || !canSee(ctx, t)) throw actionFailed();
  return t;
}

const taskEvent = (ctx: CallContext, event: 'ONTASKADD' | 'ONTASKUPDATE' | 'ONTASKDELETE', id: number) => {
  const data =
    event === 'ONTASKADD'
      ? {
          FIELDS_BEFORE: 'undefined',
          FIELDS_AFTER: { ID: id },
          IS_ACCESSIBLE_BEFORE: 'N',
          IS_ACCESSIBLE_AFTER: 'undefined',
        }
      : event === 'ONTASKUPDATE'
        ? {
            FIELDS_BEFORE: { ID: id },
            FIELDS_AFTER: { ID: id },
            IS_ACCESSIBLE_BEFORE: 'undefined',
            IS_ACCESSIBLE_AFTER: 'undefined',
          }
        : {
            FIELDS_BEFORE: { ID: id },
            FIELDS_AFTER: 'undefined',
            IS_ACCESSIBLE_BEFORE: 'undefined',
            IS_ACCESSIBLE_AFTER: 'N',
          };
  emitEvent(ctx, event, data);
};

/** Applies a status change (`complete`, `start`, …) with the bookkeeping the portal does. */
function transition(ctx: CallContext, params: Params, action: TaskAction): unknown {
  const t = loadForAction(ctx, params);
  const allowed = allowedActions(ctx.auth.userId, ctx.auth.isAdmin, t);
  if (!allowed[action] || !(ALLOWED_FROM[action]?.includes(t.STATUS) ?? true)) throw actionFailed();
  const now = toStoredDateTime(nowMs());
  const patch: Partial<TaskDoc> = {
    CHANGED_BY: ctx.auth.userId,
    CHANGED_DATE: now,
    ACTIVITY_DATE: now,
    STATUS_CHANGED_BY: ctx.auth.userId,
    STATUS_CHANGED_DATE: now,
  };
  switch (action) {
    case 'complete': {
      // With "review when completed" the assignee's completion waits for the creator's approval.
      const review = t.TASK_CONTROL === 'Y' && t.CREATED_BY !== ctx.auth.userId && t.CREATED_BY !== t.RESPONSIBLE_ID;
      patch.STATUS = review ? 4 : 5;
      if (!review) Object.assign(patch, { CLOSED_BY: ctx.auth.userId, CLOSED_DATE: now });
      break;
    }
    case 'approve':
      Object.assign(patch, { STATUS: 5, CLOSED_BY: ctx.auth.userId, CLOSED_DATE: now });
      break;
    case 'start':
      Object.assign(patch, { STATUS: 3, DATE_START: t.DATE_START ?? now });
      break;
    case 'pause':
    case 'disapprove':
      patch.STATUS = 2;
      break;
    case 'defer':
      patch.STATUS = 6;
      break;
    case 'renew':
      Object.assign(patch, { STATUS: 2, CLOSED_BY: null, CLOSED_DATE: null });
      break;
    default:
      break;
  }
  const next = taskTable(ctx.db).patch(t.id, patch)!;
  taskEvent(ctx, 'ONTASKUPDATE', t.id);
  return { task: fullTask(ctx, next) };
}

export const tasksFamily: Family = {
  name: 'tasks',
  schema: tasksSchema,
  methods: {
    'tasks.task.add': {
      scope: 'task',
      handler: (params, ctx) => {
        const raw = param(params, 'fields');
        if (!isPlainObject(raw) || Object.keys(raw).length === 0)
          throw new RestError('100', 'Could not find value for parameter {fields}', 400);
        const fields = readFields(raw);
        if (!ctx.auth.isAdmin) delete fields.CREATED_BY;
        else if (fields.CREATED_BY && !userExists(ctx.db, fields.CREATED_BY)) delete fields.CREATED_BY;
        validate(ctx.db, fields, true);
        const id = taskTable(ctx.db).insert(newTaskDoc(fields, ctx.auth.userId));
        taskEvent(ctx, 'ONTASKADD', id);
        return { task: fullTask(ctx, taskTable(ctx.db).get(id)!) };
      },
    },
    'tasks.task.update': {
      scope: 'task',
      handler: (params, ctx) => {
        const id = taskIdParam(params);
        const raw = param(params, 'fields');
        if (!isPlainObject(raw) || Object.keys(raw).length === 0)
          throw new RestError('100', 'Could not find value for parameter {fields}', 400);
        const t = taskTable(ctx.db).get(id);
        if (!t || !canSee(ctx, t)) throw actionFailed();
        const fields = readFields(raw);
        delete fields.CREATED_BY;
        const allowed = allowedActions(ctx.auth.userId, ctx.auth.isAdmin, t);
        if (!allowed.edit && !(Object.keys(fields).every((k) => k === 'DEADLINE') && allowed.changeDeadline))
          throw actionFailed();
        validate(
          ctx.db,
          {
            ...fields,
            ...(fields.START_DATE_PLAN === undefined ? { START_DATE_PLAN: t.START_DATE_PLAN } : {}),
            ...(fields.END_DATE_PLAN === undefined ? { END_DATE_PLAN: t.END_DATE_PLAN } : {}),
          },
          false,
        );
        const now = toStoredDateTime(nowMs());
        const patch: Partial<TaskDoc> = {
          ...fields,
          CHANGED_BY: ctx.auth.userId,
          CHANGED_DATE: now,
          ACTIVITY_DATE: now,
        };
        if (fields.STATUS !== undefined && fields.STATUS !== t.STATUS) {
          Object.assign(patch, { STATUS_CHANGED_BY: ctx.auth.userId, STATUS_CHANGED_DATE: now });
          if (fields.STATUS === 5) Object.assign(patch, { CLOSED_BY: ctx.auth.userId, CLOSED_DATE: now });
          else Object.assign(patch, { CLOSED_BY: null, CLOSED_DATE: null });
        }
        const next = taskTable(ctx.db).patch(id, patch)!;
        taskEvent(ctx, 'ONTASKUPDATE', id);
        return { task: fullTask(ctx, next) };
      },
    },
    'tasks.task.get': {
      scope: 'task',
      handler: (params, ctx) => {
        const id = toInt(param(params, 'taskId') ?? param(params, 'id'), 0);
        const t = id > 0 ? taskTable(ctx.db).get(id) : null;
        if (!t || !canSee(ctx, t)) return [];
        return { task: fullTask(ctx, t, parseSelect(param(params, 'select'))) };
      },
    },
    'tasks.task.list': {
      scope: 'task',
      handler: (params, ctx) => {
        const rawFilter = param(params, 'filter');
        const filter: Record<string, unknown> = {};
        if (isPlainObject(rawFilter)) for (const [k, v] of Object.entries(rawFilter)) filter[upperSnake(k)] = v;
        const where = compileFilter(filter, taskResolver, { allowLogic: true });
        const access = accessSql(ctx);
        const combined = { sql: `(${where.sql}) AND ${access.sql}`, params: [...where.params, ...access.params] };
        const page = taskTable(ctx.db).page(combined, compileTaskOrder(param(params, 'order')), param(params, 'start'));
        const select = parseSelect(param(params, 'select'));
        const extras = loadExtras(ctx.db, page.rows, !!select?.has('CHECKLIST'));
        const tasks = page.rows.map((t) => outputTask(t, select, extras, viewer(ctx)));
        return new ListResult({ tasks }, page.total, page.next);
      },
    },
    'tasks.task.delete': {
      scope: 'task',
      handler: (params, ctx) => {
        const id = taskIdParam(params);
        const t = taskTable(ctx.db).get(id);
        if (!t || !canSee(ctx, t) || !allowedActions(ctx.auth.userId, ctx.auth.isAdmin, t).remove) {
          throw new RestError('1048582', 'No access to delete the task', 400);
        }
        taskTable(ctx.db).delete(id);
        ctx.db.prepare(`DELETE FROM tasks_comment WHERE json_extract(data, '$."TASK_ID"') = ?`).run(id);
        ctx.db.prepare(`DELETE FROM tasks_checklist WHERE json_extract(data, '$."TASK_ID"') = ?`).run(id);
        taskEvent(ctx, 'ONTASKDELETE', id);
        return { task: true };
      },
    },
    'tasks.task.complete': { scope: 'task', handler: (p, ctx) => transition(ctx, p, 'complete') },
    'tasks.task.start': { scope: 'task', handler: (p, ctx) => transition(ctx, p, 'start') },
    'tasks.task.pause': { scope: 'task', handler: (p, ctx) => transition(ctx, p, 'pause') },
    'tasks.task.defer': { scope: 'task', handler: (p, ctx) => transition(ctx, p, 'defer') },
    'tasks.task.renew': { scope: 'task', handler: (p, ctx) => transition(ctx, p, 'renew') },
    'tasks.task.approve': { scope: 'task', handler: (p, ctx) => transition(ctx, p, 'approve') },
    'tasks.task.disapprove': { scope: 'task', handler: (p, ctx) => transition(ctx, p, 'disapprove') },
    'tasks.task.delegate': {
      scope: 'task',
      handler: (params, ctx) => {
        const t = loadForAction(ctx, params);
        if (!allowedActions(ctx.auth.userId, ctx.auth.isAdmin, t).delegate) throw actionFailed();
        const userId = toInt(param(params, 'userId'), 0);
        if (userId <= 0 || !userExists(ctx.db, userId))
          throw core('User specified in the "Assignee" field not found<br>');
        const now = toStoredDateTime(nowMs());
        // The previous assignee keeps watching the task.
        const auditors =
          t.AUDITORS.includes(t.RESPONSIBLE_ID) || t.RESPONSIBLE_ID === userId
            ? t.AUDITORS
            : [...t.AUDITORS, t.RESPONSIBLE_ID];
        const next = taskTable(ctx.db).patch(t.id, {
          RESPONSIBLE_ID: userId,
          AUDITORS: auditors,
          CHANGED_BY: ctx.auth.userId,
          CHANGED_DATE: now,
          ACTIVITY_DATE: now,
        })!;
        taskEvent(ctx, 'ONTASKUPDATE', t.id);
        return { task: fullTask(ctx, next) };
      },
    },
    'tasks.task.getfields': {
      scope: 'task',
      handler: () => {
        const fields: Record<string, Record<string, unknown>> = {};
        for (const [name, def] of Object.entries({ ...TASK_FIELDS, ...TASK_USER_FIELDS })) {
          const f: Record<string, unknown> = { title: def.title, type: def.type };
          if (def.primary) f.primary = true;
          if (def.values) f.values = def.values;
          if (def.def !== undefined && def.values) f.default = def.def;
          fields[name] = f;
        }
        return { fields };
      },
    },
    'tasks.task.getaccess': {
      scope: 'task',
      handler: (params, ctx) => {
        const t = loadForAction(ctx, params);
        const users = idList(param(params, 'users'));
        const allowed: Record<string, unknown> = {};
        for (const u of users.length > 0 ? users : [ctx.auth.userId]) {
          const row = ctx.db.prepare('SELECT data FROM users WHERE id = ?').get(u) as { data: string } | undefined;
          const isAdmin = row ? (JSON.parse(row.data) as Record<string, unknown>)._ADMIN === true : false;
          allowed[String(u)] = allowedActions(u, isAdmin, t);
        }
        return { allowedActions: allowed };
      },
    },
    ...taskItemMethods,
  },
};
