import type { Db } from '../../db/database.ts';
import { phpEmpty } from '../engine/envelope.ts';
import { RestError } from '../engine/errors.ts';
import { isPlainObject, param, type Params } from '../engine/params.ts';
import type { MethodTable } from '../engine/registry.ts';

/** `app.option.*` / `user.option.*`: the core `app_options` / `user_options` tables, values as JSON text. */

function optionsParam(params: Params): Record<string, unknown> {
  const explicit = param(params, 'options');
  if (explicit !== undefined) {
    if (isPlainObject(explicit) && Object.keys(explicit).length > 0) return explicit;
    throw new RestError('ArgumentNullException', 'options is empty', 400);
  }
  // The map may also come at the top level (`app.option.set?key=value`).
  const top: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (!/^\d+$/.test(k)) top[k] = v;
  if (Object.keys(top).length === 0) throw new RestError('ArgumentNullException', 'options is empty', 400);
  return top;
}

function readMap(rows: { name: string; value: string }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of rows) {
    try {
      out[r.name] = JSON.parse(r.value) as unknown;
    } catch {
      out[r.name] = r.value;
    }
  }
  return out;
}

function answer(map: Record<string, unknown>, option: unknown): unknown {
  if (option === undefined || option === null || option === '') return phpEmpty(map);
  const key = String(option);
  return key in map ? map[key] : null;
}

export function appOptions(db: Db, appId: number): Record<string, unknown> {
  return readMap(
    db.prepare('SELECT name, value FROM app_options WHERE app_id = ? ORDER BY name').all(appId) as {
      name: string;
      value: string;
    }[],
  );
}

export function userOptions(db: Db, appId: number, userId: number): Record<string, unknown> {
  return readMap(
    db
      .prepare('SELECT name, value FROM user_options WHERE app_id = ? AND user_id = ? ORDER BY name')
      .all(appId, userId) as { name: string; value: string }[],
  );
}

/** Stores one app option (JSON text): shared by `app.option.set` and the frame's `setAppOption`. */
export function setAppOption(db: Db, appId: number, name: string, value: unknown): void {
  db.prepare(
    'INSERT INTO app_options (app_id, name, value) VALUES (?, ?, ?) ON CONFLICT(app_id, name) DO UPDATE SET value = excluded.value',
  ).run(appId, name, JSON.stringify(value ?? null));
}

/** Stores one user option (JSON text): shared by `user.option.set` and the frame's `setUserOption`. */
export function setUserOption(db: Db, appId: number, userId: number, name: string, value: unknown): void {
  db.prepare(
    'INSERT INTO user_options (app_id, user_id, name, value) VALUES (?, ?, ?, ?) ON CONFLICT(app_id, user_id, name) DO UPDATE SET value = excluded.value',
  ).run(appId, userId, name, JSON.stringify(value ?? null));
}

export const optionMethods: MethodTable = {
  'app.option.set': {
    scope: null,
    appOnly: true,
    adminOnly: true,
    handler: (params, ctx) => {
      const st = ctx.db.prepare(
        'INSERT INTO app_options (app_id, name, value) VALUES (?, ?, ?) ON CONFLICT(app_id, name) DO UPDATE SET value = excluded.value',
      );
      for (const [name, value] of Object.entries(optionsParam(params)))
        st.run(ctx.auth.appId, name, JSON.stringify(value ?? null));
      return true;
    },
  },
  'app.option.get': {
    scope: null,
    appOnly: true,
    handler: (params, ctx) => answer(appOptions(ctx.db, ctx.auth.appId!), param(params, 'option')),
  },
  'user.option.set': {
    scope: null,
    appOnly: true,
    handler: (params, ctx) => {
      const st = ctx.db.prepare(
        'INSERT INTO user_options (app_id, user_id, name, value) VALUES (?, ?, ?, ?) ON CONFLICT(app_id, user_id, name) DO UPDATE SET value = excluded.value',
      );
      for (const [name, value] of Object.entries(optionsParam(params)))
        st.run(ctx.auth.appId, ctx.auth.userId, name, JSON.stringify(value ?? null));
      return true;
    },
  },
  'user.option.get': {
    scope: null,
    appOnly: true,
    handler: (params, ctx) => {
      const rows = ctx.db
        .prepare('SELECT name, value FROM user_options WHERE app_id = ? AND user_id = ? ORDER BY name')
        .all(ctx.auth.appId, ctx.auth.userId) as { name: string; value: string }[];
      return answer(readMap(rows), param(params, 'option'));
    },
  },
};
