import type { Database, Statement } from 'better-sqlite3';
import { RestError } from './errors.ts';
import { isPlainObject, toInt } from './params.ts';
import { parseDateInput, toStoredDateTime, wallClock } from './time.ts';

/**
 * Filters, ordering and paging over SQLite, shared by every list method.
 * Records live in "document tables": `id INTEGER PRIMARY KEY, data TEXT` (JSON of stored fields),
 * so any field — including user fields added at run time — can be filtered and sorted.
 */

export type StoredType = 'int' | 'float' | 'string' | 'bool' | 'datetime' | 'date' | 'json';

/** How a filter/order key maps to SQL. `multiple` fields are JSON arrays (match = contains). */
export interface Column {
  sql: string;
  type: StoredType;
  multiple?: boolean;
  /** Full control over the SQL for a filter on this key (multi-fields, derived values). */
  custom?: (op: FilterOp, value: unknown) => SqlPart;
}

export interface SqlPart {
  sql: string;
  params: unknown[];
}

export type FilterOp =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'in'
  | '!in'
  | 'like'
  | '!like'
  | 'like='
  | '!like='
  | 'between'
  | '!between'
  | 'null?';

export type ColumnResolver = (field: string) => Column | null;

export interface FilterOptions {
  /** What to do with a key no column resolves: ignore it (legacy) or throw this error. */
  onUnknown?: (field: string) => RestError | null;
  /** `crm.item.list` style sub-filters under numeric keys with `logic: OR|AND`. */
  allowLogic?: boolean;
  /** Allowed operators; others throw (core methods). */
  allowedOps?: readonly FilterOp[];
}

const OPERATOR = /^(!><|><|!=%|!%=|=%|%=|!%|!@|!=|>=|<=|!|=|>|<|@|%|\?)?(.*)$/s;

const OP_MAP: Record<string, FilterOp> = {
  '': '=',
  '=': '=',
  '!': '!=',
  '!=': '!=',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
  '@': 'in',
  '!@': '!in',
  '%': 'like',
  '!%': '!like',
  '=%': 'like=',
  '%=': 'like=',
  '!=%': '!like=',
  '!%=': '!like=',
  '><': 'between',
  '!><': '!between',
  '?': 'null?',
};

export function splitFilterKey(key: string): { op: FilterOp; field: string; raw: string } {
  const m = OPERATOR.exec(key)!;
  return { op: OP_MAP[m[1] ?? '']!, field: m[2]!, raw: m[1] ?? '' };
}

/** Converts an incoming filter value to the stored representation of `type`. */
export function toStored(type: StoredType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'int': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      const s = String(value).trim();
      return /^-?\d+(\.\d+)?$/.test(s) ? Math.trunc(Number(s)) : s === '' ? null : s;
    }
    case 'float': {
      const s = String(value).trim();
      return s !== '' && Number.isFinite(Number(s)) ? Number(s) : s === '' ? null : s;
    }
    case 'bool':
      if (value === true || value === 1 || value === '1') return 'Y';
      if (value === false || value === 0 || value === '0') return 'N';
      return String(value).toUpperCase();
    case 'datetime': {
      const ms = parseDateInput(value);
      return ms === null ? String(value) : toStoredDateTime(ms);
    }
    case 'date': {
      const ms = parseDateInput(value);
      if (ms === null) return String(value);
      // The portal-zone calendar day, not the UTC day of portal midnight.
      const w = wallClock(ms);
      return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** `json_extract(data, '$.FIELD')` with the key quoted so any name is safe. */
export function jsonField(field: string, column = 'data'): string {
  return `json_extract(${column}, '$."${field.replace(/["'\\]/g, '')}"')`;
}

const NEVER: SqlPart = { sql: '0', params: [] };

function scalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function likePattern(value: unknown, explicit: boolean): string {
  const s = String(value ?? '');
  return explicit ? s : `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/** SQL for one `op field value` condition. */
export function condition(col: Column, op: FilterOp, value: unknown): SqlPart {
  if (col.custom) return col.custom(op, value);
  const values = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [value];
  const stored = values.map((v) => toStored(col.type, v));
  if (col.multiple) {
    switch (op) {
      case '=':
      case 'in':
        if (stored.length === 1 && (stored[0] === null || stored[0] === '')) {
          return { sql: `(${col.sql} IS NULL OR json_array_length(${col.sql}) = 0)`, params: [] };
        }
        return {
          sql: `EXISTS (SELECT 1 FROM json_each(${col.sql}) WHERE CAST(value AS TEXT) IN (${stored.map(() => '?').join(',')}))`,
          params: stored.map(String),
        };
      case '!=':
      case '!in':
        return {
          sql: `NOT EXISTS (SELECT 1 FROM json_each(${col.sql}) WHERE CAST(value AS TEXT) IN (${stored.map(() => '?').join(',')}))`,
          params: stored.map(String),
        };
      case 'like':
      case 'like=':
        return {
          sql: `EXISTS (SELECT 1 FROM json_each(${col.sql}) WHERE value LIKE ? ESCAPE '\\')`,
          params: [likePattern(stored[0], op === 'like=')],
        };
      case 'null?':
        return { sql: `(${col.sql} IS ${values[0] ? 'NOT ' : ''}NULL)`, params: [] };
      default: {
        const sqlOp = op === '>' ? '>' : op === '>=' ? '>=' : op === '<' ? '<' : op === '<=' ? '<=' : '=';
        return { sql: `EXISTS (SELECT 1 FROM json_each(${col.sql}) WHERE value ${sqlOp} ?)`, params: [stored[0]] };
      }
    }
  }
  switch (op) {
    case '=':
    case 'in': {
      if (op === '=' && !Array.isArray(value) && !isPlainObject(value)) {
        if (stored[0] === null || stored[0] === '')
          return { sql: `(${col.sql} IS NULL OR ${col.sql} = '')`, params: [] };
        return { sql: `${col.sql} = ?`, params: [stored[0]] };
      }
      if (stored.length === 0) return NEVER;
      return { sql: `${col.sql} IN (${stored.map(() => '?').join(',')})`, params: stored };
    }
    case '!=':
    case '!in': {
      if (op === '!=' && !Array.isArray(value) && !isPlainObject(value)) {
        if (stored[0] === null || stored[0] === '')
          return { sql: `(${col.sql} IS NOT NULL AND ${col.sql} <> '')`, params: [] };
        return { sql: `(${col.sql} IS NULL OR ${col.sql} <> ?)`, params: [stored[0]] };
      }
      if (stored.length === 0) return { sql: '1', params: [] };
      return { sql: `(${col.sql} IS NULL OR ${col.sql} NOT IN (${stored.map(() => '?').join(',')}))`, params: stored };
    }
    case '>':
    case '>=':
    case '<':
    case '<=':
      // An unresolved batch reference can hand a list to a comparison: empty page.
      if (!scalar(value)) return NEVER;
      return { sql: `${col.sql} ${op} ?`, params: [stored[0]] };
    case 'like':
    case 'like=':
      return { sql: `${col.sql} LIKE ? ESCAPE '\\'`, params: [likePattern(values[0], op === 'like=')] };
    case '!like':
    case '!like=':
      return {
        sql: `(${col.sql} IS NULL OR ${col.sql} NOT LIKE ? ESCAPE '\\')`,
        params: [likePattern(values[0], op === '!like=')],
      };
    case 'between':
    case '!between': {
      if (stored.length < 2) return NEVER;
      const sql = `${col.sql} BETWEEN ? AND ?`;
      return { sql: op === 'between' ? sql : `NOT (${sql})`, params: [stored[0], stored[1]] };
    }
    case 'null?': {
      const wantNotNull = values[0] === true || values[0] === 'Y' || values[0] === '1' || values[0] === 1;
      return {
        sql: wantNotNull ? `(${col.sql} IS NOT NULL AND ${col.sql} <> '')` : `(${col.sql} IS NULL OR ${col.sql} = '')`,
        params: [],
      };
    }
  }
}

/** Compiles a Bitrix filter map into a WHERE clause. */
export function compileFilter(filter: unknown, resolve: ColumnResolver, options: FilterOptions = {}): SqlPart {
  if (filter === undefined || filter === null || filter === '') return { sql: '1', params: [] };
  if (!isPlainObject(filter)) {
    if (Array.isArray(filter) && filter.length === 0) return { sql: '1', params: [] };
    if (Array.isArray(filter))
      return compileFilter(Object.fromEntries(filter.map((v, i) => [String(i), v])), resolve, options);
    return { sql: '1', params: [] };
  }
  const parts: string[] = [];
  const params: unknown[] = [];
  let logic = 'AND';
  for (const [key, value] of Object.entries(filter)) {
    if (key.toUpperCase() === 'LOGIC') {
      logic = String(value).toUpperCase() === 'OR' ? 'OR' : 'AND';
      continue;
    }
    if (/^\d+$/.test(key) && isPlainObject(value)) {
      if (!options.allowLogic) continue;
      const sub = compileFilter(value, resolve, options);
      parts.push(`(${sub.sql})`);
      params.push(...sub.params);
      continue;
    }
    const { op, field } = splitFilterKey(key);
    if (options.allowedOps && !options.allowedOps.includes(op)) {
      throw new RestError(
        'ERROR_ARGUMENT',
        `Filter operation not allowed: ${key.slice(0, key.length - field.length)}`,
        400,
      );
    }
    const col = resolve(field);
    if (!col) {
      const err = options.onUnknown?.(field);
      if (err) throw err;
      continue;
    }
    const cond = condition(col, op, value);
    parts.push(cond.sql);
    params.push(...cond.params);
  }
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((p) => `(${p})`).join(` ${logic} `), params };
}

export interface OrderOptions {
  /** Throw on a bad direction (crm.item.*) instead of treating it as ASC. */
  strictDirection?: boolean;
  onUnknown?: (field: string) => RestError | null;
  defaultOrder?: string;
}

/** Compiles `{FIELD: "ASC"|"DESC"}`; ties are broken by id so paging is stable. */
export function compileOrder(order: unknown, resolve: ColumnResolver, options: OrderOptions = {}): string {
  const items: string[] = [];
  let hasId = false;
  if (isPlainObject(order)) {
    for (const [field, dirRaw] of Object.entries(order)) {
      const dir = String(dirRaw).toUpperCase();
      if (dir !== 'ASC' && dir !== 'DESC') {
        if (options.strictDirection) {
          throw new RestError(
            'INVALID_ARG_VALUE',
            `Invalid order: allowed sort directions are ASC, DESC. Got '${String(dirRaw)}' for ${field}`,
            400,
          );
        }
      }
      const col = resolve(field);
      if (!col) {
        const err = options.onUnknown?.(field);
        if (err) throw err;
        continue;
      }
      if (col.sql === 'id') hasId = true;
      items.push(`${col.sql} ${dir === 'DESC' ? 'DESC' : 'ASC'}`);
    }
  }
  if (items.length === 0) return options.defaultOrder ?? 'id ASC';
  if (!hasId) items.push('id ASC');
  return items.join(', ');
}

export const PAGE_SIZE = 50;

export type PagingFlavour = 'page' | 'offset';

export interface Page<Row> {
  rows: Row[];
  total: number;
  next: number | undefined;
}

const statementCache = new WeakMap<Database, Map<string, Statement>>();
export function prepare(db: Database, sql: string): Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare(sql);
    cache.set(sql, st);
    if (cache.size > 2000) cache.delete(cache.keys().next().value!);
  }
  return st;
}

/**
 * One page of a list: 50 rows from `start` (legacy `page` flavour rounds `start` down to a
 * multiple of 50), `total` and `next`; `start = -1` skips the count (`total` 0, no `next`).
 */
export function listPage<Row>(
  db: Database,
  q: { from: string; where: SqlPart; orderBy: string; start: unknown; flavour?: PagingFlavour; select?: string },
): Page<Row> {
  const startNum = toInt(q.start, 0);
  const noCount = startNum === -1 || String(q.start) === '-1';
  let offset = noCount ? 0 : Math.min(Math.max(0, startNum), Number.MAX_SAFE_INTEGER);
  if (q.flavour === 'page') offset = Math.floor(offset / PAGE_SIZE) * PAGE_SIZE;
  const sql = `SELECT ${q.select ?? '*'} FROM ${q.from} WHERE ${q.where.sql} ORDER BY ${q.orderBy} LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
  const rows = prepare(db, sql).all(...(q.where.params as unknown[])) as Row[];
  if (noCount) return { rows, total: 0, next: undefined };
  const total = (
    prepare(db, `SELECT COUNT(*) AS n FROM ${q.from} WHERE ${q.where.sql}`).get(...(q.where.params as unknown[])) as {
      n: number;
    }
  ).n;
  const next = offset + PAGE_SIZE < total ? offset + PAGE_SIZE : undefined;
  return { rows, total, next };
}

/** A JSON document table: `id INTEGER PRIMARY KEY, data TEXT`. */
export class DocTable<T extends Record<string, unknown> = Record<string, unknown>> {
  constructor(
    readonly db: Database,
    readonly name: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${name} (id INTEGER PRIMARY KEY, data TEXT NOT NULL)`);
  }

  insert(data: T, id?: number): number {
    const info =
      id !== undefined
        ? prepare(this.db, `INSERT INTO ${this.name} (id, data) VALUES (?, ?)`).run(id, JSON.stringify(data))
        : prepare(this.db, `INSERT INTO ${this.name} (data) VALUES (?)`).run(JSON.stringify(data));
    return Number(info.lastInsertRowid);
  }

  get(id: number): (T & { id: number }) | null {
    const row = prepare(this.db, `SELECT id, data FROM ${this.name} WHERE id = ?`).get(id) as
      { id: number; data: string } | undefined;
    return row ? { ...(JSON.parse(row.data) as T), id: row.id } : null;
  }

  getMany(ids: number[]): (T & { id: number })[] {
    if (ids.length === 0) return [];
    const rows = prepare(this.db, `SELECT id, data FROM ${this.name} WHERE id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as { id: number; data: string }[];
    return rows.map((r) => ({ ...(JSON.parse(r.data) as T), id: r.id }));
  }

  /** Replaces the stored document. */
  put(id: number, data: T): void {
    const { id: _drop, ...rest } = data as T & { id?: number };
    void _drop;
    prepare(this.db, `UPDATE ${this.name} SET data = ? WHERE id = ?`).run(JSON.stringify(rest), id);
  }

  /** Merges `patch` into the stored document; returns the new document or null if missing. */
  patch(id: number, patch: Partial<T>): (T & { id: number }) | null {
    const current = this.get(id);
    if (!current) return null;
    const next = { ...current, ...patch, id } as T & { id: number };
    this.put(id, next);
    return next;
  }

  delete(id: number): boolean {
    return prepare(this.db, `DELETE FROM ${this.name} WHERE id = ?`).run(id).changes > 0;
  }

  /** All rows matching a compiled filter, no paging (small tables, lookups). */
  where(where: SqlPart, orderBy = 'id ASC'): (T & { id: number })[] {
    const rows = prepare(this.db, `SELECT id, data FROM ${this.name} WHERE ${where.sql} ORDER BY ${orderBy}`).all(
      ...(where.params as unknown[]),
    ) as { id: number; data: string }[];
    return rows.map((r) => ({ ...(JSON.parse(r.data) as T), id: r.id }));
  }

  page(where: SqlPart, orderBy: string, start: unknown, flavour: PagingFlavour = 'offset'): Page<T & { id: number }> {
    const page = listPage<{ id: number; data: string }>(this.db, {
      from: this.name,
      where,
      orderBy,
      start,
      flavour,
      select: 'id, data',
    });
    return { ...page, rows: page.rows.map((r) => ({ ...(JSON.parse(r.data) as T), id: r.id })) };
  }

  count(where: SqlPart = { sql: '1', params: [] }): number {
    return (
      prepare(this.db, `SELECT COUNT(*) AS n FROM ${this.name} WHERE ${where.sql}`).get(
        ...(where.params as unknown[]),
      ) as { n: number }
    ).n;
  }
}

/** A resolver over a fixed map of field name → stored type, `ID` mapped to the id column. */
export function docResolver(
  types: Record<string, StoredType | { type: StoredType; multiple?: boolean }>,
  options: { idNames?: string[]; caseInsensitive?: boolean } = {},
): ColumnResolver {
  const idNames = new Set((options.idNames ?? ['ID']).map((n) => (options.caseInsensitive ? n.toUpperCase() : n)));
  const lookup = new Map<string, [string, StoredType, boolean]>();
  for (const [name, t] of Object.entries(types)) {
    const def = typeof t === 'string' ? { type: t } : t;
    lookup.set(options.caseInsensitive ? name.toUpperCase() : name, [name, def.type, def.multiple ?? false]);
  }
  return (field) => {
    const key = options.caseInsensitive ? field.toUpperCase() : field;
    if (idNames.has(key)) return { sql: 'id', type: 'int' };
    const hit = lookup.get(key);
    if (!hit) return null;
    return { sql: jsonField(hit[0]), type: hit[1], multiple: hit[2] };
  };
}
