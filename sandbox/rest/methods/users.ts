import type { CallContext } from '../engine/context.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, param, toInt, upperKeys, type Params } from '../engine/params.ts';
import { compileFilter, compileOrder, jsonField, listPage, type SqlPart } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { nowMs, parseDateInput, toStoredDateTime, wallClock } from '../engine/time.ts';
import type { Family } from './family.ts';
import { feedMethods, feedSchema } from './im-feed.ts';
import { notifyMethods, notifySchema } from './im-notify.ts';
import { departmentMethods } from './users-departments.ts';
import {
  ensureUserTables,
  loadUserDoc,
  USER_FIELD_TITLES,
  userLevel,
  userResolver,
  userRow,
  type Doc,
} from './users-store.ts';

const dateOnly = (ms: number) => {
  const w = wallClock(ms);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

const READ_SCOPES = ['user', 'user_basic', 'user_brief'] as const;

/** Keys of `user.get`/`user.search` that are not filter fields when sent at the top level. */
const RESERVED = new Set(['SORT', 'ORDER', 'FILTER', 'ADMIN_MODE', 'START', 'SELECT', 'IMAGE_RESIZE', 'AUTH']);

function collectFilter(params: Params): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (RESERVED.has(key.toUpperCase()) || /^\d+$/.test(key)) continue;
    filter[key] = value;
  }
  const inner = param(params, 'FILTER');
  if (isPlainObject(inner)) Object.assign(filter, inner);
  return filter;
}

function userOrder(params: Params): string {
  const sort = param(params, 'sort');
  const order = param(params, 'order');
  if (isPlainObject(sort)) return compileOrder(sort, userResolver);
  if (isPlainObject(order)) return compileOrder(order, userResolver);
  if (typeof sort === 'string' && sort.trim()) {
    return compileOrder({ [sort.trim()]: typeof order === 'string' ? order : 'ASC' }, userResolver);
  }
  return 'id ASC';
}

function userList(ctx: CallContext, where: SqlPart, params: Params): ListResult {
  const page = listPage<{ id: number; data: string }>(ctx.db, {
    from: 'users',
    where,
    orderBy: userOrder(params),
    start: param(params, 'start'),
    flavour: 'page',
    select: 'id, data',
  });
  const level = userLevel(ctx.auth.scopes);
  const rows = page.rows.map((r) => userRow(r.id, JSON.parse(r.data) as Doc, level));
  return new ListResult(rows, page.total, page.next);
}

/** Fields `user.update` may change; `ACTIVE` and `UF_DEPARTMENT` need an admin. */
const UPDATABLE = new Set(
  Object.keys(USER_FIELD_TITLES).filter(
    (f) =>
      !['ID', 'LAST_LOGIN', 'DATE_REGISTER', 'TIMESTAMP_X', 'LAST_ACTIVITY_DATE', 'IS_ONLINE', 'USER_TYPE'].includes(f),
  ),
);

const userMethods: MethodTable = {
  'user.current': {
    scope: READ_SCOPES,
    handler: (_params, ctx) => {
      const doc = loadUserDoc(ctx.db, ctx.auth.userId);
      if (!doc) throw errors.accessDenied();
      return userRow(ctx.auth.userId, doc, userLevel(ctx.auth.scopes));
    },
  },
  'user.get': {
    scope: READ_SCOPES,
    handler: (params, ctx) => {
      const where = compileFilter(collectFilter(params), userResolver);
      return userList(ctx, where, params);
    },
  },
  'user.search': {
    scope: READ_SCOPES,
    handler: (params, ctx) => {
      const filter = collectFilter(params);
      const up = upperKeys(filter);
      let where: SqlPart;
      if (up.FIND !== undefined && up.FIND !== '') {
        where = compileFilter({ FIND: up.FIND }, userResolver);
      } else {
        const conditions: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(up)) {
          if (
            ['NAME', 'LAST_NAME', 'SECOND_NAME', 'WORK_POSITION', 'EMAIL'].includes(key) &&
            typeof value === 'string'
          ) {
            conditions[`=%${key}`] = `${value.replace(/[%_]/g, '')}%`;
          } else if (key === 'UF_DEPARTMENT_NAME') continue;
          else conditions[key] = value;
        }
        where = compileFilter(conditions, userResolver);
        if (typeof up.UF_DEPARTMENT_NAME === 'string' && up.UF_DEPARTMENT_NAME !== '') {
          const dep = {
            sql: `EXISTS (SELECT 1 FROM json_each(${jsonField('UF_DEPARTMENT', 'users.data')}) je JOIN departments d ON d.id = je.value WHERE ${jsonField('NAME', 'd.data')} LIKE ?)`,
            params: [`${up.UF_DEPARTMENT_NAME}%`],
          };
          where = { sql: `(${where.sql}) AND ${dep.sql}`, params: [...where.params, ...dep.params] };
        }
      }
      if (up.ACTIVE === undefined)
        where = { sql: `(${where.sql}) AND COALESCE(${jsonField('ACTIVE')}, 1) = 1`, params: where.params };
      return userList(ctx, where, params);
    },
  },
  'user.fields': { scope: READ_SCOPES, handler: () => ({ ...USER_FIELD_TITLES }) },
  'user.update': {
    scope: 'user',
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const id = toInt(p.ID, 0);
      if (id <= 0) throw errors.argument('ID');
      if (!ctx.auth.isAdmin && id !== ctx.auth.userId) throw errors.accessDenied();
      const doc = loadUserDoc(ctx.db, id);
      if (!doc) throw new RestError('ERROR_CORE', 'User not found', 400);
      const fields = isPlainObject(p.FIELDS) ? upperKeys(p.FIELDS) : p;
      for (const [key, value] of Object.entries(fields)) {
        if (!UPDATABLE.has(key) && !/^UF_[A-Z0-9_]+$/.test(key)) continue;
        if ((key === 'ACTIVE' || key === 'UF_DEPARTMENT') && !ctx.auth.isAdmin) continue;
        if (key === 'ACTIVE')
          doc.ACTIVE = !(
            value === false ||
            value === 'N' ||
            value === 'n' ||
            value === '0' ||
            value === 0 ||
            value === 'false'
          );
        else if (key === 'UF_DEPARTMENT') {
          const list = Array.isArray(value) ? value : [value];
          doc.UF_DEPARTMENT = list.map((v) => toInt(v, 0)).filter((n) => n > 0);
        } else if (key === 'PERSONAL_BIRTHDAY' || key === 'UF_EMPLOYMENT_DATE') {
          const ms = parseDateInput(value);
          doc[key] = ms === null ? '' : dateOnly(ms);
        } else if (
          key === 'EMAIL' &&
          typeof value === 'string' &&
          value !== '' &&
          !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)
        ) {
          throw new RestError('ERROR_CORE', 'Invalid e-mail address.<br>', 400);
        } else doc[key] = value === null ? '' : isPlainObject(value) || Array.isArray(value) ? value : String(value);
      }
      doc.TIMESTAMP_X = toStoredDateTime(nowMs());
      ctx.db.prepare('UPDATE users SET data = ? WHERE id = ?').run(JSON.stringify(doc), id);
      return true;
    },
  },
};

export const usersFamily: Family = {
  name: 'users',
  schema: (db) => {
    ensureUserTables(db);
    notifySchema(db);
    feedSchema(db);
  },
  methods: { ...userMethods, ...departmentMethods, ...notifyMethods, ...feedMethods },
};
