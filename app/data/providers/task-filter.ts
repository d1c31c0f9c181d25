import type { ResultRef } from '../../b24/index.ts';

/** Whose tasks, seen from the current user: all they may see, or those where they have this role. */
export type TaskRole = 'all' | 'responsible' | 'creator' | 'auditor' | 'accomplice';

/** The task list's filter in the app's terms; `compileTaskFilter` turns it into `tasks.task.list`'s. */
export interface TaskFilter {
  /** Default `all`. Any other role needs the current user's id. */
  role?: TaskRole;
  /** Responsible is one of these users (ignored with `role: 'responsible'`). */
  responsibleIds?: string[];
  /** Workgroup / project id. */
  groupId?: string;
  /** Stored statuses (`'2'` pending, `'3'` in progress, …): any of them. */
  statuses?: string[];
  /** `YYYY-MM-DD`, both ends inclusive (the `to` day as a whole). */
  deadlineFrom?: string;
  deadlineTo?: string;
  /** A CRM binding code (`D_12`, `CO_3`): tasks linked to that record. */
  crm?: string;
  /** The title contains it. */
  search?: string;
}

const ROLE_KEYS: Record<Exclude<TaskRole, 'all'>, string> = {
  responsible: 'RESPONSIBLE_ID',
  creator: 'CREATED_BY',
  auditor: 'AUDITOR',
  accomplice: 'ACCOMPLICE',
};

const ID = /^[1-9]\d*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Z]+[0-9a-fA-F]*_[1-9]\d*$/;

/** True when the filter needs the current user's id (a role other than `all`). */
export function needsCurrentUser(filter: TaskFilter): boolean {
  return (filter.role ?? 'all') !== 'all';
}

/** `2026-07-17` → `2026-07-18` (calendar arithmetic in UTC, so no time zone can shift the day). */
function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The filter in `tasks.task.list`'s terms (UPPER_CASE keys with the portal's operators): the portal
 * filters the whole set, so the list shows exactly what matches. Blank and malformed inputs are left out.
 * `me` is the current user's id, or a batch reference to `user.current`'s (`client.ref(me, 'ID')`).
 * @example compileTaskFilter({ role: 'auditor', statuses: ['2', '3'], crm: 'D_12' }, '7')
 * // { AUDITOR: '7', REAL_STATUS: [2, 3], UF_CRM_TASK: 'D_12' }
 */
export function compileTaskFilter(filter: TaskFilter, me?: string | ResultRef): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const role = filter.role ?? 'all';
  if (role !== 'all') {
    if (me === undefined || me === '') throw new Error(`The "${role}" filter needs the current user's id`);
    out[ROLE_KEYS[role]] = me;
  }
  const responsible = (filter.responsibleIds ?? []).filter((id) => ID.test(id)).map(Number);
  if (role !== 'responsible' && responsible.length > 0) out.RESPONSIBLE_ID = responsible;
  if (filter.groupId && ID.test(filter.groupId)) out.GROUP_ID = Number(filter.groupId);
  // REAL_STATUS is the stored status; STATUS also takes the list's meta statuses (-1 overdue, …).
  const statuses = (filter.statuses ?? []).filter((s) => /^[1-7]$/.test(s)).map(Number);
  if (statuses.length > 0) out.REAL_STATUS = statuses;
  if (filter.deadlineFrom && DAY.test(filter.deadlineFrom)) out['>=DEADLINE'] = filter.deadlineFrom;
  if (filter.deadlineTo && DAY.test(filter.deadlineTo)) out['<DEADLINE'] = dayAfter(filter.deadlineTo);
  if (filter.crm && CODE.test(filter.crm.trim())) out.UF_CRM_TASK = filter.crm.trim();
  const search = filter.search?.trim();
  if (search) out['%TITLE'] = search;
  return out;
}
