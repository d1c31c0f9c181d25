import { ListResult } from '../engine/registry.ts';
import { errors } from '../engine/errors.ts';
import { isTruthy, param, upperKeys } from '../engine/params.ts';
import { formatIso } from '../engine/time.ts';
import { ALL_SCOPES, loadApp } from '../engine/auth.ts';
import { scopesOf } from '../engine/registry.ts';
import type { Family } from './family.ts';

/** `scope`, `methods`, `method.get`, `server.time`, `app.info`, `profile`, `user.admin`, `user.access`, `feature.get`. */
export const systemFamily: Family = {
  name: 'system',
  methods: {
    'server.time': { scope: null, handler: () => formatIso(Date.now()) },
    scope: {
      scope: null,
      handler: (params, ctx) => {
        const p = upperKeys(params);
        if (p.FULL !== undefined && isTruthy(p.FULL)) return [...ALL_SCOPES];
        return [...ctx.auth.scopes].filter((s) => (ALL_SCOPES as readonly string[]).includes(s));
      },
    },
    methods: {
      scope: null,
      handler: (params, ctx) => {
        const p = upperKeys(params);
        const only = typeof p.SCOPE === 'string' ? p.SCOPE.toLowerCase() : null;
        const full = p.FULL !== undefined && isTruthy(p.FULL);
        return ctx.registry
          .entries()
          .filter(([, def]) => {
            const scopes = scopesOf(def);
            if (only !== null) return only === '' ? scopes.length === 0 : scopes.includes(only);
            return full || scopes.length === 0 || scopes.some((s) => ctx.auth.scopes.has(s));
          })
          .map(([name]) => name);
      },
    },
    'method.get': {
      scope: null,
      handler: (params, ctx) => {
        const name = String(param(params, 'name') ?? '');
        const def = ctx.registry.get(name.toLowerCase());
        const scopes = def ? scopesOf(def) : [];
        return {
          isExisting: !!def,
          isAvailable: !!def && (scopes.length === 0 || scopes.some((s) => ctx.auth.scopes.has(s))),
        };
      },
    },
    'feature.get': { scope: null, handler: () => ({ value: 'Y' }) },
    'app.info': {
      scope: null,
      handler: (_params, ctx) => {
        if (ctx.auth.kind === 'webhook') return { SCOPE: [...ctx.auth.scopes], LICENSE: 'en_ent10000' };
        const app = loadApp(ctx.db, ctx.auth.appId!);
        if (!app) throw errors.applicationContextRequired();
        return {
          ID: app.id,
          CODE: app.code,
          VERSION: app.version,
          STATUS: app.status,
          INSTALLED: app.installed === 1,
          PAYMENT_EXPIRED: 'N',
          DAYS: null,
          LANGUAGE_ID: 'en',
          LICENSE: 'en_ent10000',
          LICENSE_TYPE: 'ent10000',
          LICENSE_FAMILY: 'ent',
        };
      },
    },
    profile: {
      scope: null,
      handler: (_params, ctx) => {
        const row = ctx.db.prepare('SELECT data FROM users WHERE id = ?').get(ctx.auth.userId) as
          { data: string } | undefined;
        if (!row) return [];
        const u = JSON.parse(row.data) as Record<string, unknown>;
        if (u.ACTIVE === false) return [];
        const tz = typeof u.TIME_ZONE === 'string' ? u.TIME_ZONE : '';
        const out: Record<string, unknown> = {
          ID: String(ctx.auth.userId),
          ADMIN: ctx.auth.isAdmin,
          NAME: u.NAME ?? '',
          LAST_NAME: u.LAST_NAME ?? '',
          PERSONAL_GENDER: u.PERSONAL_GENDER ?? '',
          TIME_ZONE: tz,
          TIME_ZONE_OFFSET: 0,
        };
        if (u.PERSONAL_PHOTO) out.PERSONAL_PHOTO = u.PERSONAL_PHOTO;
        return out;
      },
    },
    'user.admin': { scope: null, handler: (_p, ctx) => ctx.auth.isAdmin },
    'user.access': {
      scope: null,
      handler: (params, ctx) => {
        const codes = param(params, 'ACCESS');
        const list = Array.isArray(codes) ? codes.map(String) : typeof codes === 'string' ? [codes] : [];
        if (list.length === 0) throw errors.argument('ACCESS');
        return list.some((c) => c === 'AU' || c === `U${ctx.auth.userId}` || (c === 'G1' && ctx.auth.isAdmin));
      },
    },
  },
};

void ListResult;
