import type { Db } from '../../db/database.ts';
import type { CallContext } from '../engine/context.ts';
import { RestError } from '../engine/errors.ts';
import { isPlainObject } from '../engine/params.ts';
import {
  DocTable,
  jsonField,
  prepare,
  toStored,
  type Column,
  type ColumnResolver,
  type FilterOp,
  type SqlPart,
  type StoredType,
} from '../engine/query.ts';
import { formatIso, nowMs, toStoredDateTime } from '../engine/time.ts';

/**
 * Storage, typing and output of tasks (`tasks.task.*`). Stored documents use the UPPER_CASE input
 * names; ids are numbers, datetimes UTC ISO strings, `Y`/`N` flags strings.
 */
export interface TaskDoc extends Record<string, unknown> {
  TITLE: string;
  DESCRIPTION: string;
  STATUS: number;
  PRIORITY: number;
  MARK: string | null;
  RESPONSIBLE_ID: number;
  CREATED_BY: number;
  CHANGED_BY: number;
  STATUS_CHANGED_BY: number;
  CLOSED_BY: number | null;
  GROUP_ID: number;
  PARENT_ID: number;
  STAGE_ID: number;
  CREATED_DATE: string;
  CHANGED_DATE: string;
  STATUS_CHANGED_DATE: string;
  ACTIVITY_DATE: string;
  CLOSED_DATE: string | null;
  DATE_START: string | null;
  DEADLINE: string | null;
  START_DATE_PLAN: string | null;
  END_DATE_PLAN: string | null;
  ACCOMPLICES: number[];
  AUDITORS: number[];
  UF_CRM_TASK: string[];
  TAGS: string[];
  ALLOW_CHANGE_DEADLINE: string;
  ALLOW_TIME_TRACKING: string;
  TASK_CONTROL: string;
  MATCH_WORK_TIME: string;
  TIME_ESTIMATE: number;
  COMMENTS_COUNT: number;
  XML_ID: string | null;
  GUID: string;
}

export type TaskRow = TaskDoc & { id: number };

export function tasksSchema(db: Db): void {
  new DocTable(db, 'tasks_task');
  new DocTable(db, 'tasks_comment');
  new DocTable(db, 'tasks_checklist');
  db.exec(`CREATE INDEX IF NOT EXISTS tasks_comment_task ON tasks_comment (json_extract(data, '$."TASK_ID"'));
    CREATE INDEX IF NOT EXISTS tasks_checklist_task ON tasks_checklist (json_extract(data, '$."TASK_ID"'));`);
}

export const taskTable = (db: Db) => new DocTable<TaskDoc>(db, 'tasks_task');

/** `RESPONSIBLE_ID` → `responsibleId`. */
export function camel(upper: string): string {
  return upper.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `responsibleId` / `>=deadline` → `RESPONSIBLE_ID` / `>=DEADLINE`; UPPER keys pass through. */
export function upperSnake(key: string): string {
  const m = /^([^A-Za-z_]*)(.*)$/s.exec(key)!;
  const name = m[2]!;
  if (!/[a-z]/.test(name)) return key;
  return m[1]! + name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

type OutKind = 'id' | 'idOrNull' | 'int' | 'str' | 'strOrNull' | 'date' | 'yn' | 'ids' | 'const';

interface FieldDef {
  title: string;
  type: string;
  out: OutKind;
  stored?: StoredType;
  constValue?: unknown;
  primary?: boolean;
  values?: Record<string, string>;
  def?: unknown;
}

const STATUS_VALUES = {
  '1': 'New',
  '2': 'Pending',
  '3': 'In progress',
  '4': 'Supposedly completed',
  '5': 'Completed',
  '6': 'Deferred',
  '7': 'Declined',
};

/** Every standard task field in the portal's output order (tasks.task.getFields). */
export const TASK_FIELDS: Record<string, FieldDef> = {
  ID: { title: 'ID', type: 'integer', out: 'id', stored: 'int', primary: true },
  PARENT_ID: { title: 'Parent task ID', type: 'integer', out: 'idOrNull', stored: 'int', def: 0 },
  TITLE: { title: 'Name', type: 'string', out: 'str', stored: 'string' },
  DESCRIPTION: { title: 'Description', type: 'string', out: 'str', stored: 'string' },
  MARK: { title: 'Rating', type: 'enum', out: 'strOrNull', stored: 'string', values: { N: 'Negative', P: 'Positive' } },
  PRIORITY: {
    title: 'Priority',
    type: 'enum',
    out: 'int',
    stored: 'int',
    values: { '2': 'High', '1': 'Normal', '0': 'Low' },
    def: 1,
  },
  MULTITASK: {
    title: 'Multiple assignees',
    type: 'enum',
    out: 'const',
    constValue: 'N',
    values: { Y: 'Yes', N: 'No' },
  },
  NOT_VIEWED: { title: 'Not viewed', type: 'enum', out: 'const', constValue: 'N', values: { Y: 'Yes', N: 'No' } },
  REPLICATE: { title: 'Repeat task', type: 'enum', out: 'const', constValue: 'N', values: { Y: 'Yes', N: 'No' } },
  STAGE_ID: { title: 'Stage', type: 'integer', out: 'int', stored: 'int' },
  CREATED_BY: { title: 'Created by', type: 'integer', out: 'id', stored: 'int' },
  CREATED_DATE: { title: 'Created on', type: 'datetime', out: 'date', stored: 'datetime' },
  RESPONSIBLE_ID: { title: 'Assignee', type: 'integer', out: 'id', stored: 'int' },
  CHANGED_BY: { title: 'Modified by', type: 'integer', out: 'id', stored: 'int' },
  CHANGED_DATE: { title: 'Modified on', type: 'datetime', out: 'date', stored: 'datetime' },
  STATUS_CHANGED_BY: { title: 'Status changed by', type: 'integer', out: 'id', stored: 'int' },
  CLOSED_BY: { title: 'Closed by', type: 'integer', out: 'idOrNull', stored: 'int' },
  CLOSED_DATE: { title: 'Closed on', type: 'datetime', out: 'date', stored: 'datetime' },
  ACTIVITY_DATE: { title: 'Last activity', type: 'datetime', out: 'date', stored: 'datetime' },
  DATE_START: { title: 'Started on', type: 'datetime', out: 'date', stored: 'datetime' },
  DEADLINE: { title: 'Deadline', type: 'datetime', out: 'date', stored: 'datetime' },
  START_DATE_PLAN: { title: 'Planned start', type: 'datetime', out: 'date', stored: 'datetime' },
  END_DATE_PLAN: { title: 'Planned finish', type: 'datetime', out: 'date', stored: 'datetime' },
  GUID: { title: 'GUID', type: 'string', out: 'str', stored: 'string' },
  XML_ID: { title: 'External ID', type: 'string', out: 'strOrNull', stored: 'string' },
  COMMENTS_COUNT: { title: 'Comments', type: 'integer', out: 'int', stored: 'int' },
  SERVICE_COMMENTS_COUNT: { title: 'Service comments', type: 'integer', out: 'const', constValue: null },
  ALLOW_CHANGE_DEADLINE: {
    title: 'Assignee can change deadline',
    type: 'enum',
    out: 'yn',
    stored: 'string',
    values: { Y: 'Yes', N: 'No' },
  },
  ALLOW_TIME_TRACKING: {
    title: 'Track time',
    type: 'enum',
    out: 'yn',
    stored: 'string',
    values: { Y: 'Yes', N: 'No' },
  },
  TASK_CONTROL: {
    title: 'Review task when completed',
    type: 'enum',
    out: 'yn',
    stored: 'string',
    values: { Y: 'Yes', N: 'No' },
  },
  ADD_IN_REPORT: { title: 'Add to report', type: 'enum', out: 'const', constValue: 'N', values: { Y: 'Yes', N: 'No' } },
  FORKED_BY_TEMPLATE_ID: { title: 'Created from template', type: 'integer', out: 'const', constValue: null },
  TIME_ESTIMATE: { title: 'Time estimate', type: 'integer', out: 'int', stored: 'int' },
  TIME_SPENT_IN_LOGS: { title: 'Time spent', type: 'integer', out: 'const', constValue: null },
  MATCH_WORK_TIME: { title: 'Skip weekends', type: 'enum', out: 'yn', stored: 'string', values: { Y: 'Yes', N: 'No' } },
  FORUM_TOPIC_ID: { title: 'Forum topic ID', type: 'integer', out: 'const', constValue: null },
  FORUM_ID: { title: 'Forum ID', type: 'integer', out: 'const', constValue: null },
  SITE_ID: { title: 'Site ID', type: 'string', out: 'const', constValue: 's1' },
  SUBORDINATE: {
    title: 'Subordinate task',
    type: 'enum',
    out: 'const',
    constValue: 'N',
    values: { Y: 'Yes', N: 'No' },
  },
  EXCHANGE_MODIFIED: { title: 'Exchange modified', type: 'datetime', out: 'const', constValue: null },
  EXCHANGE_ID: { title: 'Exchange ID', type: 'integer', out: 'const', constValue: null },
  OUTLOOK_VERSION: { title: 'Outlook version', type: 'integer', out: 'const', constValue: '1' },
  VIEWED_DATE: { title: 'Last viewed', type: 'datetime', out: 'const', constValue: null },
  SORTING: { title: 'Sort index', type: 'double', out: 'const', constValue: null },
  DURATION_FACT: { title: 'Time spent (minutes)', type: 'integer', out: 'const', constValue: null },
  IS_MUTED: { title: 'Muted', type: 'enum', out: 'const', constValue: 'N', values: { Y: 'Yes', N: 'No' } },
  IS_PINNED: { title: 'Pinned', type: 'enum', out: 'const', constValue: 'N', values: { Y: 'Yes', N: 'No' } },
  IS_PINNED_IN_GROUP: {
    title: 'Pinned in group',
    type: 'enum',
    out: 'const',
    constValue: 'N',
    values: { Y: 'Yes', N: 'No' },
  },
  FLOW_ID: { title: 'Flow', type: 'integer', out: 'const', constValue: null },
  DESCRIPTION_IN_BBCODE: {
    title: 'Description in BBCode',
    type: 'enum',
    out: 'const',
    constValue: 'Y',
    values: { Y: 'Yes', N: 'No' },
  },
  STATUS: { title: 'Status', type: 'enum', out: 'int', stored: 'int', values: STATUS_VALUES, def: 2 },
  STATUS_CHANGED_DATE: { title: 'Status changed on', type: 'datetime', out: 'date', stored: 'datetime' },
  DURATION_PLAN: { title: 'Planned duration', type: 'integer', out: 'const', constValue: null },
  DURATION_TYPE: {
    title: 'Duration type',
    type: 'enum',
    out: 'const',
    constValue: 'days',
    values: {
      secs: 'seconds',
      mins: 'minutes',
      hours: 'hours',
      days: 'days',
      weeks: 'weeks',
      monts: 'months',
      years: 'years',
    },
  },
  FAVORITE: { title: 'Favorite', type: 'enum', out: 'const', constValue: 'N', values: { Y: 'Yes', N: 'No' } },
  GROUP_ID: { title: 'Project', type: 'integer', out: 'int', stored: 'int' },
  AUDITORS: { title: 'Observers', type: 'array', out: 'ids' },
  ACCOMPLICES: { title: 'Participants', type: 'array', out: 'ids' },
};

/** User fields: sent only when selected by name. */
export const TASK_USER_FIELDS: Record<string, FieldDef> = {
  UF_CRM_TASK: { title: 'CRM items', type: 'crm', out: 'ids' },
  UF_TASK_WEBDAV_FILES: { title: 'Files', type: 'disk_file', out: 'ids' },
  UF_MAIL_MESSAGE: { title: 'E-mail', type: 'mail_message', out: 'const', constValue: null },
};

// ---------------------------------------------------------------------------------------------
// Users, groups and access

export interface UserBrief {
  id: string;
  name: string;
  link: string;
  icon: string;
  workPosition: string;
}

/** One query for every user a page of tasks refers to. */
export function loadUserBriefs(db: Db, ids: Iterable<number>): Map<number, UserBrief> {
  const list = [...new Set(ids)].filter((n) => n > 0);
  const out = new Map<number, UserBrief>();
  if (list.length === 0) return out;
  const rows = prepare(db, 'SELECT id, data FROM users WHERE id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(list),
  ) as { id: number; data: string }[];
  for (const r of rows) {
    const u = JSON.parse(r.data) as Record<string, unknown>;
    const name = [u.NAME, u.LAST_NAME].filter((s) => typeof s === 'string' && s).join(' ');
    out.set(r.id, {
      id: String(r.id),
      name: name || String(u.EMAIL ?? r.id),
      link: `/company/personal/user/${r.id}/`,
      icon:
        typeof u.PERSONAL_PHOTO === 'string' && u.PERSONAL_PHOTO
          ? u.PERSONAL_PHOTO
          : '/bitrix/images/tasks/default_avatar.png',
      workPosition: typeof u.WORK_POSITION === 'string' ? u.WORK_POSITION : '',
    });
  }
  return out;
}

function briefOf(users: Map<number, UserBrief>, id: number): UserBrief {
  return (
    users.get(id) ?? {
      id: String(id),
      name: '',
      link: `/company/personal/user/${id}/`,
      icon: '/bitrix/images/tasks/default_avatar.png',
      workPosition: '',
    }
  );
}

/** SQL: the caller can see the task (admins see every task). */
export function accessSql(ctx: CallContext): SqlPart {
  if (ctx.auth.isAdmin) return { sql: '1', params: [] };
  const u = ctx.auth.userId;
  return {
    sql: `(${jsonField('CREATED_BY')} = ? OR ${jsonField('RESPONSIBLE_ID')} = ?
      OR EXISTS (SELECT 1 FROM json_each(${jsonField('ACCOMPLICES')}) WHERE value = ?)
      OR EXISTS (SELECT 1 FROM json_each(${jsonField('AUDITORS')}) WHERE value = ?)
      OR (${jsonField('GROUP_ID')} > 0 AND EXISTS (SELECT 1 FROM sonet_group_member m WHERE m.group_id = ${jsonField('GROUP_ID')} AND m.user_id = ?)))`,
    params: [u, u, u, u, u],
  };
}

export function canSee(ctx: CallContext, t: TaskRow): boolean {
  if (ctx.auth.isAdmin) return true;
  const u = ctx.auth.userId;
  if (t.CREATED_BY === u || t.RESPONSIBLE_ID === u || t.ACCOMPLICES.includes(u) || t.AUDITORS.includes(u)) return true;
  return (
    t.GROUP_ID > 0 &&
    !!prepare(ctx.db, 'SELECT 1 FROM sonet_group_member WHERE group_id = ? AND user_id = ?').get(t.GROUP_ID, u)
  );
}

export type TaskAction =
  | 'accept'
  | 'decline'
  | 'complete'
  | 'approve'
  | 'disapprove'
  | 'start'
  | 'pause'
  | 'delegate'
  | 'remove'
  | 'edit'
  | 'defer'
  | 'renew'
  | 'create'
  | 'changeDeadline'
  | 'checklistAddItems'
  | 'addFavorite'
  | 'deleteFavorite'
  | 'rate';

/** Status transitions: which stored statuses an action may start from. */
export const ALLOWED_FROM: Partial<Record<TaskAction, readonly number[]>> = {
  start: [1, 2, 6],
  pause: [3],
  complete: [1, 2, 3, 6],
  defer: [1, 2, 3],
  renew: [4, 5, 6],
  approve: [4],
  disapprove: [4],
};

export function allowedActions(userId: number, isAdmin: boolean, t: TaskRow): Record<TaskAction, boolean> {
  const director = isAdmin || t.CREATED_BY === userId;
  const doer = director || t.RESPONSIBLE_ID === userId || t.ACCOMPLICES.includes(userId);
  const can = (a: TaskAction, who: boolean) => who && (ALLOWED_FROM[a]?.includes(t.STATUS) ?? true);
  return {
    accept: false,
    decline: false,
    complete: can('complete', doer),
    approve: can('approve', director),
    disapprove: can('disapprove', director),
    start: can('start', doer),
    pause: can('pause', doer),
    delegate: director || t.RESPONSIBLE_ID === userId,
    remove: director,
    edit: director,
    defer: can('defer', doer),
    renew: can('renew', director),
    create: true,
    changeDeadline: director || (t.RESPONSIBLE_ID === userId && t.ALLOW_CHANGE_DEADLINE === 'Y'),
    checklistAddItems: doer,
    addFavorite: true,
    deleteFavorite: false,
    rate: director,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

export function isOverdue(t: TaskDoc, now = nowMs()): boolean {
  return !!t.DEADLINE && [1, 2, 3].includes(t.STATUS) && Date.parse(t.DEADLINE) < now;
}

function outValue(def: FieldDef, v: unknown): unknown {
  switch (def.out) {
    case 'const':
      return def.constValue;
    case 'id':
      return v === null || v === undefined ? null : String(v);
    case 'idOrNull':
      return v === null || v === undefined || v === 0 ? null : String(v);
    case 'int':
      return String(typeof v === 'number' ? v : (def.def ?? 0));
    case 'str':
      return v === null || v === undefined ? '' : String(v);
    case 'strOrNull':
      return v === null || v === undefined || v === '' ? null : String(v);
    case 'date':
      return typeof v === 'string' && v ? formatIso(Date.parse(v)) : null;
    case 'yn':
      return v === 'Y' ? 'Y' : 'N';
    case 'ids':
      return Array.isArray(v) ? v.map(String) : [];
  }
}

export interface OutputExtras {
  users: Map<number, UserBrief>;
  groups: Map<number, Record<string, unknown>>;
  checklists: Map<number, Record<string, unknown>[]>;
}

/** Everything a page of tasks needs besides the rows, fetched with a fixed number of queries. */
export function loadExtras(db: Db, rows: TaskRow[], withChecklist: boolean): OutputExtras {
  const userIds: number[] = [];
  const groupIds = new Set<number>();
  for (const t of rows) {
    userIds.push(t.CREATED_BY, t.RESPONSIBLE_ID, ...t.ACCOMPLICES, ...t.AUDITORS);
    if (t.GROUP_ID > 0) groupIds.add(t.GROUP_ID);
  }
  const groups = new Map<number, Record<string, unknown>>();
  if (groupIds.size > 0) {
    const list = prepare(
      db,
      `SELECT g.id, ${jsonField('NAME', 'g.data')} AS name, ${jsonField('OPENED', 'g.data')} AS opened,
        (SELECT COUNT(*) FROM sonet_group_member m WHERE m.group_id = g.id) AS members
       FROM sonet_group g WHERE g.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify([...groupIds])) as { id: number; name: string; opened: string; members: number }[];
    for (const g of list)
      groups.set(g.id, {
        id: String(g.id),
        name: g.name,
        opened: g.opened === 'Y',
        membersCount: g.members,
        image: '',
        additionalData: [],
      });
  }
  const checklists = new Map<number, Record<string, unknown>[]>();
  if (withChecklist && rows.length > 0) {
    const items = prepare(
      db,
      `SELECT id, data FROM tasks_checklist WHERE ${jsonField('TASK_ID')} IN (SELECT value FROM json_each(?)) ORDER BY ${jsonField('SORT_INDEX')}, id`,
    ).all(JSON.stringify(rows.map((r) => r.id))) as { id: number; data: string }[];
    for (const it of items) {
      const doc = { ...(JSON.parse(it.data) as ChecklistDoc), id: it.id };
      const list = checklists.get(doc.TASK_ID) ?? [];
      list.push(outputChecklistItem(doc));
      checklists.set(doc.TASK_ID, list);
    }
  }
  return { users: loadUserBriefs(db, userIds), groups, checklists };
}

/** Names of the fields to send: `null` = every standard field. */
export function parseSelect(select: unknown): Set<string> | null {
  const list = Array.isArray(select)
    ? select
    : isPlainObject(select)
      ? Object.values(select)
      : typeof select === 'string' && select
        ? [select]
        : [];
  if (list.length === 0) return null;
  const names = new Set(list.map((s) => upperSnake(String(s)).toUpperCase()));
  if (names.has('*')) {
    names.delete('*');
    for (const k of Object.keys(TASK_FIELDS)) names.add(k);
  }
  names.add('ID');
  return names;
}

export function outputTask(
  t: TaskRow,
  select: Set<string> | null,
  extras: OutputExtras,
  viewer: { userId: number; isAdmin: boolean },
): Record<string, unknown> {
  const want = (k: string) => select === null || select.has(k);
  const out: Record<string, unknown> = {};
  const source: Record<string, unknown> = { ...t, ID: t.id };
  for (const [name, def] of Object.entries(TASK_FIELDS)) {
    if (want(name)) out[camel(name)] = outValue(def, source[name]);
  }
  for (const [name, def] of Object.entries(TASK_USER_FIELDS)) {
    if (select?.has(name)) out[camel(name)] = outValue(def, source[name]);
  }
  if (want('STATUS')) out.subStatus = isOverdue(t) ? '-1' : String(t.STATUS);
  if (want('GROUP_ID')) out.group = t.GROUP_ID > 0 ? (extras.groups.get(t.GROUP_ID) ?? []) : [];
  if (want('CREATED_BY')) out.creator = briefOf(extras.users, t.CREATED_BY);
  if (want('RESPONSIBLE_ID')) out.responsible = briefOf(extras.users, t.RESPONSIBLE_ID);
  const dataOf = (ids: number[]) =>
    ids.length === 0 ? [] : Object.fromEntries(ids.map((id) => [String(id), briefOf(extras.users, id)]));
  if (want('ACCOMPLICES')) out.accomplicesData = dataOf(t.ACCOMPLICES);
  if (want('AUDITORS')) out.auditorsData = dataOf(t.AUDITORS);
  if (select === null) {
    out.newCommentsCount = 0;
    out.action = allowedActions(viewer.userId, viewer.isAdmin, t);
    out.checkListCanAdd = true;
  }
  if (select?.has('CHECKLIST')) out.checklist = extras.checklists.get(t.id) ?? [];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Filters and ordering

const MULTI: Record<string, string> = {
  AUDITOR: 'AUDITORS',
  AUDITORS: 'AUDITORS',
  ACCOMPLICE: 'ACCOMPLICES',
  ACCOMPLICES: 'ACCOMPLICES',
  UF_CRM_TASK: 'UF_CRM_TASK',
  TAG: 'TAGS',
};

function statusCondition(op: FilterOp, value: unknown): SqlPart {
  const values = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [value];
  const status = jsonField('STATUS');
  const deadline = jsonField('DEADLINE');
  const now = toStoredDateTime(nowMs());
  const soon = toStoredDateTime(nowMs() + 24 * 3600 * 1000);
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const v of values) {
    const n = Number(v);
    if (n === -1) {
      parts.push(`(${deadline} IS NOT NULL AND ${deadline} < ? AND ${status} IN (1, 2, 3))`);
      params.push(now);
    } else if (n === -3) {
      parts.push(`(${deadline} IS NOT NULL AND ${deadline} >= ? AND ${deadline} < ? AND ${status} IN (1, 2, 3))`);
      params.push(now, soon);
    } else if (n === -2 || !Number.isFinite(n)) {
      parts.push('0');
    } else if (op === '>' || op === '>=' || op === '<' || op === '<=') {
      parts.push(`${status} ${op} ?`);
      params.push(Math.trunc(n));
    } else {
      parts.push(`${status} = ?`);
      params.push(Math.trunc(n));
    }
  }
  const sql = parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
  return op === '!=' || op === '!in' ? { sql: `NOT ${sql}`, params } : { sql, params };
}

function memberCondition(op: FilterOp, value: unknown): SqlPart {
  const id = toStored('int', Array.isArray(value) ? value[0] : value);
  const sql = `(${jsonField('CREATED_BY')} = ? OR ${jsonField('RESPONSIBLE_ID')} = ?
    OR EXISTS (SELECT 1 FROM json_each(${jsonField('ACCOMPLICES')}) WHERE value = ?)
    OR EXISTS (SELECT 1 FROM json_each(${jsonField('AUDITORS')}) WHERE value = ?))`;
  return { sql: op === '!=' ? `NOT ${sql}` : sql, params: [id, id, id, id] };
}

/** Filter/order keys of `tasks.task.list` (UPPER_CASE; camelCase is converted before). */
export const taskResolver: ColumnResolver = (raw) => {
  const field = upperSnake(raw).toUpperCase();
  if (field === 'ID') return { sql: 'id', type: 'int' };
  if (field === 'STATUS') return { sql: jsonField('STATUS'), type: 'int', custom: statusCondition };
  if (field === 'REAL_STATUS') return { sql: jsonField('STATUS'), type: 'int' };
  if (field === 'MEMBER') return { sql: '', type: 'int', custom: memberCondition };
  const multi = MULTI[field];
  if (multi) {
    const col: Column = {
      sql: jsonField(multi),
      type: multi === 'UF_CRM_TASK' || multi === 'TAGS' ? 'string' : 'int',
      multiple: true,
    };
    return col;
  }
  const def = TASK_FIELDS[field];
  if (!def?.stored) return null;
  return { sql: jsonField(field), type: def.stored };
};

export function compileTaskOrder(order: unknown): string {
  if (!isPlainObject(order) || Object.keys(order).length === 0) return 'id DESC';
  const items: string[] = [];
  let hasId = false;
  for (const [key, dirRaw] of Object.entries(order)) {
    const col = taskResolver(key);
    if (!col || col.custom) {
      if (upperSnake(key).toUpperCase() === 'STATUS') {
        items.push(`${jsonField('STATUS')} ${String(dirRaw).toUpperCase() === 'DESC' ? 'DESC' : 'ASC'}`);
        continue;
      }
      throw new RestError('0', 'Invalid sorting key (internal error)', 400);
    }
    if (col.sql === 'id') hasId = true;
    items.push(`${col.sql} ${String(dirRaw).toUpperCase() === 'DESC' ? 'DESC' : 'ASC'}`);
  }
  if (!hasId) items.push('id DESC');
  return items.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Checklist rows (shared with the legacy `task.checklistitem.*` methods)

export interface ChecklistDoc extends Record<string, unknown> {
  TASK_ID: number;
  PARENT_ID: number;
  CREATED_BY: number;
  TITLE: string;
  SORT_INDEX: number;
  IS_COMPLETE: string;
  IS_IMPORTANT: string;
  TOGGLED_BY: number | null;
  TOGGLED_DATE: string | null;
}

export function outputChecklistItem(c: ChecklistDoc & { id: number }): Record<string, unknown> {
  return {
    ID: String(c.id),
    TASK_ID: String(c.TASK_ID),
    // The portal really sends the root's PARENT_ID as the number 0 and every other one as a string.
    PARENT_ID: c.PARENT_ID === 0 ? 0 : String(c.PARENT_ID),
    CREATED_BY: String(c.CREATED_BY),
    TITLE: c.TITLE,
    SORT_INDEX: String(c.SORT_INDEX),
    IS_COMPLETE: c.IS_COMPLETE,
    IS_IMPORTANT: c.IS_IMPORTANT,
    TOGGLED_BY: c.TOGGLED_BY === null ? null : String(c.TOGGLED_BY),
    TOGGLED_DATE: c.TOGGLED_DATE ? formatIso(Date.parse(c.TOGGLED_DATE)) : '',
    MEMBERS: [],
    ATTACHMENTS: [],
  };
}
