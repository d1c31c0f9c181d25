import type { Db } from '../../db/database.ts';
import { getMeta, setMeta } from '../../db/database.ts';
import { SEED_NOW } from '../../db/seed/rng.ts';
import { emitEvent } from '../../events/bus.ts';
import type { CallContext } from '../engine/context.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, param, type Params, toInt, upperKeys, listOf } from '../engine/params.ts';
import { compileFilter, compileOrder, DocTable, docResolver, prepare, type StoredType } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { formatIso, parseDateInput, toStoredDateTime } from '../engine/time.ts';
import type { Family } from './family.ts';

/*
 * Timeline comments, activities / to-dos and currencies (methods.md §4–6).
 * Timeline comment and to-do write methods are controller-style (string codes such as "100",
 * NOT_FOUND); the read methods and crm.activity.* / crm.currency.* are legacy (empty code, 400).
 */

// ---------------------------------------------------------------- shared helpers

const missingParam = (name: string) => new RestError('100', `Could not find value for parameter {${name}}`, 400);
const notFoundDot = () => errors.notFound('Not found.');

const OWNER_TYPES: Record<string, number> = { lead: 1, deal: 2, contact: 3, company: 4 };
const OWNER_TABLES: Record<number, string> = { 1: 'crm_lead', 2: 'crm_deal', 3: 'crm_contact', 4: 'crm_company' };

/** `deal` → 2, `dynamic_128` → 128; null for anything else. */
export function ownerTypeFromName(name: unknown): number | null {
  if (typeof name !== 'string') return null;
  const s = name.trim().toLowerCase();
  if (s in OWNER_TYPES) return OWNER_TYPES[s]!;
  const m = /^dynamic_(\d+)$/.exec(s);
  return m && Number(m[1]) >= 128 ? Number(m[1]) : null;
}

export function ownerTypeName(typeId: number): string {
  for (const [name, id] of Object.entries(OWNER_TYPES)) if (id === typeId) return name;
  return `dynamic_${typeId}`;
}

function tableExists(db: Db, name: string): boolean {
  return !!prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

/** Does the CRM record exist? Tables belong to the CRM family; a missing table means "no records". */
export function crmOwnerExists(db: Db, typeId: number, id: number): boolean {
  if (!Number.isInteger(id) || id <= 0) return false;
  const table = OWNER_TABLES[typeId] ?? (Number.isInteger(typeId) && typeId >= 128 ? `crm_dynamic_${typeId}` : null);
  if (!table || !tableExists(db, table)) return false;
  return !!prepare(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id);
}

const isoOrNull = (stored: unknown): string | null =>
  typeof stored === 'string' && stored ? formatIso(Date.parse(stored)) : null;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Positive integer id from a param, or null. */
function positiveId(v: unknown): number | null {
  const n = toInt(v, 0);
  return n > 0 ? n : null;
}

function selectList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').map((x) => x.toUpperCase());
  if (isPlainObject(v))
    return Object.values(v)
      .filter((x): x is string => typeof x === 'string')
      .map((x) => x.toUpperCase());
  return [];
}

function applySelect(row: Record<string, unknown>, select: string[]): Record<string, unknown> {
  if (select.length === 0 || select.includes('*')) return row;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k === 'ID' || select.includes(k)) out[k] = v;
  return out;
}

function fieldDesc(
  type: string,
  title: string,
  opts: { required?: boolean; readOnly?: boolean; immutable?: boolean; multiple?: boolean } = {},
) {
  return {
    type,
    isRequired: opts.required ?? false,
    isReadOnly: opts.readOnly ?? false,
    isImmutable: opts.immutable ?? false,
    isMultiple: opts.multiple ?? false,
    isDynamic: false,
    title,
  };
}

function userName(db: Db, id: number): string {
  const row = prepare(db, 'SELECT data FROM users WHERE id = ?').get(id) as { data: string } | undefined;
  if (!row) return '';
  const u = JSON.parse(row.data) as Record<string, unknown>;
  return [u.NAME, u.LAST_NAME].filter((x) => typeof x === 'string' && x).join(' ');
}

// ---------------------------------------------------------------- schema

interface StoredFile {
  id: number;
  name: string;
  size: number;
  date: string;
  authorId: number;
}

export interface TimelineComment extends Record<string, unknown> {
  ENTITY_TYPE_ID: number;
  ENTITY_ID: number;
  CREATED: string;
  COMMENT: string;
  AUTHOR_ID: number;
  FILES: StoredFile[];
}

export interface Activity extends Record<string, unknown> {
  OWNER_ID: number;
  OWNER_TYPE_ID: number;
  TYPE_ID: number;
  PROVIDER_ID: string;
  PROVIDER_TYPE_ID: string;
  PROVIDER_GROUP_ID: string | null;
  ASSOCIATED_ENTITY_ID: number;
  SUBJECT: string;
  CREATED: string;
  LAST_UPDATED: string;
  START_TIME: string | null;
  END_TIME: string | null;
  DEADLINE: string | null;
  COMPLETED: 'Y' | 'N';
  STATUS: number;
  RESPONSIBLE_ID: number;
  PRIORITY: number;
  NOTIFY_TYPE: number;
  NOTIFY_VALUE: number;
  DESCRIPTION: string;
  DESCRIPTION_TYPE: number;
  DIRECTION: number;
  LOCATION: string;
  ORIGINATOR_ID: string | null;
  ORIGIN_ID: string | null;
  AUTHOR_ID: number;
  EDITOR_ID: number;
  /** To-do extras (not on the wire of crm.activity.*). */
  COLOR_ID?: string | null;
  PING_OFFSETS?: number[];
  PARENT_ID?: number;
}

export interface CurrencyLang {
  FORMAT_STRING: string;
  FULL_NAME: string;
  DEC_POINT: string;
  THOUSANDS_SEP: string | null;
  DECIMALS: number;
  THOUSANDS_VARIANT: string | null;
  HIDE_ZERO: 'Y' | 'N';
}

export interface Currency {
  CURRENCY: string;
  AMOUNT_CNT: number;
  AMOUNT: number;
  SORT: number;
  BASE: 'Y' | 'N';
  DATE_UPDATE: string;
  LANG: Record<string, CurrencyLang>;
}

export const comments = (db: Db) => new DocTable<TimelineComment>(db, 'crm_timeline_comment');
export const activities = (db: Db) => new DocTable<Activity>(db, 'crm_activity');

export function createCrmExtrasSchema(db: Db): void {
  comments(db);
  activities(db);
  db.exec(`
    CREATE TABLE IF NOT EXISTS crm_currency (code TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS crm_timeline_comment_owner ON crm_timeline_comment (json_extract(data, '$."ENTITY_TYPE_ID"'), json_extract(data, '$."ENTITY_ID"'));
    CREATE INDEX IF NOT EXISTS crm_activity_owner ON crm_activity (json_extract(data, '$."OWNER_TYPE_ID"'), json_extract(data, '$."OWNER_ID"'));
  `);
  ensureCurrencies(db);
}

// ---------------------------------------------------------------- currencies: storage

const PORTAL_LANG = 'en';

function lang(
  format: string,
  fullName: string,
  variant: 'C' | 'D' | 'S' | 'B' | 'N',
  decPoint = '.',
  decimals = 2,
): CurrencyLang {
  return {
    FORMAT_STRING: format,
    FULL_NAME: fullName,
    DEC_POINT: decPoint,
    THOUSANDS_SEP: null,
    DECIMALS: decimals,
    THOUSANDS_VARIANT: variant,
    HIDE_ZERO: 'Y',
  };
}

/** The currencies a Danish portal starts with; rates are DKK per AMOUNT_CNT units. */
const DEFAULT_CURRENCIES: Omit<Currency, 'DATE_UPDATE'>[] = [
  {
    CURRENCY: 'DKK',
    AMOUNT_CNT: 1,
    AMOUNT: 1,
    SORT: 100,
    BASE: 'Y',
    LANG: { en: lang('# kr.', 'Danish krone', 'C'), da: lang('# kr.', 'Dansk krone', 'D', ',') },
  },
  {
    CURRENCY: 'EUR',
    AMOUNT_CNT: 1,
    AMOUNT: 7.4604,
    SORT: 200,
    BASE: 'N',
    LANG: { en: lang('€#', 'Euro', 'C'), da: lang('# €', 'Euro', 'D', ',') },
  },
  {
    CURRENCY: 'USD',
    AMOUNT_CNT: 1,
    AMOUNT: 6.4312,
    SORT: 300,
    BASE: 'N',
    LANG: { en: lang('$#', 'US Dollar', 'C'), da: lang('# $', 'Amerikansk dollar', 'D', ',') },
  },
  {
    CURRENCY: 'GBP',
    AMOUNT_CNT: 1,
    AMOUNT: 8.4875,
    SORT: 400,
    BASE: 'N',
    LANG: { en: lang('£#', 'Pound Sterling', 'C'), da: lang('# £', 'Britisk pund', 'D', ',') },
  },
  {
    CURRENCY: 'SEK',
    AMOUNT_CNT: 100,
    AMOUNT: 67.81,
    SORT: 500,
    BASE: 'N',
    LANG: { en: lang('# kr', 'Swedish krona', 'S'), da: lang('# kr', 'Svensk krone', 'D', ',') },
  },
  {
    CURRENCY: 'NOK',
    AMOUNT_CNT: 100,
    AMOUNT: 63.44,
    SORT: 600,
    BASE: 'N',
    LANG: { en: lang('# kr', 'Norwegian krone', 'S'), da: lang('# kr', 'Norsk krone', 'D', ',') },
  },
];

/** A portal always has currencies and a base currency: created once, even for an unseeded portal. */
export function ensureCurrencies(db: Db, nowMs = SEED_NOW): void {
  if (getMeta(db, 'crm_currency_init')) return;
  const ins = db.prepare('INSERT OR IGNORE INTO crm_currency (code, data) VALUES (?, ?)');
  for (const c of DEFAULT_CURRENCIES)
    ins.run(c.CURRENCY, JSON.stringify({ ...c, DATE_UPDATE: toStoredDateTime(nowMs) }));
  setMeta(db, 'crm_currency_init', '1');
}

export function getCurrency(db: Db, code: string): Currency | null {
  const row = prepare(db, 'SELECT data FROM crm_currency WHERE code = ?').get(code.toUpperCase()) as
    { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Currency) : null;
}

function allCurrencies(db: Db): Currency[] {
  return (prepare(db, 'SELECT data FROM crm_currency ORDER BY code').all() as { data: string }[]).map(
    (r) => JSON.parse(r.data) as Currency,
  );
}

function putCurrency(db: Db, c: Currency): void {
  prepare(
    db,
    'INSERT INTO crm_currency (code, data) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET data = excluded.data',
  ).run(c.CURRENCY, JSON.stringify(c));
}

export function baseCurrencyCode(db: Db): string {
  return allCurrencies(db).find((c) => c.BASE === 'Y')?.CURRENCY ?? 'DKK';
}

/** Value of one unit of `code` in the base currency (1 for the base itself, null if unknown). */
export function currencyRate(db: Db, code: string): number | null {
  const c = getCurrency(db, code);
  return c ? c.AMOUNT / c.AMOUNT_CNT : null;
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** Makes `code` the base currency and re-expresses every rate against it. */
function rebase(db: Db, code: string, nowMs: number): void {
  const list = allCurrencies(db);
  const target = list.find((c) => c.CURRENCY === code);
  if (!target) return;
  const pivot = target.AMOUNT / target.AMOUNT_CNT;
  for (const c of list) {
    const next: Currency = { ...c, DATE_UPDATE: toStoredDateTime(nowMs) };
    if (c.CURRENCY === code) Object.assign(next, { AMOUNT_CNT: 1, AMOUNT: 1, BASE: 'Y' });
    else Object.assign(next, { AMOUNT: round4((c.AMOUNT / c.AMOUNT_CNT / pivot) * c.AMOUNT_CNT), BASE: 'N' });
    putCurrency(db, next);
  }
}

function langOut(l: CurrencyLang): Record<string, unknown> {
  return {
    FORMAT_STRING: l.FORMAT_STRING,
    FULL_NAME: l.FULL_NAME,
    DEC_POINT: l.DEC_POINT,
    THOUSANDS_SEP: l.THOUSANDS_SEP,
    DECIMALS: String(l.DECIMALS),
    THOUSANDS_VARIANT: l.THOUSANDS_VARIANT,
    HIDE_ZERO: l.HIDE_ZERO,
  };
}

function defaultLang(code: string): CurrencyLang {
  return lang(`# ${code}`, code, 'C');
}

function currencyRow(c: Currency): Record<string, unknown> {
  const l = c.LANG[PORTAL_LANG] ?? Object.values(c.LANG)[0] ?? defaultLang(c.CURRENCY);
  return {
    CURRENCY: c.CURRENCY,
    AMOUNT_CNT: String(c.AMOUNT_CNT),
    AMOUNT: c.AMOUNT.toFixed(4),
    SORT: String(c.SORT),
    BASE: c.BASE,
    FULL_NAME: l.FULL_NAME,
    LID: PORTAL_LANG,
    FORMAT_STRING: l.FORMAT_STRING,
    DEC_POINT: l.DEC_POINT,
    THOUSANDS_SEP: l.THOUSANDS_SEP,
    DECIMALS: String(l.DECIMALS),
    DATE_UPDATE: isoOrNull(c.DATE_UPDATE),
  };
}

const LANG_KEYS = [
  'FORMAT_STRING',
  'FULL_NAME',
  'DEC_POINT',
  'THOUSANDS_SEP',
  'DECIMALS',
  'THOUSANDS_VARIANT',
  'HIDE_ZERO',
] as const;

/** Merges `{lang: {FIELD: value}}` input into stored localizations; errors name the bad key. */
function mergeLangs(
  code: string,
  current: Record<string, CurrencyLang>,
  input: unknown,
  what: string,
): Record<string, CurrencyLang> {
  if (input === undefined || input === null || input === '') return current;
  if (!isPlainObject(input)) throw errors.core(`${what} must be an object keyed by language id`);
  const out = { ...current };
  for (const [lid, rawValue] of Object.entries(input)) {
    if (!/^[a-z]{2}$/i.test(lid)) throw errors.core(`${what}: invalid language id "${lid}"`);
    if (!isPlainObject(rawValue)) throw errors.core(`${what}[${lid}] must be an object`);
    const v = upperKeys(rawValue);
    const base = out[lid.toLowerCase()] ?? defaultLang(code);
    const next: CurrencyLang = { ...base };
    for (const key of LANG_KEYS) {
      if (!(key in v)) continue;
      const value = v[key];
      if (key === 'DECIMALS') {
        const n = toInt(value, -1);
        if (n < 0 || n > 10)
          throw errors.core(`${what}[${lid}][DECIMALS] must be an integer 0..10, got "${String(value)}"`);
        next.DECIMALS = n;
      } else if (key === 'THOUSANDS_VARIANT') {
        const s = value === null || value === '' ? null : String(value).toUpperCase();
        if (s !== null && !['N', 'C', 'D', 'S', 'B'].includes(s))
          throw errors.core(`${what}[${lid}][THOUSANDS_VARIANT] must be one of N, C, D, S, B, got "${String(value)}"`);
        next.THOUSANDS_VARIANT = s;
      } else if (key === 'HIDE_ZERO') {
        next.HIDE_ZERO = String(value).toUpperCase() === 'Y' ? 'Y' : 'N';
      } else if (key === 'THOUSANDS_SEP') {
        next.THOUSANDS_SEP = value === null || value === undefined ? null : String(value);
      } else {
        next[key] = String(value ?? '');
      }
    }
    if (next.FORMAT_STRING !== '' && !next.FORMAT_STRING.includes('#')) {
      throw errors.core(`${what}[${lid}][FORMAT_STRING] must contain "#", got "${next.FORMAT_STRING}"`);
    }
    out[lid.toLowerCase()] = next;
  }
  return out;
}

function currencyIdParam(params: Params): string {
  const raw = param(params, 'id');
  if (typeof raw !== 'string' && typeof raw !== 'number')
    throw errors.legacy('The parameter id is invalid or not defined.');
  const id = String(raw).trim().toUpperCase();
  if (!id) throw errors.legacy('The parameter id is invalid or not defined.');
  return id;
}

function positiveNumber(value: unknown, field: string, integer: boolean): number {
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(',', '.') : '';
  const n = Number(s);
  if (s === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw errors.core(
      `Invalid ${field}: expected a positive ${integer ? 'integer' : 'number'}, got "${String(value ?? '')}"`,
    );
  }
  return n;
}

/** The currency named by the `id` parameter; legacy "Not found" when there is none. */
function existingCurrency(ctx: CallContext, params: Params): { code: string; c: Currency } {
  const code = currencyIdParam(params);
  const c = getCurrency(ctx.db, code);
  if (!c) throw errors.legacy('Not found');
  return { code, c };
}

// ---------------------------------------------------------------- currency methods

/** Currency writes need an admin; the legacy proxy answers with an empty code. */
function requireCurrencyAdmin(ctx: CallContext): void {
  if (!ctx.auth.isAdmin) throw errors.legacy('Access denied.');
}

const currencyMethods: MethodTable = {
  'crm.currency.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const rows = allCurrencies(ctx.db).map(currencyRow);
      const order = param(params, 'order');
      const keys: [string, number][] = isPlainObject(order)
        ? Object.entries(order).map(([k, d]) => [k.toUpperCase(), String(d).toUpperCase() === 'DESC' ? -1 : 1])
        : [];
      if (keys.length === 0) keys.push(['SORT', 1]);
      keys.push(['CURRENCY', 1]);
      const numeric = new Set(['SORT', 'AMOUNT', 'AMOUNT_CNT', 'DECIMALS']);
      rows.sort((a, b) => {
        for (const [k, dir] of keys) {
          const x = a[k];
          const y = b[k];
          if (x === undefined || y === undefined) continue;
          const c = numeric.has(k) ? Number(x) - Number(y) : String(x ?? '').localeCompare(String(y ?? ''));
          if (c !== 0) return c * dir;
        }
        return 0;
      });
      // The portal reports total 0 for this list, always.
      return new ListResult(rows, 0, undefined);
    },
  },
  'crm.currency.get': {
    scope: 'crm',
    handler: (params, ctx) => {
      const c = getCurrency(ctx.db, currencyIdParam(params));
      if (!c) throw errors.legacy('Not found');
      const langs: Record<string, unknown> = {};
      for (const [lid, l] of Object.entries(c.LANG)) langs[lid] = langOut(l);
      return { ...currencyRow(c), LANG: langs };
    },
  },
  'crm.currency.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      requireCurrencyAdmin(ctx);
      const rawFields = param(params, 'fields');
      const f = isPlainObject(rawFields) ? upperKeys(rawFields) : {};
      for (const key of ['CURRENCY', 'AMOUNT_CNT', 'AMOUNT']) {
        if (f[key] === undefined) throw errors.core(`Undefined array key "${key}"`);
      }
      const code = String(f.CURRENCY).trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(code))
        throw errors.core(`Invalid CURRENCY: the currency code must be 3 latin letters, got "${String(f.CURRENCY)}"`);
      if (getCurrency(ctx.db, code)) throw errors.core(`Currency "${code}" already exists`);
      const now = Date.now();
      const c: Currency = {
        CURRENCY: code,
        AMOUNT_CNT: positiveNumber(f.AMOUNT_CNT, 'AMOUNT_CNT', true),
        AMOUNT: round4(positiveNumber(f.AMOUNT, 'AMOUNT', false)),
        SORT: f.SORT === undefined ? 100 : toInt(f.SORT, 100),
        BASE: 'N',
        DATE_UPDATE: toStoredDateTime(now),
        LANG: mergeLangs(code, { [PORTAL_LANG]: defaultLang(code) }, f.LANG, 'LANG'),
      };
      putCurrency(ctx.db, c);
      if (String(f.BASE ?? '').toUpperCase() === 'Y') rebase(ctx.db, code, now);
      emitEvent(ctx, 'ONCRMCURRENCYADD', { FIELDS: { ID: code } });
      return code;
    },
  },
  'crm.currency.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      requireCurrencyAdmin(ctx);
      const { code, c } = existingCurrency(ctx, params);
      const rawFields = param(params, 'fields');
      const f = isPlainObject(rawFields) ? upperKeys(rawFields) : {};
      const now = Date.now();
      const next: Currency = { ...c, DATE_UPDATE: toStoredDateTime(now) };
      if (f.SORT !== undefined) next.SORT = toInt(f.SORT, c.SORT);
      // The base currency keeps 1/1; rates of others are relative to it.
      if (c.BASE !== 'Y') {
        if (f.AMOUNT_CNT !== undefined) next.AMOUNT_CNT = positiveNumber(f.AMOUNT_CNT, 'AMOUNT_CNT', true);
        if (f.AMOUNT !== undefined) next.AMOUNT = round4(positiveNumber(f.AMOUNT, 'AMOUNT', false));
      }
      next.LANG = mergeLangs(code, c.LANG, f.LANG, 'LANG');
      putCurrency(ctx.db, next);
      if (String(f.BASE ?? '').toUpperCase() === 'Y' && c.BASE !== 'Y') rebase(ctx.db, code, now);
      emitEvent(ctx, 'ONCRMCURRENCYUPDATE', { FIELDS: { ID: code } });
      return true;
    },
  },
  'crm.currency.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      requireCurrencyAdmin(ctx);
      const code = currencyIdParam(params);
      if (!/^[A-Z]{3}$/.test(code)) throw errors.legacy('Currency identifier must consist of 3 characters');
      const c = getCurrency(ctx.db, code);
      if (!c) throw errors.legacy('Not found');
      if (c.BASE === 'Y') throw errors.legacy('Cannot delete base currency.');
      prepare(ctx.db, 'DELETE FROM crm_currency WHERE code = ?').run(code);
      emitEvent(ctx, 'ONCRMCURRENCYDELETE', { FIELDS: { ID: code } });
      return true;
    },
  },
  'crm.currency.fields': {
    scope: 'crm',
    handler: () => ({
      CURRENCY: fieldDesc('string', 'Currency', { required: true, immutable: true }),
      AMOUNT_CNT: fieldDesc('int', 'Face value', { required: true }),
      AMOUNT: fieldDesc('double', 'Exchange rate', { required: true }),
      BASE: fieldDesc('char', 'Base currency', { readOnly: true }),
      SORT: fieldDesc('int', 'Sorting'),
      DATE_UPDATE: fieldDesc('datetime', 'Date modified', { readOnly: true }),
      LID: fieldDesc('string', 'Language ID', { readOnly: true }),
      FORMAT_STRING: fieldDesc('string', 'Format template', { readOnly: true }),
      FULL_NAME: fieldDesc('string', 'Full name', { readOnly: true }),
      DEC_POINT: fieldDesc('string', 'Decimal separator', { readOnly: true }),
      THOUSANDS_SEP: fieldDesc('string', 'Thousands separator', { readOnly: true }),
      DECIMALS: fieldDesc('int', 'Decimal places', { readOnly: true }),
      LANG: fieldDesc('currency_localization', 'Localizations', { multiple: true }),
    }),
  },
  'crm.currency.base.get': { scope: 'crm', handler: (_p, ctx) => baseCurrencyCode(ctx.db) },
  'crm.currency.base.set': {
    scope: 'crm',
    handler: (params, ctx) => {
      requireCurrencyAdmin(ctx);
      const { code, c } = existingCurrency(ctx, params);
      if (c.BASE !== 'Y') {
        rebase(ctx.db, code, Date.now());
        emitEvent(ctx, 'ONCRMCURRENCYUPDATE', { FIELDS: { ID: code } });
      }
      return true;
    },
  },
  'crm.currency.localizations.get': {
    scope: 'crm',
    handler: (params, ctx) => {
      const c = getCurrency(ctx.db, currencyIdParam(params));
      if (!c) throw errors.legacy('Not found');
      const out: Record<string, unknown> = {};
      for (const [lid, l] of Object.entries(c.LANG)) out[lid] = langOut(l);
      return Object.keys(out).length ? out : [];
    },
  },
  'crm.currency.localizations.set': {
    scope: 'crm',
    handler: (params, ctx) => {
      requireCurrencyAdmin(ctx);
      const { code, c } = existingCurrency(ctx, params);
      const input = param(params, 'localizations');
      if (!isPlainObject(input) || Object.keys(input).length === 0)
        throw errors.legacy('The parameter localizations is invalid or not defined.');
      putCurrency(ctx.db, {
        ...c,
        LANG: mergeLangs(code, c.LANG, input, 'localizations'),
        DATE_UPDATE: toStoredDateTime(Date.now()),
      });
      emitEvent(ctx, 'ONCRMCURRENCYUPDATE', { FIELDS: { ID: code } });
      return true;
    },
  },
  'crm.currency.localizations.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      requireCurrencyAdmin(ctx);
      const { c } = existingCurrency(ctx, params);
      const raw = param(params, 'lids');
      const lids = (Array.isArray(raw) ? raw : isPlainObject(raw) ? Object.values(raw) : []).map((x) =>
        String(x).toLowerCase(),
      );
      if (lids.length === 0) throw errors.legacy('The parameter lids is invalid or not defined.');
      const next = { ...c.LANG };
      for (const lid of lids) delete next[lid];
      putCurrency(ctx.db, { ...c, LANG: next });
      return true;
    },
  },
  'crm.currency.localizations.fields': {
    scope: 'crm',
    handler: () => ({
      FORMAT_STRING: fieldDesc('string', 'Format template', { required: true }),
      FULL_NAME: fieldDesc('string', 'Full name', { required: true }),
      DEC_POINT: fieldDesc('string', 'Decimal separator'),
      THOUSANDS_SEP: fieldDesc('string', 'Thousands separator'),
      DECIMALS: fieldDesc('int', 'Decimal places'),
      THOUSANDS_VARIANT: fieldDesc('char', 'Thousands separator variant'),
      HIDE_ZERO: fieldDesc('char', 'Hide trailing zeros'),
    }),
  },
};

// ---------------------------------------------------------------- timeline comments

function nextFileId(db: Db): number {
  const next = Number(getMeta(db, 'crm_timeline_file_seq') ?? '0') + 1;
  setMeta(db, 'crm_timeline_file_seq', String(next));
  return next;
}

const IMAGE_EXT = /\.(gif|png|jpe?g|webp|bmp|svg)$/i;

function parseFiles(db: Db, raw: unknown, authorId: number, nowMs: number): StoredFile[] | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const list = Array.isArray(raw) ? raw : isPlainObject(raw) ? Object.values(raw) : [];
  const out: StoredFile[] = [];
  for (const item of list) {
    const pair = Array.isArray(item) ? item : isPlainObject(item) ? Object.values(item) : [];
    const [name, content] = pair;
    if (typeof name !== 'string' || !name.trim() || typeof content !== 'string') {
      throw errors.invalidArgValue('FILES: every file must be a pair ["file name", "base64 content"]');
    }
    out.push({
      id: nextFileId(db),
      name: name.trim(),
      size: Buffer.from(content, 'base64').length,
      date: toStoredDateTime(nowMs),
      authorId,
    });
  }
  return out;
}

function filesOut(ctx: CallContext, files: StoredFile[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of files) {
    const name = encodeURIComponent(f.name);
    out[String(f.id)] = {
      id: f.id,
      date: isoOrNull(f.date),
      type: IMAGE_EXT.test(f.name) ? 'image' : 'file',
      name: f.name,
      size: f.size,
      authorId: f.authorId,
      authorName: userName(ctx.db, f.authorId),
      urlPreview: `${ctx.origin}/disk/showFile/${f.id}/?&ncc=1&width=640&height=640&filename=${name}`,
      urlShow: `${ctx.origin}/disk/showFile/${f.id}/?&ncc=1&filename=${name}`,
      urlDownload: `${ctx.origin}/disk/downloadFile/${f.id}/?&ncc=1&filename=${name}`,
    };
  }
  return out;
}

function commentRow(ctx: CallContext, c: TimelineComment & { id: number }): Record<string, unknown> {
  return {
    ID: String(c.id),
    ENTITY_ID: String(c.ENTITY_ID),
    ENTITY_TYPE: ownerTypeName(c.ENTITY_TYPE_ID),
    CREATED: isoOrNull(c.CREATED),
    COMMENT: c.COMMENT,
    AUTHOR_ID: String(c.AUTHOR_ID),
    FILES: filesOut(ctx, c.FILES ?? []),
  };
}

/** `fields` must be spelled in lower case (crm 23.100+). */
function lowerFields(params: Params): Record<string, unknown> {
  const f = params.fields;
  if (!isPlainObject(f)) throw missingParam('fields');
  return upperKeys(f);
}

function commentText(v: unknown): string {
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  if (!s.trim()) throw errors.invalidArgValue('Empty comment.');
  return s;
}

/** update/delete accept `ownerTypeId` + `ownerId` to address one binding of the comment. */
function checkCommentOwner(ctx: CallContext, params: Params, c: TimelineComment): void {
  const typeRaw = param(params, 'ownerTypeId');
  const idRaw = param(params, 'ownerId');
  if (typeRaw === undefined && idRaw === undefined) return;
  const typeId = toInt(typeRaw, 0);
  const ownerId = toInt(idRaw, 0);
  if (!crmOwnerExists(ctx.db, typeId, ownerId))
    throw new RestError('OWNER_NOT_FOUND', 'Owner of the item not found.', 400);
  if (c.ENTITY_TYPE_ID !== typeId || c.ENTITY_ID !== ownerId) throw notFoundDot();
}

const commentResolver = docResolver(
  { ENTITY_TYPE_ID: 'int', ENTITY_ID: 'int', AUTHOR_ID: 'int', CREATED: 'datetime' },
  { caseInsensitive: true },
);

const timelineMethods: MethodTable = {
  'crm.timeline.comment.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      const f = lowerFields(params);
      const typeId = ownerTypeFromName(f.ENTITY_TYPE);
      const ownerId = toInt(f.ENTITY_ID, 0);
      if (typeId === null || !crmOwnerExists(ctx.db, typeId, ownerId))
        throw new RestError('OWNER_NOT_FOUND', 'Owner of the item not found.', 400);
      const text = commentText(f.COMMENT);
      const now = Date.now();
      const id = comments(ctx.db).insert({
        ENTITY_TYPE_ID: typeId,
        ENTITY_ID: ownerId,
        CREATED: toStoredDateTime(now),
        COMMENT: text,
        AUTHOR_ID: ctx.auth.userId,
        FILES: parseFiles(ctx.db, f.FILES, ctx.auth.userId, now) ?? [],
      });
      emitEvent(ctx, 'ONCRMTIMELINECOMMENTADD', { ID: id });
      return id;
    },
  },
  'crm.timeline.comment.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      const idRaw = param(params, 'id');
      if (idRaw === undefined || idRaw === null || idRaw === '') throw missingParam('id');
      const f = lowerFields(params);
      const table = comments(ctx.db);
      const id = toInt(idRaw, 0);
      const c = id > 0 ? table.get(id) : null;
      if (!c) throw notFoundDot();
      checkCommentOwner(ctx, params, c);
      const patch: Partial<TimelineComment> = {};
      if ('COMMENT' in f) patch.COMMENT = commentText(f.COMMENT);
      const files = parseFiles(ctx.db, f.FILES, ctx.auth.userId, Date.now());
      if (files) patch.FILES = files;
      table.patch(id, patch);
      emitEvent(ctx, 'ONCRMTIMELINECOMMENTUPDATE', { ID: id });
      return id;
    },
  },
  'crm.timeline.comment.get': {
    scope: 'crm',
    handler: (params, ctx) => {
      const id = positiveId(param(params, 'id'));
      if (id === null) throw errors.legacy('ID is not defined or invalid.');
      const c = comments(ctx.db).get(id);
      if (!c) throw errors.legacy('Not found.');
      return commentRow(ctx, c);
    },
  },
  'crm.timeline.comment.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const rawFilter = param(params, 'filter');
      const filter = isPlainObject(rawFilter) ? upperKeys(rawFilter) : {};
      const typeId = ownerTypeFromName(filter.ENTITY_TYPE);
      const ownerId = positiveId(filter.ENTITY_ID);
      // Permission is checked on the owner: no owner given, nothing the user may read.
      if (typeId === null || ownerId === null) throw errors.legacy('Access denied.');
      const rest: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(rawFilter as Record<string, unknown>)) {
        const bare = k.replace(/^[!=<>@%?]+/, '').toUpperCase();
        if (bare === 'ID' || bare === 'AUTHOR_ID' || bare === 'CREATED') rest[k] = v;
      }
      const where = compileFilter({ ...rest, ENTITY_TYPE_ID: typeId, ENTITY_ID: ownerId }, commentResolver);
      const order = compileOrder(param(params, 'order'), (field) =>
        ['ID', 'CREATED', 'AUTHOR_ID'].includes(field.toUpperCase()) ? commentResolver(field) : null,
      );
      const page = comments(ctx.db).page(where, order, param(params, 'start'), 'page');
      const select = selectList(param(params, 'select'));
      return new ListResult(
        page.rows.map((c) => applySelect(commentRow(ctx, c), select)),
        page.total,
        page.next,
      );
    },
  },
  'crm.timeline.comment.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      const idRaw = param(params, 'id');
      if (idRaw === undefined || idRaw === null || idRaw === '') throw missingParam('id');
      const id = toInt(idRaw, 0);
      const table = comments(ctx.db);
      const c = id > 0 ? table.get(id) : null;
      if (!c) throw notFoundDot();
      checkCommentOwner(ctx, params, c);
      table.delete(id);
      emitEvent(ctx, 'ONCRMTIMELINECOMMENTDELETE', { ID: id });
      return null;
    },
  },
  'crm.timeline.comment.fields': {
    scope: 'crm',
    handler: () => ({
      ID: fieldDesc('integer', 'ID', { readOnly: true }),
      CREATED: fieldDesc('datetime', 'Date added', { readOnly: true }),
      ENTITY_ID: fieldDesc('integer', 'ID of the element the comment is attached to', {
        required: true,
        immutable: true,
      }),
      ENTITY_TYPE: fieldDesc('string', 'Type of the element the comment is attached to', {
        required: true,
        immutable: true,
      }),
      AUTHOR_ID: fieldDesc('integer', 'Author', { immutable: true }),
      COMMENT: fieldDesc('string', 'Comment text'),
      FILES: fieldDesc('attached_diskfile', 'File list', { multiple: true }),
    }),
  },
};

// ---------------------------------------------------------------- activities and to-dos

const ACTIVITY_TYPES: Record<string, StoredType> = {
  OWNER_ID: 'int',
  OWNER_TYPE_ID: 'int',
  TYPE_ID: 'int',
  PROVIDER_ID: 'string',
  PROVIDER_TYPE_ID: 'string',
  PROVIDER_GROUP_ID: 'string',
  ASSOCIATED_ENTITY_ID: 'int',
  SUBJECT: 'string',
  CREATED: 'datetime',
  LAST_UPDATED: 'datetime',
  START_TIME: 'datetime',
  END_TIME: 'datetime',
  DEADLINE: 'datetime',
  COMPLETED: 'bool',
  STATUS: 'int',
  RESPONSIBLE_ID: 'int',
  PRIORITY: 'int',
  NOTIFY_TYPE: 'int',
  NOTIFY_VALUE: 'int',
  DESCRIPTION: 'string',
  DESCRIPTION_TYPE: 'int',
  DIRECTION: 'int',
  LOCATION: 'string',
  ORIGINATOR_ID: 'string',
  ORIGIN_ID: 'string',
  AUTHOR_ID: 'int',
  EDITOR_ID: 'int',
};
const activityResolver = docResolver(ACTIVITY_TYPES, { caseInsensitive: true });

const PROVIDERS: Record<number, [string, string]> = {
  1: ['CRM_MEETING', 'MEETING'],
  2: ['VOXIMPLANT_CALL', 'CALL'],
  3: ['CRM_TASKS_TASK', 'TASK'],
  4: ['CRM_EMAIL', 'EMAIL'],
  6: ['CRM_TODO', 'CRM_TODO'],
};

function activityRow(a: Activity & { id: number }): Record<string, unknown> {
  return {
    ID: String(a.id),
    OWNER_ID: String(a.OWNER_ID),
    OWNER_TYPE_ID: String(a.OWNER_TYPE_ID),
    TYPE_ID: String(a.TYPE_ID),
    PROVIDER_ID: a.PROVIDER_ID,
    PROVIDER_TYPE_ID: a.PROVIDER_TYPE_ID,
    PROVIDER_GROUP_ID: a.PROVIDER_GROUP_ID,
    ASSOCIATED_ENTITY_ID: String(a.ASSOCIATED_ENTITY_ID),
    SUBJECT: a.SUBJECT,
    CREATED: isoOrNull(a.CREATED),
    LAST_UPDATED: isoOrNull(a.LAST_UPDATED),
    START_TIME: isoOrNull(a.START_TIME) ?? '',
    END_TIME: isoOrNull(a.END_TIME) ?? '',
    DEADLINE: isoOrNull(a.DEADLINE) ?? '',
    COMPLETED: a.COMPLETED,
    STATUS: String(a.STATUS),
    RESPONSIBLE_ID: String(a.RESPONSIBLE_ID),
    PRIORITY: String(a.PRIORITY),
    NOTIFY_TYPE: String(a.NOTIFY_TYPE),
    NOTIFY_VALUE: String(a.NOTIFY_VALUE),
    DESCRIPTION: a.DESCRIPTION,
    DESCRIPTION_TYPE: String(a.DESCRIPTION_TYPE),
    DIRECTION: String(a.DIRECTION),
    LOCATION: a.LOCATION,
    SETTINGS: [],
    ORIGINATOR_ID: a.ORIGINATOR_ID,
    ORIGIN_ID: a.ORIGIN_ID,
    AUTHOR_ID: String(a.AUTHOR_ID),
    EDITOR_ID: String(a.EDITOR_ID),
    PROVIDER_PARAMS: [],
    PROVIDER_DATA: null,
    RESULT_MARK: '0',
    RESULT_VALUE: null,
    RESULT_SUM: null,
    RESULT_CURRENCY_ID: null,
    RESULT_STATUS: '0',
    RESULT_STREAM: '0',
    RESULT_SOURCE_ID: null,
    AUTOCOMPLETE_RULE: '0',
  };
}

/** A new activity with the portal's defaults; the caller fills in owner, type and times. */
export function newActivity(
  init: Partial<Activity> & Pick<Activity, 'OWNER_ID' | 'OWNER_TYPE_ID' | 'TYPE_ID'>,
  userId: number,
  nowMs: number,
): Activity {
  const [providerId, providerTypeId] = PROVIDERS[init.TYPE_ID] ?? ['CRM_TODO', 'CRM_TODO'];
  const now = toStoredDateTime(nowMs);
  return {
    PROVIDER_ID: providerId,
    PROVIDER_TYPE_ID: providerTypeId,
    PROVIDER_GROUP_ID: null,
    ASSOCIATED_ENTITY_ID: 0,
    SUBJECT: '',
    CREATED: now,
    LAST_UPDATED: now,
    START_TIME: null,
    END_TIME: null,
    DEADLINE: null,
    COMPLETED: 'N',
    STATUS: 1,
    RESPONSIBLE_ID: userId,
    PRIORITY: 2,
    NOTIFY_TYPE: 0,
    NOTIFY_VALUE: 0,
    DESCRIPTION: '',
    DESCRIPTION_TYPE: 1,
    DIRECTION: 0,
    LOCATION: '',
    ORIGINATOR_ID: null,
    ORIGIN_ID: null,
    AUTHOR_ID: userId,
    EDITOR_ID: userId,
    ...init,
  };
}

function legacyActivityId(params: Params): number {
  const id = positiveId(param(params, 'id'));
  if (id === null) throw errors.legacy('ID is not defined or invalid.');
  return id;
}

function legacyDate(v: unknown, field: string): string | null {
  if (v === null || v === '') return null;
  const ms = parseDateInput(v);
  if (ms === null) throw errors.legacy(`The field ${field} is not defined or invalid.`);
  return toStoredDateTime(ms);
}

/** Applies writable UPPER_CASE fields of crm.activity.add/update onto an activity. */
function applyActivityFields(a: Activity, f: Record<string, unknown>): void {
  if (f.SUBJECT !== undefined) a.SUBJECT = String(f.SUBJECT ?? '');
  if (f.DESCRIPTION !== undefined) a.DESCRIPTION = String(f.DESCRIPTION ?? '');
  if (f.DESCRIPTION_TYPE !== undefined) a.DESCRIPTION_TYPE = Math.min(3, Math.max(1, toInt(f.DESCRIPTION_TYPE, 1)));
  if (f.LOCATION !== undefined) a.LOCATION = String(f.LOCATION ?? '');
  for (const k of ['START_TIME', 'END_TIME', 'DEADLINE'] as const) if (f[k] !== undefined) a[k] = legacyDate(f[k], k);
  if (f.RESPONSIBLE_ID !== undefined) {
    const r = positiveId(f.RESPONSIBLE_ID);
    if (r === null) throw errors.legacy('The field RESPONSIBLE_ID is not defined or invalid.');
    a.RESPONSIBLE_ID = r;
  }
  if (f.PRIORITY !== undefined) a.PRIORITY = Math.min(3, Math.max(1, toInt(f.PRIORITY, 2)));
  if (f.DIRECTION !== undefined) a.DIRECTION = toInt(f.DIRECTION, 0);
  if (f.ORIGIN_ID !== undefined) a.ORIGIN_ID = str(f.ORIGIN_ID);
  if (f.ORIGINATOR_ID !== undefined) a.ORIGINATOR_ID = str(f.ORIGINATOR_ID);
  if (f.STATUS !== undefined) {
    a.STATUS = Math.min(3, Math.max(1, toInt(f.STATUS, 1)));
    a.COMPLETED = a.STATUS === 1 ? 'N' : 'Y';
  }
  if (f.COMPLETED !== undefined) {
    a.COMPLETED = String(f.COMPLETED).toUpperCase() === 'Y' || f.COMPLETED === true || f.COMPLETED === 1 ? 'Y' : 'N';
    a.STATUS = a.COMPLETED === 'Y' ? 2 : 1;
  }
  if (a.DEADLINE === null && a.TYPE_ID !== 6) a.DEADLINE = a.END_TIME ?? a.START_TIME;
}

function legacyFields(params: Params): Record<string, unknown> {
  const f = param(params, 'fields');
  if (!isPlainObject(f)) throw errors.legacy('The parameter fields must be array.');
  return upperKeys(f);
}

// to-do (controller-style) helpers

function requiredParam(params: Params, name: string): unknown {
  const v = param(params, name);
  if (v === undefined || v === null || v === '') throw missingParam(name);
  return v;
}

function todoDeadline(v: unknown): string {
  const ms = parseDateInput(v);
  if (ms === null) throw new RestError('WRONG_DATETIME_FORMAT', `Wrong datetime format: "${String(v)}"`, 400);
  return toStoredDateTime(ms);
}

function todoColor(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  const s = String(v);
  if (!/^[1-7]$/.test(s)) throw errors.invalidArgValue(`colorId must be "1".."7", got "${s}"`);
  return s;
}

function todoPings(v: unknown): number[] {
  const list = listOf(v);
  return list.map((x) => toInt(x, -1)).filter((n) => n >= 0);
}

/** Loads the to-do addressed by `id` + `ownerTypeId` + `ownerId` for an update. */
function loadTodo(ctx: CallContext, params: Params): Activity & { id: number } {
  const id = toInt(requiredParam(params, 'id'), 0);
  const ownerTypeId = toInt(requiredParam(params, 'ownerTypeId'), 0);
  const ownerId = toInt(requiredParam(params, 'ownerId'), 0);
  const a = id > 0 ? activities(ctx.db).get(id) : null;
  if (!a || a.PROVIDER_ID !== 'CRM_TODO') throw notFoundDot();
  if (a.OWNER_TYPE_ID !== ownerTypeId || a.OWNER_ID !== ownerId) {
    if (!crmOwnerExists(ctx.db, ownerTypeId, ownerId))
      throw new RestError('OWNER_NOT_FOUND', 'Owner of the item not found.', 400);
    throw notFoundDot();
  }
  if (a.COMPLETED === 'Y')
    throw new RestError('CAN_NOT_UPDATE_COMPLETED_TODO', 'Completed to-do cannot be changed.', 400);
  return a;
}

function saveTodo(ctx: CallContext, a: Activity & { id: number }): { id: number } {
  a.LAST_UPDATED = toStoredDateTime(Date.now());
  a.EDITOR_ID = ctx.auth.userId;
  activities(ctx.db).put(a.id, a);
  emitEvent(ctx, 'ONCRMACTIVITYUPDATE', { FIELDS: { ID: String(a.id) } });
  return { id: a.id };
}

function todoResponsible(ctx: CallContext, v: unknown): number {
  if (v === undefined || v === null || v === '') return ctx.auth.userId;
  const id = positiveId(v);
  if (id === null || !prepare(ctx.db, 'SELECT 1 FROM users WHERE id = ?').get(id))
    throw errors.invalidArgValue(`responsibleId: user "${String(v)}" not found`);
  return id;
}

const activityMethods: MethodTable = {
  'crm.activity.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const where = compileFilter(param(params, 'filter'), activityResolver);
      const order = compileOrder(param(params, 'order'), activityResolver);
      const page = activities(ctx.db).page(where, order, param(params, 'start'), 'page');
      const select = selectList(param(params, 'select'));
      return new ListResult(
        page.rows.map((a) => applySelect(activityRow(a), select)),
        page.total,
        page.next,
      );
    },
  },
  'crm.activity.get': {
    scope: 'crm',
    handler: (params, ctx) => {
      const a = activities(ctx.db).get(legacyActivityId(params));
      if (!a) throw errors.legacy('Not found');
      return activityRow(a);
    },
  },
  'crm.activity.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      const f = legacyFields(params);
      const ownerTypeId = toInt(f.OWNER_TYPE_ID, 0);
      const ownerId = toInt(f.OWNER_ID, 0);
      if (ownerTypeId <= 0) throw errors.legacy('The field OWNER_TYPE_ID is not defined or invalid.');
      if (ownerId <= 0) throw errors.legacy('The field OWNER_ID is not defined or invalid.');
      const typeId = toInt(f.TYPE_ID, 0);
      if (![1, 2, 3, 4, 6].includes(typeId)) throw errors.legacy('The field TYPE_ID is not defined or invalid.');
      if (typeId === 6 && String(f.PROVIDER_ID ?? '').toUpperCase() !== 'CRM_TODO') {
        throw errors.legacy('The field PROVIDER_ID is not defined or invalid.');
      }
      if (!crmOwnerExists(ctx.db, ownerTypeId, ownerId)) throw errors.legacy('Could not find owner.');
      const a = newActivity(
        { OWNER_TYPE_ID: ownerTypeId, OWNER_ID: ownerId, TYPE_ID: typeId },
        ctx.auth.userId,
        Date.now(),
      );
      applyActivityFields(a, f);
      const id = activities(ctx.db).insert(a);
      emitEvent(ctx, 'ONCRMACTIVITYADD', { FIELDS: { ID: String(id) } });
      return id;
    },
  },
  'crm.activity.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      const id = legacyActivityId(params);
      const table = activities(ctx.db);
      const a = table.get(id);
      if (!a) throw errors.legacy('Not found');
      applyActivityFields(a, legacyFields(params));
      a.LAST_UPDATED = toStoredDateTime(Date.now());
      a.EDITOR_ID = ctx.auth.userId;
      table.put(id, a);
      emitEvent(ctx, 'ONCRMACTIVITYUPDATE', { FIELDS: { ID: String(id) } });
      return true;
    },
  },
  'crm.activity.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      const id = legacyActivityId(params);
      if (!activities(ctx.db).delete(id)) throw errors.legacy('Not found');
      emitEvent(ctx, 'ONCRMACTIVITYDELETE', { FIELDS: { ID: String(id) } });
      return true;
    },
  },
  'crm.activity.fields': {
    scope: 'crm',
    handler: () => {
      const out: Record<string, unknown> = { ID: fieldDesc('integer', 'ID', { readOnly: true }) };
      const titles: Record<string, string> = {
        OWNER_ID: 'Owner ID',
        OWNER_TYPE_ID: 'Owner type',
        TYPE_ID: 'Type',
        PROVIDER_ID: 'Provider',
        PROVIDER_TYPE_ID: 'Provider type',
        SUBJECT: 'Subject',
        START_TIME: 'Start time',
        END_TIME: 'End time',
        DEADLINE: 'Deadline',
        COMPLETED: 'Completed',
        STATUS: 'Status',
        RESPONSIBLE_ID: 'Responsible person',
        PRIORITY: 'Priority',
        DESCRIPTION: 'Description',
        DESCRIPTION_TYPE: 'Description type',
        DIRECTION: 'Direction',
        LOCATION: 'Location',
        CREATED: 'Created',
        LAST_UPDATED: 'Modified',
        AUTHOR_ID: 'Created by',
        EDITOR_ID: 'Modified by',
      };
      const typeName: Record<StoredType, string> = {
        int: 'integer',
        float: 'double',
        string: 'string',
        bool: 'char',
        datetime: 'datetime',
        date: 'date',
        json: 'object',
      };
      const enums: Record<string, string> = {
        TYPE_ID: 'crm_enum_activitytype',
        STATUS: 'crm_enum_activitystatus',
        PRIORITY: 'crm_enum_activitypriority',
        DIRECTION: 'crm_enum_activitydirection',
        OWNER_TYPE_ID: 'crm_enum_ownertype',
        DESCRIPTION_TYPE: 'crm_enum_contenttype',
      };
      const readOnly = new Set(['CREATED', 'LAST_UPDATED', 'AUTHOR_ID', 'EDITOR_ID', 'PROVIDER_TYPE_ID']);
      const required = new Set(['OWNER_ID', 'OWNER_TYPE_ID', 'TYPE_ID', 'SUBJECT']);
      for (const [k, t] of Object.entries(ACTIVITY_TYPES)) {
        if (!(k in titles)) continue;
        const type = enums[k] ?? (['RESPONSIBLE_ID', 'AUTHOR_ID', 'EDITOR_ID'].includes(k) ? 'user' : typeName[t]);
        out[k] = fieldDesc(type, titles[k]!, {
          readOnly: readOnly.has(k),
          required: required.has(k),
          immutable: k === 'OWNER_ID' || k === 'OWNER_TYPE_ID' || k === 'TYPE_ID',
        });
      }
      out.COMMUNICATIONS = fieldDesc('crm_activity_communication', 'Communications', { multiple: true });
      return out;
    },
  },
  'crm.activity.todo.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      const ownerTypeId = toInt(requiredParam(params, 'ownerTypeId'), 0);
      const ownerId = toInt(requiredParam(params, 'ownerId'), 0);
      const deadlineRaw = requiredParam(params, 'deadline');
      if (!crmOwnerExists(ctx.db, ownerTypeId, ownerId)) throw notFoundDot();
      const deadline = todoDeadline(deadlineRaw);
      const parentRaw = param(params, 'parentActivityId');
      const parentId =
        parentRaw === undefined || parentRaw === null || parentRaw === '' ? undefined : toInt(parentRaw, 0);
      if (parentId !== undefined && !activities(ctx.db).get(parentId)) throw notFoundDot();
      const a = newActivity(
        {
          OWNER_TYPE_ID: ownerTypeId,
          OWNER_ID: ownerId,
          TYPE_ID: 6,
          SUBJECT: String(param(params, 'title') ?? ''),
          DESCRIPTION: String(param(params, 'description') ?? ''),
          RESPONSIBLE_ID: todoResponsible(ctx, param(params, 'responsibleId')),
          START_TIME: deadline,
          END_TIME: deadline,
          DEADLINE: deadline,
          COLOR_ID: todoColor(param(params, 'colorId')),
          PING_OFFSETS: todoPings(param(params, 'pingOffsets')),
          ...(parentId !== undefined ? { PARENT_ID: parentId } : {}),
        },
        ctx.auth.userId,
        Date.now(),
      );
      const id = activities(ctx.db).insert(a);
      emitEvent(ctx, 'ONCRMACTIVITYADD', { FIELDS: { ID: String(id) } });
      return { id };
    },
  },
  'crm.activity.todo.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      const deadlineRaw = requiredParam(params, 'deadline');
      const a = loadTodo(ctx, params);
      const deadline = todoDeadline(deadlineRaw);
      Object.assign(a, { DEADLINE: deadline, START_TIME: deadline, END_TIME: deadline });
      const title = param(params, 'title');
      if (title !== undefined) a.SUBJECT = String(title ?? '');
      const description = param(params, 'description');
      if (description !== undefined) a.DESCRIPTION = String(description ?? '');
      const responsible = param(params, 'responsibleId');
      if (responsible !== undefined) a.RESPONSIBLE_ID = todoResponsible(ctx, responsible);
      const color = param(params, 'colorId');
      if (color !== undefined) a.COLOR_ID = todoColor(color);
      const pings = param(params, 'pingOffsets');
      if (pings !== undefined) a.PING_OFFSETS = todoPings(pings);
      return saveTodo(ctx, a);
    },
  },
  'crm.activity.todo.updateDeadline': {
    scope: 'crm',
    handler: (params, ctx) => {
      const value = requiredParam(params, 'value');
      const a = loadTodo(ctx, params);
      const deadline = todoDeadline(value);
      Object.assign(a, { DEADLINE: deadline, START_TIME: deadline, END_TIME: deadline });
      return saveTodo(ctx, a);
    },
  },
  'crm.activity.todo.updateDescription': {
    scope: 'crm',
    handler: (params, ctx) => {
      const value = param(params, 'value');
      if (value === undefined || value === null) throw missingParam('value');
      const a = loadTodo(ctx, params);
      a.DESCRIPTION = String(value);
      return saveTodo(ctx, a);
    },
  },
  'crm.activity.todo.updateColor': {
    scope: 'crm',
    handler: (params, ctx) => {
      const value = requiredParam(params, 'value');
      const a = loadTodo(ctx, params);
      a.COLOR_ID = todoColor(value);
      return saveTodo(ctx, a);
    },
  },
  'crm.activity.todo.updateResponsibleUser': {
    scope: 'crm',
    handler: (params, ctx) => {
      const value = requiredParam(params, 'responsibleId');
      const a = loadTodo(ctx, params);
      a.RESPONSIBLE_ID = todoResponsible(ctx, value);
      return saveTodo(ctx, a);
    },
  },
};

export const crmExtrasFamily: Family = {
  name: 'crm-extras',
  schema: createCrmExtrasSchema,
  methods: { ...timelineMethods, ...activityMethods, ...currencyMethods },
};
