import type { Db } from '../../db/database.ts';
import type { CallContext } from '../engine/context.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, isTruthy, toInt, upperKeys } from '../engine/params.ts';
import type { MethodTable } from '../engine/registry.ts';

/** Placement codes (placements-and-install.md §1) with the tool scope each needs besides `placement`. */
const CRM_TYPES = ['LEAD', 'DEAL', 'CONTACT', 'COMPANY', 'QUOTE', 'SMART_INVOICE'];
const CRM_SUFFIXES: Record<string, string[]> = {
  DETAIL_TAB: [...CRM_TYPES, 'ORDER', 'DYNAMIC'],
  DETAIL_TOOLBAR: [...CRM_TYPES, 'DYNAMIC'],
  DETAIL_ACTIVITY: [...CRM_TYPES, 'DYNAMIC'],
  ACTIVITY_TIMELINE_MENU: [...CRM_TYPES, 'DYNAMIC'],
  DOCUMENTGENERATOR_BUTTON: [...CRM_TYPES, 'DYNAMIC'],
  LIST_MENU: [...CRM_TYPES, 'ACTIVITY', 'DYNAMIC'],
  LIST_TOOLBAR: [...CRM_TYPES, 'DYNAMIC'],
  ROBOT_DESIGNER_TOOLBAR: ['LEAD', 'DEAL', 'SMART_INVOICE', 'DYNAMIC'],
};

const STATIC_PLACEMENTS: Record<string, string | null> = {
  CRM_FUNNELS_TOOLBAR: 'crm',
  CRM_ANALYTICS_MENU: 'crm',
  CRM_ANALYTICS_TOOLBAR: 'crm',
  CRM_DETAIL_SEARCH: 'crm',
  CRM_REQUISITE_AUTOCOMPLETE: 'crm',
  CRM_BANK_DETAIL_AUTOCOMPLETE: 'crm',
  LEFT_MENU: null,
  USER_PROFILE_MENU: 'user',
  USER_PROFILE_TOOLBAR: 'user',
  TASK_VIEW_TAB: 'task',
  TASK_VIEW_SIDEBAR: 'task',
  TASK_VIEW_TOP_PANEL: 'task',
  TASK_LIST_CONTEXT_MENU: 'task',
  TASK_USER_LIST_TOOLBAR: 'task',
  TASK_GROUP_LIST_TOOLBAR: 'task',
  TASK_ROBOT_DESIGNER_TOOLBAR: 'task',
  CALENDAR_GRIDVIEW: 'calendar',
  SONET_GROUP_DETAIL_TAB: 'sonet_group',
  SONET_GROUP_TOOLBAR: 'sonet_group',
  SONET_GROUP_ROBOT_DESIGNER_TOOLBAR: 'sonet_group',
  IM_TEXTAREA: 'im',
  IM_SIDEBAR: 'im',
  IM_CONTEXT_MENU: 'im',
  IM_NAVIGATION: 'im',
  IMMOBILE_CONTEXT_MENU: 'im',
  CALL_CARD: 'telephony',
  TELEPHONY_ANALYTICS_MENU: 'telephony',
  CONTACT_CENTER: 'contact_center',
  REST_APP_URI: null,
  PAGE_BACKGROUND_WORKER: null,
  BI_ANALYTICS_MENU: null,
};

const SINGLE_HANDLER = new Set(['REST_APP_URI', 'PAGE_BACKGROUND_WORKER']);

/** Bind options each placement declares; other placements discard `OPTIONS`. */
const DECLARED_OPTIONS: Record<string, string[]> = {
  TASK_VIEW_TAB: ['groupId'],
  TASK_VIEW_SIDEBAR: ['groupId'],
  TASK_VIEW_TOP_PANEL: ['groupId'],
  PAGE_BACKGROUND_WORKER: ['errorHandlerUrl'],
};

function tableExists(db: Db, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

/** Smart-process type ids (`crm_type` of the CRM family); null when that table does not exist. */
function smartProcessTypes(db: Db): number[] | null {
  if (!tableExists(db, 'crm_type')) return null;
  const rows = db.prepare(`SELECT json_extract(data, '$.ENTITY_TYPE_ID') AS t FROM crm_type`).all() as {
    t: number | null;
  }[];
  return rows.map((r) => Number(r.t)).filter((n) => Number.isInteger(n) && n > 0);
}

/** The tool scope of a placement code, `undefined` when the code does not exist. */
export function placementScope(db: Db, code: string): string | null | undefined {
  if (code in STATIC_PLACEMENTS) return STATIC_PLACEMENTS[code];
  if (!code.startsWith('CRM_')) return undefined;
  for (const [suffix, types] of Object.entries(CRM_SUFFIXES)) {
    if (!code.endsWith(`_${suffix}`)) continue;
    const type = code.slice(4, code.length - suffix.length - 1);
    const dyn = /^DYNAMIC_(\d+)$/.exec(type);
    if (dyn) {
      if (!types.includes('DYNAMIC')) return undefined;
      const known = smartProcessTypes(db);
      return known === null || known.includes(Number(dyn[1])) ? 'crm' : undefined;
    }
    if (types.includes(type)) return 'crm';
  }
  return undefined;
}

function allPlacements(db: Db): { code: string; scope: string | null }[] {
  const out: { code: string; scope: string | null }[] = [];
  const dynamic = smartProcessTypes(db) ?? [];
  for (const [suffix, types] of Object.entries(CRM_SUFFIXES)) {
    for (const t of types) {
      if (t === 'DYNAMIC') for (const id of dynamic) out.push({ code: `CRM_DYNAMIC_${id}_${suffix}`, scope: 'crm' });
      else out.push({ code: `CRM_${t}_${suffix}`, scope: 'crm' });
    }
  }
  for (const [code, scope] of Object.entries(STATIC_PLACEMENTS)) out.push({ code, scope });
  return out;
}

function hasScope(ctx: CallContext, scope: string | null): boolean {
  return scope === null || ctx.auth.scopes.has(scope);
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
    throw new RestError('ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported handler protocol', 400);
  if (!url.hostname) throw new RestError('ERROR_WRONG_HANDLER_URL', 'Wrong handler URL', 400);
  return handler;
}

function text(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

function langAll(raw: unknown): Record<string, { TITLE: string; DESCRIPTION: string; GROUP_NAME: string }> {
  const out: Record<string, { TITLE: string; DESCRIPTION: string; GROUP_NAME: string }> = {};
  if (!isPlainObject(raw)) return out;
  for (const [lang, v] of Object.entries(raw)) {
    if (!isPlainObject(v) || !/^[a-z]{2}$/i.test(lang)) continue;
    const u = upperKeys(v);
    out[lang.toLowerCase()] = {
      TITLE: text(u.TITLE),
      DESCRIPTION: text(u.DESCRIPTION),
      GROUP_NAME: text(u.GROUP_NAME),
    };
  }
  return out;
}

interface PlacementRow {
  id: number;
  placement: string;
  handler: string;
  title: string;
  description: string;
  group_name: string;
  lang_all: string;
  options: string;
  user_id: number;
}

function placementCode(raw: unknown): string {
  const code = text(raw).trim().toUpperCase();
  if (!code) throw errors.argument('PLACEMENT');
  if (code === 'DEFAULT') throw new RestError('ERROR_ARGUMENT', 'Wrong value', 400, { argument: 'PLACEMENT' });
  return code;
}

const P = { scope: 'placement', appOnly: true, appOnlyError: 'WRONG_AUTH_TYPE' } as const;

export const placementMethods: MethodTable = {
  'placement.bind': {
    ...P,
    adminOnly: true,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const code = placementCode(p.PLACEMENT);
      const scope = placementScope(ctx.db, code);
      if (scope === undefined || !hasScope(ctx, scope))
        throw new RestError('ERROR_PLACEMENT_NOT_FOUND', 'Placement not found', 400);
      const handler = checkHandler(p.HANDLER);
      const userId = toInt(p.USER_ID, 0);
      if (userId !== 0 && code !== 'PAGE_BACKGROUND_WORKER')
        throw new RestError('ERROR_PLACEMENT_USER_MODE', 'User mode is not available.', 400);
      const declared = DECLARED_OPTIONS[code] ?? [];
      const options: Record<string, unknown> = {};
      if (isPlainObject(p.OPTIONS)) for (const k of declared) if (p.OPTIONS[k] !== undefined) options[k] = p.OPTIONS[k];
      if (code === 'PAGE_BACKGROUND_WORKER' && !text(options.errorHandlerUrl)) {
        throw new RestError('EMPTY_ERROR_HANDLER_URL', 'Error handler URL is empty', 400);
      }
      const existing = ctx.db
        .prepare('SELECT * FROM placements WHERE app_id = ? AND placement = ?')
        .all(ctx.auth.appId, code) as PlacementRow[];
      const same = existing.find((r) => r.handler === handler && r.user_id === userId);
      if (!same && SINGLE_HANDLER.has(code) && existing.length > 0)
        throw new RestError('ERROR_PLACEMENT_MAX_COUNT', 'Placement max count: 1', 400);
      const title = text(p.TITLE);
      const description = text(p.DESCRIPTION);
      const group = text(p.GROUP_NAME);
      let langs = langAll(p.LANG_ALL);
      if (Object.keys(langs).length === 0 && (title || description || group))
        langs = { en: { TITLE: title, DESCRIPTION: description, GROUP_NAME: group } };
      const values = [title, description, group, JSON.stringify(langs), JSON.stringify(options)];
      if (same) {
        ctx.db
          .prepare(
            'UPDATE placements SET title = ?, description = ?, group_name = ?, lang_all = ?, options = ? WHERE id = ?',
          )
          .run(...values, same.id);
      } else {
        ctx.db
          .prepare(
            'INSERT INTO placements (app_id, placement, handler, title, description, group_name, lang_all, options, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(ctx.auth.appId, code, handler, ...values, userId);
      }
      return true;
    },
  },
  'placement.unbind': {
    ...P,
    adminOnly: true,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const code = placementCode(p.PLACEMENT);
      const clauses = ['app_id = ?', 'placement = ?'];
      const args: unknown[] = [ctx.auth.appId, code];
      const handler = text(p.HANDLER).trim();
      if (handler) {
        clauses.push('handler = ?');
        args.push(handler);
      }
      if (p.USER_ID !== undefined && p.USER_ID !== '') {
        clauses.push('user_id = ?');
        args.push(toInt(p.USER_ID, 0));
      }
      const removed = ctx.db.prepare(`DELETE FROM placements WHERE ${clauses.join(' AND ')}`).run(...args).changes;
      // The portal counts found plus deleted rows.
      return { count: removed * 2 };
    },
  },
  'placement.get': {
    ...P,
    adminOnly: true,
    handler: (_params, ctx) => {
      const rows = ctx.db
        .prepare('SELECT * FROM placements WHERE app_id = ? ORDER BY id')
        .all(ctx.auth.appId) as PlacementRow[];
      return rows.map((r) => {
        const options = JSON.parse(r.options) as Record<string, unknown>;
        const langs = JSON.parse(r.lang_all) as Record<string, unknown>;
        return {
          placement: r.placement,
          userId: r.user_id,
          handler: r.handler,
          options: Object.keys(options).length ? options : [],
          title: r.title,
          description: r.description,
          langAll: Object.keys(langs).length ? langs : [],
        };
      });
    },
  },
  'placement.list': {
    scope: 'placement',
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const only = typeof p.SCOPE === 'string' && p.SCOPE ? p.SCOPE.toLowerCase() : null;
      const full = p.FULL !== undefined && isTruthy(p.FULL);
      return allPlacements(ctx.db)
        .filter((x) => (only !== null ? x.scope === only : full || hasScope(ctx, x.scope)))
        .map((x) => x.code);
    },
  },
};
