import { createHash } from 'node:crypto';
import { randomToken } from '../engine/auth.ts';
import type { CallContext } from '../engine/context.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, isTruthy, param, toInt, upperKeys } from '../engine/params.ts';
import { listPage } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { formatIso, parseDateInput } from '../engine/time.ts';
import { deliverEvent } from './events-delivery.ts';

/** Event names an app may bind, with the scope each needs (null: always). */
const CRM_ENTITIES = [
  'LEAD',
  'DEAL',
  'CONTACT',
  'COMPANY',
  'QUOTE',
  'INVOICE',
  'ACTIVITY',
  'PRODUCT',
  'CURRENCY',
  'REQUISITE',
  'DYNAMICITEM',
  'TIMELINECOMMENT',
  'PRODUCTROW',
];
const EVENT_SCOPES: Record<string, string | null> = {
  ONAPPINSTALL: null,
  ONAPPUNINSTALL: null,
  ONAPPUPDATE: null,
  ONAPPPAYMENT: null,
  ONAPPTEST: null,
  ONAPPMETHODCONFIRM: null,
  ONOFFLINEEVENT: null,
  ONSUBSCRIPTIONRENEW: null,
  ONCRMDEALMOVETOCATEGORY: 'crm',
  ONCRMTYPEADD: 'crm',
  ONCRMTYPEUPDATE: 'crm',
  ONCRMTYPEDELETE: 'crm',
  ONTASKADD: 'task',
  ONTASKUPDATE: 'task',
  ONTASKDELETE: 'task',
  ONTASKCOMMENTADD: 'task',
  ONTASKCOMMENTUPDATE: 'task',
  ONTASKCOMMENTDELETE: 'task',
  ONCALENDARENTRYADD: 'calendar',
  ONCALENDARENTRYUPDATE: 'calendar',
  ONCALENDARENTRYDELETE: 'calendar',
  ONCALENDARSECTIONADD: 'calendar',
  ONCALENDARSECTIONUPDATE: 'calendar',
  ONCALENDARSECTIONDELETE: 'calendar',
  ONUSERADD: 'user',
  ONSONETGROUPADD: 'sonet_group',
  ONSONETGROUPUPDATE: 'sonet_group',
  ONSONETGROUPDELETE: 'sonet_group',
  ONSONETGROUPSUBJECTADD: 'sonet_group',
  ONIMCONNECTORMESSAGEADD: 'imconnector',
  ONCATALOGPRODUCTADD: 'catalog',
  ONCATALOGPRODUCTUPDATE: 'catalog',
  ONCATALOGPRODUCTDELETE: 'catalog',
};
for (const e of CRM_ENTITIES) for (const a of ['ADD', 'UPDATE', 'DELETE']) EVENT_SCOPES[`ONCRM${e}${a}`] = 'crm';

/** The scope of an event name, `undefined` when the portal does not know it. */
export function eventScope(name: string): string | null | undefined {
  if (name in EVENT_SCOPES) return EVENT_SCOPES[name];
  if (/^ONCRMDYNAMICITEM(ADD|UPDATE|DELETE)_\d+$/.test(name)) return 'crm';
  return undefined;
}

function checkHandler(raw: unknown): string {
  const handler = typeof raw === 'string' ? raw.trim() : '';
  if (!handler) throw errors.argument('HANDLER');
  let url: URL;
  try {
    url = new URL(handler);
  } catch {
    throw new RestError('ERROR_WRONG_HANDLER_URL', 'Wrong handler URL', 400);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RestError('ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported event handler protocol', 400);
  return handler;
}

interface Binding {
  id: number;
  app_id: number;
  event: string;
  handler: string;
  auth_type: number;
  offline: number;
}

interface OfflineRow {
  id: number;
  app_id: number;
  event: string;
  data: string;
  created_at: string;
  process_id: string | null;
}

function offlineOut(r: OfflineRow, withProcess: boolean) {
  const stored = JSON.parse(r.data) as { data?: unknown; user_id?: number | null };
  const data = stored.data;
  const out: Record<string, unknown> = {
    ID: String(r.id),
    TIMESTAMP_X: formatIso(parseDateInput(r.created_at) ?? 0),
    EVENT_NAME: r.event,
    EVENT_DATA: data === null || data === undefined ? false : data,
    EVENT_ADDITIONAL: stored.user_id ? { user_id: String(stored.user_id) } : false,
    MESSAGE_ID: createHash('md5')
      .update(`${r.event}|${JSON.stringify(data ?? null)}`)
      .digest('hex'),
  };
  if (withProcess) {
    out.PROCESS_ID = r.process_id;
    out.ERROR = '0';
  }
  return out;
}

function offlineWhere(ctx: CallContext, filter: unknown): { sql: string; params: unknown[] } {
  const parts = ['app_id = ?'];
  const params: unknown[] = [ctx.auth.appId];
  if (isPlainObject(filter)) {
    for (const [rawKey, value] of Object.entries(filter)) {
      const m = /^(>=|<=|>|<|=|!)?(.*)$/.exec(rawKey)!;
      const op = m[1] === '!' ? '<>' : m[1] || '=';
      const key = m[2]!.toUpperCase();
      const column = key === 'ID' ? 'id' : key === 'EVENT_NAME' ? 'event' : key === 'TIMESTAMP_X' ? 'created_at' : null;
      if (!column) continue;
      parts.push(`${column} ${op} ?`);
      params.push(key === 'ID' ? toInt(value, 0) : key === 'EVENT_NAME' ? String(value).toUpperCase() : String(value));
    }
  }
  return { sql: parts.join(' AND '), params };
}

const EV = { scope: null, appOnly: true } as const;

export const eventMethods: MethodTable = {
  'event.bind': {
    ...EV,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const event = typeof p.EVENT === 'string' ? p.EVENT.trim().toUpperCase() : '';
      if (!event) throw errors.argument('EVENT');
      const offline = String(p.EVENT_TYPE ?? 'online').toLowerCase() === 'offline';
      const authType = toInt(p.AUTH_TYPE, 0);
      if ((offline || authType > 0) && !ctx.auth.isAdmin) throw errors.accessDenied();
      const scope = eventScope(event);
      if (scope === undefined || (scope !== null && !ctx.auth.scopes.has(scope)))
        throw new RestError('ERROR_EVENT_NOT_FOUND', 'Event not found', 400);
      const handler = offline ? '' : checkHandler(p.HANDLER);
      const dup = ctx.db
        .prepare(
          'SELECT 1 FROM event_bindings WHERE app_id = ? AND event = ? AND handler = ? AND auth_type = ? AND offline = ?',
        )
        .get(ctx.auth.appId, event, handler, authType, offline ? 1 : 0);
      if (dup) throw new RestError('ERROR_HANDLER_ALREADY_EXIST', 'Handler already exists!', 400);
      ctx.db
        .prepare('INSERT INTO event_bindings (app_id, event, handler, auth_type, offline) VALUES (?, ?, ?, ?, ?)')
        .run(ctx.auth.appId, event, handler, authType, offline ? 1 : 0);
      return true;
    },
  },
  'event.unbind': {
    ...EV,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const event = typeof p.EVENT === 'string' ? p.EVENT.trim().toUpperCase() : '';
      if (!event) throw errors.argument('EVENT');
      const offline = String(p.EVENT_TYPE ?? 'online').toLowerCase() === 'offline';
      const clauses = ['app_id = ?', 'event = ?', 'offline = ?'];
      const args: unknown[] = [ctx.auth.appId, event, offline ? 1 : 0];
      if (!offline) {
        const handler = typeof p.HANDLER === 'string' ? p.HANDLER.trim() : '';
        if (!handler) throw errors.argument('HANDLER');
        clauses.push('handler = ?');
        args.push(handler);
      }
      if (p.AUTH_TYPE !== undefined && p.AUTH_TYPE !== '') {
        clauses.push('auth_type = ?');
        args.push(toInt(p.AUTH_TYPE, 0));
      }
      const count = ctx.db.prepare(`DELETE FROM event_bindings WHERE ${clauses.join(' AND ')}`).run(...args).changes;
      return { count };
    },
  },
  'event.get': {
    ...EV,
    handler: (_params, ctx) => {
      const rows = ctx.db
        .prepare('SELECT * FROM event_bindings WHERE app_id = ? ORDER BY id')
        .all(ctx.auth.appId) as Binding[];
      return rows.map((r) => ({
        event: r.event,
        handler: r.handler,
        auth_type: String(r.auth_type),
        offline: r.offline,
      }));
    },
  },
  events: {
    scope: null,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const only = typeof p.SCOPE === 'string' && p.SCOPE ? p.SCOPE.toLowerCase() : null;
      const full = p.FULL !== undefined && isTruthy(p.FULL);
      return Object.entries(EVENT_SCOPES)
        .filter(([, scope]) => (only !== null ? scope === only : full || scope === null || ctx.auth.scopes.has(scope)))
        .map(([name]) => name);
    },
  },
  'event.test': {
    ...EV,
    handler: (_params, ctx) => {
      deliverEvent(
        { db: ctx.db, state: ctx.state, origin: ctx.origin },
        'ONAPPTEST',
        { LANGUAGE_ID: 'en' },
        ctx.auth.userId,
        ctx.auth.appId!,
      );
      return true;
    },
  },
  'event.offline.get': {
    ...EV,
    adminOnly: true,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const clear = p.CLEAR === undefined ? true : isTruthy(p.CLEAR);
      const limit = Math.min(Math.max(toInt(p.LIMIT, 50), 1), 1000);
      const where = offlineWhere(ctx, p.FILTER);
      const order =
        isPlainObject(p.ORDER) && String(Object.values(p.ORDER)[0]).toUpperCase() === 'DESC' ? 'id DESC' : 'id ASC';
      const rows = ctx.db
        .prepare(
          `SELECT * FROM offline_events WHERE ${where.sql} AND process_id IS NULL ORDER BY ${order} LIMIT ${limit}`,
        )
        .all(...where.params) as OfflineRow[];
      const events = rows.map((r) => offlineOut(r, false));
      const ids = JSON.stringify(rows.map((r) => r.id));
      if (clear) {
        ctx.db.prepare('DELETE FROM offline_events WHERE id IN (SELECT value FROM json_each(?))').run(ids);
        return { process_id: null, events };
      }
      const processId = typeof p.PROCESS_ID === 'string' && p.PROCESS_ID ? p.PROCESS_ID : randomToken(16);
      ctx.db
        .prepare('UPDATE offline_events SET process_id = ? WHERE id IN (SELECT value FROM json_each(?))')
        .run(processId, ids);
      return { process_id: rows.length ? processId : null, events };
    },
  },
  'event.offline.list': {
    ...EV,
    adminOnly: true,
    handler: (params, ctx) => {
      const where = offlineWhere(ctx, param(params, 'FILTER'));
      const page = listPage<OfflineRow>(ctx.db, {
        from: 'offline_events',
        where,
        orderBy: 'id ASC',
        start: param(params, 'start'),
      });
      return new ListResult(
        page.rows.map((r) => offlineOut(r, true)),
        page.total,
        page.next,
      );
    },
  },
  'event.offline.clear': {
    ...EV,
    adminOnly: true,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const processId = typeof p.PROCESS_ID === 'string' ? p.PROCESS_ID : '';
      if (!processId) throw errors.argument('PROCESS_ID');
      const ids = Array.isArray(p.ID) ? p.ID.map((v) => toInt(v, 0)) : p.ID !== undefined ? [toInt(p.ID, 0)] : null;
      if (p.MESSAGE_ID !== undefined) {
        const wanted = new Set((Array.isArray(p.MESSAGE_ID) ? p.MESSAGE_ID : [p.MESSAGE_ID]).map(String));
        const rows = ctx.db
          .prepare('SELECT * FROM offline_events WHERE app_id = ? AND process_id = ?')
          .all(ctx.auth.appId, processId) as OfflineRow[];
        for (const r of rows)
          if (wanted.has(String(offlineOut(r, false).MESSAGE_ID)))
            ctx.db.prepare('DELETE FROM offline_events WHERE id = ?').run(r.id);
        return true;
      }
      if (ids) {
        ctx.db
          .prepare(
            'DELETE FROM offline_events WHERE app_id = ? AND process_id = ? AND id IN (SELECT value FROM json_each(?))',
          )
          .run(ctx.auth.appId, processId, JSON.stringify(ids));
      } else {
        ctx.db.prepare('DELETE FROM offline_events WHERE app_id = ? AND process_id = ?').run(ctx.auth.appId, processId);
      }
      return true;
    },
  },
};
