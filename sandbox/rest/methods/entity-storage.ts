import type { Db } from '../../db/database.ts';
import { loadApp } from '../engine/auth.ts';
import type { CallContext } from '../engine/context.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, param, toInt, upperKeys, type Params } from '../engine/params.ts';
import {
  compileFilter,
  compileOrder,
  condition,
  jsonField,
  listPage,
  type Column,
  type ColumnResolver,
  type SqlPart,
} from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { formatIso, nowMs, parseDateInput, toStoredDateTime } from '../engine/time.ts';

/**
 * App data storages (`entity.*`), private to the app that created them.
 * - `entity_storages (id, app_id, entity, name, access JSON {code: R|W|X})`
 * - `entity_properties (id, storage_id, code, name, type S|N|F, sort)`
 * - `entity_sections (id, storage_id, data JSON)` and `entity_items (id, storage_id, data JSON)`;
 *   item data holds UPPER_CASE fields, datetimes as UTC ISO and `PROPERTY_VALUES {code: value}`.
 */
export function entitySchema(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS entity_storages (
      id INTEGER PRIMARY KEY AUTOINCREMENT, app_id INTEGER NOT NULL, entity TEXT NOT NULL, name TEXT NOT NULL,
      access TEXT NOT NULL DEFAULT '{}', UNIQUE (app_id, entity)
    );
    CREATE TABLE IF NOT EXISTS entity_properties (
      id INTEGER PRIMARY KEY AUTOINCREMENT, storage_id INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
      type TEXT NOT NULL DEFAULT 'S', sort INTEGER NOT NULL DEFAULT 500
    );
    CREATE TABLE IF NOT EXISTS entity_sections (id INTEGER PRIMARY KEY AUTOINCREMENT, storage_id INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS entity_items (id INTEGER PRIMARY KEY AUTOINCREMENT, storage_id INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS entity_items_storage ON entity_items (storage_id);
  `);
}

interface Storage {
  id: number;
  app_id: number;
  entity: string;
  name: string;
  access: string;
}

interface Property {
  id: number;
  storage_id: number;
  code: string;
  name: string;
  type: string;
  sort: number;
}

type Doc = Record<string, unknown>;

const LEVELS = ['R', 'W', 'X'] as const;
type Level = (typeof LEVELS)[number];

const notFound = () => new RestError('ERROR_ENTITY_NOT_FOUND', 'Entity not found', 400);
const cleanCode = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v).replace(/[^a-zA-Z0-9_]/g, '') : '';

/** `50 - strlen("APP_<clientId>_")`, 13 for the usual client ids. */
function maxEntityLength(ctx: CallContext): number {
  const app = loadApp(ctx.db, ctx.auth.appId!);
  return Math.max(1, 50 - `APP_${app?.client_id ?? ''}_`.length);
}

function validEntityCode(ctx: CallContext, raw: unknown, argName = 'ENTITY'): string {
  const code = cleanCode(raw);
  if (!code) throw errors.argument(argName);
  const max = maxEntityLength(ctx);
  if (code.length > max)
    throw new RestError('ERROR_ARGUMENT', `Entity code is too long. Max length is ${max} characters.`, 400, {
      argument: argName,
    });
  return code;
}

function findStorage(ctx: CallContext, raw: unknown): Storage | null {
  const code = cleanCode(raw);
  if (!code) return null;
  return (
    (ctx.db.prepare('SELECT * FROM entity_storages WHERE app_id = ? AND entity = ?').get(ctx.auth.appId, code) as
      Storage | undefined) ?? null
  );
}

function requireStorage(ctx: CallContext, params: Params): Storage {
  const raw = param(params, 'ENTITY');
  if (!cleanCode(raw)) throw errors.argument('ENTITY');
  const s = findStorage(ctx, raw);
  if (!s) throw notFound();
  return s;
}

function userLevel(ctx: CallContext, s: Storage): number {
  if (ctx.auth.isAdmin) return 3;
  const access = JSON.parse(s.access) as Record<string, string>;
  const codes = [`U${ctx.auth.userId}`, 'AU', 'G2'];
  let best = 0;
  for (const c of codes) best = Math.max(best, LEVELS.indexOf(access[c] as Level) + 1);
  return best;
}

function requireLevel(ctx: CallContext, s: Storage, level: Level): void {
  if (userLevel(ctx, s) < LEVELS.indexOf(level) + 1) throw errors.accessDenied();
}

function accessMap(raw: unknown, creator: number | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (isPlainObject(raw)) {
    for (const [code, level] of Object.entries(raw)) {
      const l = String(level).toUpperCase();
      if ((LEVELS as readonly string[]).includes(l) && /^(AU|G\d+|U\d+|D\d+|DR\d+|SG\d+(_[AEK])?)$/.test(code))
        out[code] = l;
    }
  }
  if (creator !== null) out[`U${creator}`] = 'X';
  return out;
}

function properties(db: Db, storageId: number): Property[] {
  return db
    .prepare('SELECT * FROM entity_properties WHERE storage_id = ? ORDER BY sort, id')
    .all(storageId) as Property[];
}

const storageOut = (s: Storage) => ({
  ID: String(s.id),
  IBLOCK_TYPE_ID: 'rest_entity',
  ENTITY: s.entity,
  NAME: s.name,
});

const propertyOut = (p: Property) => ({ PROPERTY: p.code, NAME: p.name, TYPE: p.type, SORT: String(p.sort) });

const dateOut = (v: unknown) => {
  const ms = typeof v === 'string' && v ? parseDateInput(v) : null;
  return ms === null ? '' : formatIso(ms);
};
const strOrNull = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));

function itemOut(s: Storage, props: Property[], id: number, d: Doc): Doc {
  const out: Doc = {
    ID: String(id),
    TIMESTAMP_X: dateOut(d.TIMESTAMP_X),
    MODIFIED_BY: String(d.MODIFIED_BY ?? ''),
    DATE_CREATE: dateOut(d.DATE_CREATE),
    CREATED_BY: String(d.CREATED_BY ?? ''),
    ACTIVE: d.ACTIVE === 'N' ? 'N' : 'Y',
    DATE_ACTIVE_FROM: dateOut(d.DATE_ACTIVE_FROM),
    DATE_ACTIVE_TO: dateOut(d.DATE_ACTIVE_TO),
    SORT: String(d.SORT ?? 500),
    NAME: String(d.NAME ?? ''),
    PREVIEW_PICTURE: strOrNull(d.PREVIEW_PICTURE),
    PREVIEW_TEXT: strOrNull(d.PREVIEW_TEXT),
    DETAIL_PICTURE: strOrNull(d.DETAIL_PICTURE),
    DETAIL_TEXT: strOrNull(d.DETAIL_TEXT),
    CODE: strOrNull(d.CODE),
    ENTITY: s.entity,
    SECTION: strOrNull(d.SECTION),
  };
  if (props.length > 0) {
    const values = isPlainObject(d.PROPERTY_VALUES) ? d.PROPERTY_VALUES : {};
    const pv: Doc = {};
    for (const p of props) {
      const v = values[p.code];
      pv[p.code] = v === undefined || v === null ? null : Array.isArray(v) ? v.map(String) : String(v);
    }
    out.PROPERTY_VALUES = pv;
  }
  return out;
}

function sectionOut(s: Storage, id: number, d: Doc): Doc {
  return {
    ID: String(id),
    CODE: strOrNull(d.CODE),
    TIMESTAMP_X: dateOut(d.TIMESTAMP_X),
    DATE_CREATE: dateOut(d.DATE_CREATE),
    CREATED_BY: String(d.CREATED_BY ?? ''),
    MODIFIED_BY: String(d.MODIFIED_BY ?? ''),
    ACTIVE: d.ACTIVE === 'N' ? 'N' : 'Y',
    SORT: String(d.SORT ?? 500),
    NAME: String(d.NAME ?? ''),
    PICTURE: null,
    DETAIL_PICTURE: null,
    DESCRIPTION: strOrNull(d.DESCRIPTION),
    ENTITY: s.entity,
    SECTION: strOrNull(d.SECTION),
  };
}

/** iblock `?FIELD` is a logic search (`a | b`), not a null check: handle it for every column. */
function withSearch(base: Column): Column {
  return {
    ...base,
    custom: (op, value) => {
      if (op === 'null?') {
        const terms = String(value ?? '')
          .split('|')
          .map((t) => t.trim())
          .filter(Boolean);
        if (terms.length === 0) return { sql: '1', params: [] };
        return {
          sql: `(${terms.map(() => `${base.sql} LIKE ? ESCAPE '\\'`).join(' OR ')})`,
          params: terms.map((t) => `%${t.replace(/[%_\\]/g, (c) => `\\${c}`)}%`),
        };
      }
      return condition(base, op, value);
    },
  };
}

function itemResolver(props: Property[], section: boolean): ColumnResolver {
  return (field) => {
    const f = field.toUpperCase();
    if (f === 'ID') return withSearch({ sql: 'id', type: 'int' });
    if (['SORT', 'CREATED_BY', 'MODIFIED_BY', 'SECTION', 'SECTION_ID', 'IBLOCK_SECTION_ID'].includes(f)) {
      return withSearch({
        sql: jsonField(f.startsWith('SECTION') || f === 'IBLOCK_SECTION_ID' ? 'SECTION' : f),
        type: 'int',
      });
    }
    if (['DATE_ACTIVE_FROM', 'DATE_ACTIVE_TO', 'DATE_CREATE', 'TIMESTAMP_X'].includes(f))
      return withSearch({ sql: jsonField(f), type: 'datetime' });
    if (f === 'ACTIVE') return withSearch({ sql: `COALESCE(${jsonField('ACTIVE')}, 'Y')`, type: 'bool' });
    if (['NAME', 'CODE', 'PREVIEW_TEXT', 'DETAIL_TEXT', 'DESCRIPTION'].includes(f))
      return withSearch({ sql: jsonField(f), type: 'string' });
    if (!section && f.startsWith('PROPERTY_')) {
      const code = field.slice('PROPERTY_'.length);
      const p = props.find((x) => x.code === code) ?? props.find((x) => x.code.toUpperCase() === code.toUpperCase());
      if (!p) return null;
      const sql = `json_extract(data, '$.PROPERTY_VALUES."${p.code}"')`;
      return withSearch(p.type === 'N' ? { sql: `CAST(${sql} AS REAL)`, type: 'float' } : { sql, type: 'string' });
    }
    return null;
  };
}

/** Item/section fields taken from add/update params. */
function itemFields(p: Params, section: boolean): Doc {
  const out: Doc = {};
  const text = ['NAME', 'CODE', section ? 'DESCRIPTION' : 'PREVIEW_TEXT', ...(section ? [] : ['DETAIL_TEXT'])];
  for (const f of text) if (p[f] !== undefined) out[f] = p[f] === null ? null : String(p[f]);
  if (p.ACTIVE !== undefined) out.ACTIVE = ['N', 'n', '0', 'false', false, 0].includes(p.ACTIVE as string) ? 'N' : 'Y';
  if (p.SORT !== undefined) out.SORT = toInt(p.SORT, 500);
  if (p.SECTION !== undefined) out.SECTION = toInt(p.SECTION, 0) || null;
  if (!section) {
    for (const f of ['DATE_ACTIVE_FROM', 'DATE_ACTIVE_TO']) {
      if (p[f] === undefined) continue;
      const ms = parseDateInput(p[f]);
      out[f] = ms === null ? '' : toStoredDateTime(ms);
    }
    for (const f of ['PREVIEW_PICTURE', 'DETAIL_PICTURE']) if (p[f] !== undefined && p[f] !== '') out[f] = null;
  }
  return out;
}

function propertyValues(props: Property[], raw: unknown): Doc {
  const out: Doc = {};
  if (!isPlainObject(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    const p = props.find((x) => x.code === key) ?? props.find((x) => x.code.toUpperCase() === key.toUpperCase());
    if (!p) continue;
    out[p.code] =
      value === null || value === ''
        ? null
        : Array.isArray(value)
          ? value.map(String)
          : isPlainObject(value)
            ? JSON.stringify(value)
            : String(value);
  }
  return out;
}

function listRows(
  ctx: CallContext,
  table: string,
  s: Storage,
  params: Params,
  resolver: ColumnResolver,
): { rows: { id: number; data: string }[]; total: number; next: number | undefined } {
  const filter = compileFilter(param(params, 'FILTER'), resolver, { allowLogic: true });
  const where: SqlPart = { sql: `storage_id = ? AND (${filter.sql})`, params: [s.id, ...filter.params] };
  const orderBy = compileOrder(param(params, 'SORT'), resolver, { defaultOrder: `${jsonField('SORT')} ASC, id ASC` });
  return listPage<{ id: number; data: string }>(ctx.db, {
    from: table,
    where,
    orderBy,
    start: param(params, 'start'),
    flavour: 'page',
    select: 'id, data',
  });
}

function loadRow(db: Db, table: string, s: Storage, id: number): Doc | null {
  const row = db.prepare(`SELECT data FROM ${table} WHERE id = ? AND storage_id = ?`).get(id, s.id) as
    { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Doc) : null;
}

function requireId(p: Params): number {
  const id = toInt(p.ID, 0);
  if (id <= 0) throw errors.argument('ID');
  return id;
}

const E = { scope: 'entity', appOnly: true } as const;

export const entityMethods: MethodTable = {
  'entity.add': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const code = validEntityCode(ctx, p.ENTITY);
      const name = typeof p.NAME === 'string' || typeof p.NAME === 'number' ? String(p.NAME).trim() : '';
      if (!name) throw errors.argument('NAME');
      if (findStorage(ctx, code)) throw new RestError('ERROR_ENTITY_ALREADY_EXISTS', 'Entity already exists', 400);
      ctx.db
        .prepare('INSERT INTO entity_storages (app_id, entity, name, access) VALUES (?, ?, ?, ?)')
        .run(ctx.auth.appId, code, name, JSON.stringify(accessMap(p.ACCESS, ctx.auth.userId)));
      return true;
    },
  },
  'entity.get': {
    ...E,
    handler: (params, ctx) => {
      const raw = param(params, 'ENTITY');
      if (raw !== undefined && cleanCode(raw) !== '') {
        const s = findStorage(ctx, raw);
        if (!s || userLevel(ctx, s) < 1) throw notFound();
        return storageOut(s);
      }
      const all = ctx.db
        .prepare('SELECT * FROM entity_storages WHERE app_id = ? ORDER BY id')
        .all(ctx.auth.appId) as Storage[];
      return all.filter((s) => userLevel(ctx, s) >= 1).map(storageOut);
    },
  },
  'entity.update': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'X');
      let entity = s.entity;
      if (p.ENTITY_NEW !== undefined && cleanCode(p.ENTITY_NEW) !== s.entity) {
        entity = validEntityCode(ctx, p.ENTITY_NEW, 'ENTITY_NEW');
        if (findStorage(ctx, entity)) throw new RestError('ERROR_ENTITY_ALREADY_EXISTS', 'Entity already exists', 400);
      }
      const name = typeof p.NAME === 'string' && p.NAME.trim() ? p.NAME.trim() : s.name;
      const access = p.ACCESS !== undefined ? JSON.stringify(accessMap(p.ACCESS, null)) : s.access;
      ctx.db
        .prepare('UPDATE entity_storages SET entity = ?, name = ?, access = ? WHERE id = ?')
        .run(entity, name, access, s.id);
      return true;
    },
  },
  'entity.delete': {
    ...E,
    handler: (params, ctx) => {
      const s = requireStorage(ctx, params);
      requireLevel(ctx, s, 'X');
      deleteStorage(ctx.db, s.id);
      return true;
    },
  },
  'entity.rights': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      if (!cleanCode(p.ENTITY)) throw errors.argument('ENTITY');
      const s = findStorage(ctx, p.ENTITY);
      if (!s) return null;
      if (p.ACCESS !== undefined) {
        requireLevel(ctx, s, 'X');
        const access = accessMap(p.ACCESS, null);
        ctx.db.prepare('UPDATE entity_storages SET access = ? WHERE id = ?').run(JSON.stringify(access), s.id);
        return access;
      }
      requireLevel(ctx, s, 'R');
      return JSON.parse(s.access) as unknown;
    },
  },

  'entity.item.add': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'W');
      const fields = itemFields(p, false);
      if (!fields.NAME || String(fields.NAME).trim() === '') throw errors.core('Please enter the element name.<br>');
      const props = properties(ctx.db, s.id);
      const now = toStoredDateTime(nowMs());
      const data: Doc = {
        ACTIVE: 'Y',
        SORT: 500,
        ...fields,
        CREATED_BY: ctx.auth.userId,
        MODIFIED_BY: ctx.auth.userId,
        DATE_CREATE: now,
        TIMESTAMP_X: now,
        PROPERTY_VALUES: propertyValues(props, p.PROPERTY_VALUES),
      };
      const info = ctx.db
        .prepare('INSERT INTO entity_items (storage_id, data) VALUES (?, ?)')
        .run(s.id, JSON.stringify(data));
      return Number(info.lastInsertRowid);
    },
  },
  'entity.item.get': {
    ...E,
    handler: (params, ctx) => {
      const s = requireStorage(ctx, params);
      requireLevel(ctx, s, 'R');
      const props = properties(ctx.db, s.id);
      const page = listRows(ctx, 'entity_items', s, params, itemResolver(props, false));
      return new ListResult(
        page.rows.map((r) => itemOut(s, props, r.id, JSON.parse(r.data) as Doc)),
        page.total,
        page.next,
      );
    },
  },
  'entity.item.update': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'W');
      const id = requireId(p);
      const current = loadRow(ctx.db, 'entity_items', s, id);
      if (!current) throw errors.core('Element not found');
      const fields = itemFields(p, false);
      if (fields.NAME !== undefined && String(fields.NAME ?? '').trim() === '')
        throw errors.core('Please enter the element name.<br>');
      const props = properties(ctx.db, s.id);
      const values = {
        ...(isPlainObject(current.PROPERTY_VALUES) ? current.PROPERTY_VALUES : {}),
        ...propertyValues(props, p.PROPERTY_VALUES),
      };
      const data: Doc = {
        ...current,
        ...fields,
        MODIFIED_BY: ctx.auth.userId,
        TIMESTAMP_X: toStoredDateTime(nowMs()),
        PROPERTY_VALUES: values,
      };
      ctx.db.prepare('UPDATE entity_items SET data = ? WHERE id = ?').run(JSON.stringify(data), id);
      return true;
    },
  },
  'entity.item.delete': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'W');
      const id = requireId(p);
      if (ctx.db.prepare('DELETE FROM entity_items WHERE id = ? AND storage_id = ?').run(id, s.id).changes === 0)
        throw errors.core('Element not found');
      return true;
    },
  },

  'entity.item.property.add': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'X');
      const code = cleanCode(p.PROPERTY);
      if (!code) throw errors.argument('PROPERTY');
      const name = typeof p.NAME === 'string' && p.NAME.trim() ? p.NAME.trim() : '';
      if (!name) throw errors.argument('NAME');
      const type = ['S', 'N', 'F'].includes(String(p.TYPE ?? 'S').toUpperCase())
        ? String(p.TYPE ?? 'S').toUpperCase()
        : 'S';
      if (properties(ctx.db, s.id).some((x) => x.code.toUpperCase() === code.toUpperCase())) {
        throw new RestError('ERROR_PROPERTY_ALREADY_EXISTS', 'Property already exists', 400);
      }
      ctx.db
        .prepare('INSERT INTO entity_properties (storage_id, code, name, type, sort) VALUES (?, ?, ?, ?, ?)')
        .run(s.id, code, name, type, toInt(p.SORT, 500));
      return true;
    },
  },
  'entity.item.property.get': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'R');
      const props = properties(ctx.db, s.id);
      if (p.PROPERTY !== undefined && cleanCode(p.PROPERTY) !== '') {
        const found = props.find((x) => x.code === cleanCode(p.PROPERTY));
        if (!found) throw new RestError('ERROR_PROPERTY_NOT_FOUND', 'Property not found', 400);
        return propertyOut(found);
      }
      return props.map(propertyOut);
    },
  },
  'entity.item.property.update': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'X');
      const code = cleanCode(p.PROPERTY);
      if (!code) throw errors.argument('PROPERTY');
      const props = properties(ctx.db, s.id);
      const found = props.find((x) => x.code === code);
      if (!found) throw new RestError('ERROR_PROPERTY_NOT_FOUND', 'Property not found', 400);
      const newCode =
        p.PROPERTY_NEW !== undefined && cleanCode(p.PROPERTY_NEW) ? cleanCode(p.PROPERTY_NEW) : found.code;
      if (newCode !== found.code && props.some((x) => x.code.toUpperCase() === newCode.toUpperCase())) {
        throw new RestError('ERROR_PROPERTY_ALREADY_EXISTS', 'Property already exists', 400);
      }
      const type =
        p.TYPE !== undefined && ['S', 'N', 'F'].includes(String(p.TYPE).toUpperCase())
          ? String(p.TYPE).toUpperCase()
          : found.type;
      const name = typeof p.NAME === 'string' && p.NAME.trim() ? p.NAME.trim() : found.name;
      const sort = p.SORT !== undefined ? toInt(p.SORT, found.sort) : found.sort;
      ctx.db
        .prepare('UPDATE entity_properties SET code = ?, name = ?, type = ?, sort = ? WHERE id = ?')
        .run(newCode, name, type, sort, found.id);
      if (newCode !== found.code) renamePropertyValues(ctx.db, s.id, found.code, newCode);
      return true;
    },
  },
  'entity.item.property.delete': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'X');
      const code = cleanCode(p.PROPERTY);
      if (!code) throw errors.argument('PROPERTY');
      const found = properties(ctx.db, s.id).find((x) => x.code === code);
      if (!found) throw new RestError('ERROR_PROPERTY_NOT_FOUND', 'Property not found', 400);
      ctx.db.prepare('DELETE FROM entity_properties WHERE id = ?').run(found.id);
      renamePropertyValues(ctx.db, s.id, found.code, null);
      return true;
    },
  },

  'entity.section.add': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'W');
      const fields = itemFields(p, true);
      if (!fields.NAME || String(fields.NAME).trim() === '') throw errors.argument('NAME');
      const now = toStoredDateTime(nowMs());
      const data: Doc = {
        ACTIVE: 'Y',
        SORT: 500,
        ...fields,
        CREATED_BY: ctx.auth.userId,
        MODIFIED_BY: ctx.auth.userId,
        DATE_CREATE: now,
        TIMESTAMP_X: now,
      };
      return Number(
        ctx.db.prepare('INSERT INTO entity_sections (storage_id, data) VALUES (?, ?)').run(s.id, JSON.stringify(data))
          .lastInsertRowid,
      );
    },
  },
  'entity.section.get': {
    ...E,
    handler: (params, ctx) => {
      const s = requireStorage(ctx, params);
      requireLevel(ctx, s, 'R');
      const page = listRows(ctx, 'entity_sections', s, params, itemResolver([], true));
      return new ListResult(
        page.rows.map((r) => sectionOut(s, r.id, JSON.parse(r.data) as Doc)),
        page.total,
        page.next,
      );
    },
  },
  'entity.section.update': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'W');
      const id = requireId(p);
      const current = loadRow(ctx.db, 'entity_sections', s, id);
      if (!current) throw errors.core('Section not found');
      const data: Doc = {
        ...current,
        ...itemFields(p, true),
        MODIFIED_BY: ctx.auth.userId,
        TIMESTAMP_X: toStoredDateTime(nowMs()),
      };
      ctx.db.prepare('UPDATE entity_sections SET data = ? WHERE id = ?').run(JSON.stringify(data), id);
      return true;
    },
  },
  'entity.section.delete': {
    ...E,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const s = requireStorage(ctx, p);
      requireLevel(ctx, s, 'W');
      const id = requireId(p);
      if (ctx.db.prepare('DELETE FROM entity_sections WHERE id = ? AND storage_id = ?').run(id, s.id).changes === 0)
        throw errors.core('Section not found');
      return true;
    },
  },
};

function renamePropertyValues(db: Db, storageId: number, from: string, to: string | null): void {
  const rows = db.prepare('SELECT id, data FROM entity_items WHERE storage_id = ?').all(storageId) as {
    id: number;
    data: string;
  }[];
  const st = db.prepare('UPDATE entity_items SET data = ? WHERE id = ?');
  for (const r of rows) {
    const d = JSON.parse(r.data) as Doc;
    if (!isPlainObject(d.PROPERTY_VALUES) || !(from in d.PROPERTY_VALUES)) continue;
    const values = { ...d.PROPERTY_VALUES };
    const v = values[from];
    delete values[from];
    if (to !== null) values[to] = v;
    st.run(JSON.stringify({ ...d, PROPERTY_VALUES: values }), r.id);
  }
}

export function deleteStorage(db: Db, storageId: number): void {
  db.prepare('DELETE FROM entity_items WHERE storage_id = ?').run(storageId);
  db.prepare('DELETE FROM entity_sections WHERE storage_id = ?').run(storageId);
  db.prepare('DELETE FROM entity_properties WHERE storage_id = ?').run(storageId);
  db.prepare('DELETE FROM entity_storages WHERE id = ?').run(storageId);
}
