import type { Db } from '../../db/database.ts';
import { emitEvent } from '../../events/bus.ts';
import type { CallContext } from '../engine/context.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, toInt } from '../engine/params.ts';
import { listPage, prepare, type Page, type PagingFlavour, type SqlPart } from '../engine/query.ts';
import { formatIso, fromWallClock, toStoredDateTime, wallClock } from '../engine/time.ts';
import { isInvalid, valueIn, valueOut, type EntityFields, type FieldDef } from './crm-fields.ts';
import {
  addMultiField,
  baseCurrency,
  categoryById,
  COMPANY,
  CONTACT,
  DEAL,
  defaultCategory,
  deleteMultiFieldsOf,
  LEAD,
  MULTI_VALUE_TYPES,
  multiFieldsFor,
  stagePrefix,
  stagesOf,
  statusesOf,
  type CrmDoc,
  type EntityInfo,
  type MultiRow,
  type MultiType,
} from './crm-store.ts';

/** Reading and writing CRM records: defaults, stages, bindings, multi-fields, events. */

export type Regime = 'legacy' | 'item';

export interface StoredRecord {
  id: number;
  doc: CrmDoc;
}

export function loadRecord(db: Db, info: EntityInfo, id: number): StoredRecord | null {
  if (!Number.isInteger(id) || id <= 0) return null;
  const row = prepare(db, `SELECT data FROM ${info.table} WHERE id = ?`).get(id) as { data: string } | undefined;
  return row ? { id, doc: JSON.parse(row.data) as CrmDoc } : null;
}

// `json_extract(data, '$."OPPORTUNITY"') DESC, …`: an ORDER BY whose first key is a stored field.
const ORDER_FIELD = /^json_extract\(data, '\$\."([A-Za-z0-9_]+)"'\) (?:ASC|DESC)\b/;
const orderIndexes = new WeakMap<Db, Set<string>>();

/**
 * A portal's database sorts on indexed columns; records here are JSON documents, so without help every
 * sorted page would extract and sort the whole table (~0.2 s a page at 100,000 deals, 50 pages per
 * batch). The first sort on a field adds an expression index on it (and id, the tie-breaker), so pages
 * are read in index order like on a portal.
 */
function ensureOrderIndex(db: Db, table: string, orderBy: string): void {
  const field = ORDER_FIELD.exec(orderBy)?.[1];
  if (!field) return;
  let done = orderIndexes.get(db);
  if (!done) orderIndexes.set(db, (done = new Set()));
  const name = `${table}_order_${field}`;
  if (done.has(name)) return;
  db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (json_extract(data, '$."${field}"'), id)`);
  done.add(name);
}

export function pageRecords(
  db: Db,
  info: EntityInfo,
  where: SqlPart,
  orderBy: string,
  start: unknown,
  flavour: PagingFlavour,
): Page<StoredRecord> {
  ensureOrderIndex(db, info.table, orderBy);
  const page = listPage<{ id: number; data: string }>(db, {
    from: info.table,
    where,
    orderBy,
    start,
    flavour,
    select: 'id, data',
  });
  return { ...page, rows: page.rows.map((r) => ({ id: r.id, doc: JSON.parse(r.data) as CrmDoc })) };
}

export function hasMultiFields(info: EntityInfo): boolean {
  return info.entityTypeId === LEAD || info.entityTypeId === CONTACT || info.entityTypeId === COMPANY;
}

interface AuditNames {
  created: string;
  modified: string;
  createdBy: string;
  modifiedBy: string;
  movedBy: string;
}
const LEGACY_AUDIT: AuditNames = {
  created: 'DATE_CREATE',
  modified: 'DATE_MODIFY',
  createdBy: 'CREATED_BY_ID',
  modifiedBy: 'MODIFY_BY_ID',
  movedBy: 'MOVED_BY_ID',
};
const DYNAMIC_AUDIT: AuditNames = {
  created: 'CREATED_TIME',
  modified: 'UPDATED_TIME',
  createdBy: 'CREATED_BY',
  modifiedBy: 'UPDATED_BY',
  movedBy: 'MOVED_BY',
};
export function auditNames(info: EntityInfo): AuditNames {
  return info.dynamic ? DYNAMIC_AUDIT : LEGACY_AUDIT;
}

// ---------------------------------------------------------------------------------------------
// Output

export function multiOutLegacy(rows: MultiRow[]): Record<string, string>[] {
  return rows.map((r) => ({ ID: String(r.id), VALUE_TYPE: r.value_type, VALUE: r.value, TYPE_ID: r.type_id }));
}

export function legacyRow(defs: FieldDef[], rec: StoredRecord, multi: MultiRow[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (def.name === 'ID') out.ID = String(rec.id);
    else if (def.kind === 'multi') {
      const rows = (multi ?? []).filter((r) => r.type_id === def.name);
      if (rows.length > 0) out[def.name] = multiOutLegacy(rows);
    } else out[def.name] = valueOut(def, rec.doc[def.name], 'legacy');
  }
  return out;
}

const lowerFirst = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();

export function itemRow(
  fields: EntityFields,
  defs: FieldDef[],
  rec: StoredRecord,
  multi: MultiRow[] | null,
  useOriginalUfNames: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (def.name === 'ID') out.id = rec.id;
    else out[def.kind === 'uf' && useOriginalUfNames ? def.name : def.camel] = valueOut(def, rec.doc[def.name], 'item');
  }
  if (multi !== null && hasMultiFields(fields.info)) {
    for (const type of ['PHONE', 'EMAIL'] as const) {
      const key = type.toLowerCase();
      const rows = multi.filter((r) => r.type_id === type);
      out[key] = rows[0]?.value ?? null;
      for (const r of rows) {
        const k = `${key}${lowerFirst(r.value_type)}`;
        if (!(k in out)) out[k] = r.value;
      }
    }
    out.fm = multi.map((r) => ({ id: r.id, valueType: r.value_type, value: r.value, typeId: r.type_id }));
  }
  out.entityTypeId = fields.info.entityTypeId;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Input

export interface MultiItem {
  ID?: unknown;
  VALUE?: unknown;
  VALUE_TYPE?: unknown;
  DELETE?: unknown;
}

export interface WriteInput {
  values: Map<FieldDef, unknown>;
  multi: Map<MultiType, MultiItem[]>;
}

function listOf(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (isPlainObject(raw)) {
    // `{"n0": {...}}` style maps and a single `{VALUE: …}` object
    if ('VALUE' in raw || 'ID' in raw || 'value' in raw || 'id' in raw) return [raw];
    return Object.values(raw);
  }
  return [];
}

function upperItem(raw: unknown): MultiItem | null {
  if (!isPlainObject(raw)) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) out[k.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()] = v;
  return out as MultiItem;
}

/** Collects writable fields from `fields`; unknown and read-only keys are dropped (legacy semantics). */
export function collectInput(
  fields: EntityFields,
  input: Record<string, unknown>,
  regime: Regime,
  isUpdate: boolean,
): WriteInput {
  const values = new Map<FieldDef, unknown>();
  const multi = new Map<MultiType, MultiItem[]>();
  const multiAllowed = hasMultiFields(fields.info);
  for (const [key, raw] of Object.entries(input)) {
    if (regime === 'item' && key === 'fm') {
      if (!multiAllowed) continue;
      for (const it of listOf(raw)) {
        const item = upperItem(it);
        const typeId = String(
          item && (item as Record<string, unknown>).TYPE_ID ? (item as Record<string, unknown>).TYPE_ID : '',
        ).toUpperCase() as MultiType;
        if (!item || !(typeId in MULTI_VALUE_TYPES)) continue;
        const list = multi.get(typeId) ?? [];
        list.push(item);
        multi.set(typeId, list);
      }
      continue;
    }
    const def =
      regime === 'legacy' ? fields.byName.get(key.toUpperCase()) : (fields.byCamel.get(key) ?? fields.byName.get(key));
    if (!def) continue;
    if (regime === 'legacy' && !def.legacy) continue;
    if (def.kind === 'multi') {
      if (!multiAllowed) continue;
      const items = listOf(raw)
        .map(upperItem)
        .filter((x): x is MultiItem => x !== null);
      multi.set(def.name as MultiType, [...(multi.get(def.name as MultiType) ?? []), ...items]);
      continue;
    }
    if (def.readOnly) continue;
    if (isUpdate && def.immutable && regime === 'legacy') continue;
    const v = valueIn(def, raw);
    if (isInvalid(v)) {
      if (regime === 'item')
        throw new RestError('CRM_FIELD_ERROR_VALUE_NOT_VALID', `Incorrect value for field "${def.title}"`, 400);
      continue;
    }
    values.set(def, v);
  }
  return { values, multi };
}

// ---------------------------------------------------------------------------------------------
// Write

function todayPlus(days: number, nowMs: number): string {
  const w = wallClock(nowMs);
  const ms = fromWallClock(w.year, w.month, w.day) + days * 86_400_000 + 3_600_000 * 3;
  const d = wallClock(ms);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function defaultsFor(info: EntityInfo, userId: number, nowMs: number, db: Db): CrmDoc {
  const now = toStoredDateTime(nowMs);
  const a = auditNames(info);
  const doc: CrmDoc = {
    OPENED: 'Y',
    ASSIGNED_BY_ID: userId,
    [a.createdBy]: userId,
    [a.modifiedBy]: userId,
    [a.created]: now,
    [a.modified]: now,
    LAST_ACTIVITY_TIME: now,
    LAST_ACTIVITY_BY: userId,
  };
  const currency = baseCurrency(db);
  const firstOf = (entityId: string) => statusesOf(db, entityId)[0]?.STATUS_ID ?? null;
  switch (info.entityTypeId) {
    case DEAL:
      Object.assign(doc, {
        TYPE_ID: firstOf('DEAL_TYPE'),
        SOURCE_ID: firstOf('SOURCE'),
        CATEGORY_ID: 0,
        CURRENCY_ID: currency,
        OPPORTUNITY: 0,
        IS_MANUAL_OPPORTUNITY: 'N',
        TAX_VALUE: 0,
        PROBABILITY: null,
        BEGINDATE: todayPlus(0, nowMs),
        CLOSEDATE: todayPlus(7, nowMs),
        CLOSED: 'N',
        IS_NEW: 'Y',
        IS_RECURRING: 'N',
        IS_RETURN_CUSTOMER: 'N',
        IS_REPEATED_APPROACH: 'N',
        CONTACT_IDS: [],
        OBSERVERS: [],
        MOVED_BY_ID: userId,
        MOVED_TIME: now,
      });
      break;
    case LEAD:
      Object.assign(doc, {
        STATUS_ID: firstOf('STATUS'),
        SOURCE_ID: firstOf('SOURCE'),
        CURRENCY_ID: currency,
        OPPORTUNITY: 0,
        IS_MANUAL_OPPORTUNITY: 'N',
        HAS_PHONE: 'N',
        HAS_EMAIL: 'N',
        HAS_IMOL: 'N',
        IS_RETURN_CUSTOMER: 'N',
        OBSERVERS: [],
        MOVED_BY_ID: userId,
        MOVED_TIME: now,
      });
      break;
    case CONTACT:
      Object.assign(doc, {
        TYPE_ID: firstOf('CONTACT_TYPE'),
        SOURCE_ID: firstOf('SOURCE'),
        EXPORT: 'Y',
        HAS_PHONE: 'N',
        HAS_EMAIL: 'N',
        HAS_IMOL: 'N',
        COMPANY_IDS: [],
        OBSERVERS: [],
      });
      break;
    case COMPANY:
      Object.assign(doc, {
        COMPANY_TYPE: firstOf('COMPANY_TYPE'),
        CURRENCY_ID: currency,
        REVENUE: 0,
        IS_MY_COMPANY: 'N',
        HAS_PHONE: 'N',
        HAS_EMAIL: 'N',
        HAS_IMOL: 'N',
        CONTACT_IDS: [],
        OBSERVERS: [],
      });
      break;
    default:
      Object.assign(doc, {
        CATEGORY_ID: defaultCategory(db, info.entityTypeId)?.id ?? null,
        CURRENCY_ID: currency,
        OPPORTUNITY: 0,
        IS_MANUAL_OPPORTUNITY: 'N',
        TAX_VALUE: 0,
        BEGINDATE: todayPlus(0, nowMs),
        CLOSEDATE: todayPlus(7, nowMs),
        CONTACT_IDS: [],
        OBSERVERS: [],
        MOVED_BY: userId,
        MOVED_TIME: now,
      });
  }
  return doc;
}

function ufDefaults(fields: EntityFields, doc: CrmDoc): void {
  for (const def of fields.userFields) {
    const uf = def.uf!;
    if (uf.USER_TYPE_ID === 'boolean') {
      const d = toInt(uf.SETTINGS.DEFAULT_VALUE, 0) > 0 ? 1 : 0;
      doc[def.name] = def.multiple ? [d] : d;
    } else if (uf.USER_TYPE_ID === 'enumeration') {
      const defs = (uf.LIST ?? []).filter((i) => i.DEF === 'Y').map((i) => i.ID);
      if (defs.length > 0) doc[def.name] = def.multiple ? defs : defs[0];
    } else if (
      typeof uf.SETTINGS.DEFAULT_VALUE === 'string' &&
      uf.SETTINGS.DEFAULT_VALUE !== '' &&
      ['string', 'integer', 'double', 'url'].includes(uf.USER_TYPE_ID)
    ) {
      const v = valueIn(def, uf.SETTINGS.DEFAULT_VALUE);
      if (!isInvalid(v)) doc[def.name] = v;
    }
  }
}

function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function semanticOf(semantics: 'S' | 'F' | null | undefined): 'S' | 'F' | 'P' {
  return semantics === 'S' ? 'S' : semantics === 'F' ? 'F' : 'P';
}

/**
 * Puts the stage into the record's pipeline and derives the stage-dependent fields. With `strict`
 * (crm.item.update naming a stage without changing the pipeline) a stage of another pipeline is
 * refused like a real portal does (crm Field\Stage: CRM_FIELD_ERROR_VALUE_NOT_VALID), not replaced.
 */
function normalizeStage(
  db: Db,
  info: EntityInfo,
  doc: CrmDoc,
  prev: CrmDoc | null,
  userId: number,
  now: string,
  strict = false,
): void {
  const a = auditNames(info);
  if (info.entityTypeId === LEAD) {
    const stages = statusesOf(db, 'STATUS');
    let stage = stages.find((s) => s.STATUS_ID === doc.STATUS_ID);
    if (!stage) stage = stages.find((s) => s.STATUS_ID === prev?.STATUS_ID) ?? stages[0];
    if (!stage) return;
    doc.STATUS_ID = stage.STATUS_ID;
    doc.STATUS_SEMANTIC_ID = semanticOf(stage.SEMANTICS);
    if (prev && prev.STATUS_ID !== doc.STATUS_ID) {
      doc[a.movedBy] = userId;
      doc.MOVED_TIME = now;
    }
    doc.DATE_CLOSED = stage.SEMANTICS
      ? prev?.DATE_CLOSED && prev.STATUS_ID === doc.STATUS_ID
        ? prev.DATE_CLOSED
        : now
      : null;
    return;
  }
  if (info.entityTypeId !== DEAL && !info.dynamic) return;
  let categoryId = typeof doc.CATEGORY_ID === 'number' ? doc.CATEGORY_ID : null;
  if (categoryId === null || !categoryById(db, info.entityTypeId, categoryId)) {
    const fallback =
      prev && typeof prev.CATEGORY_ID === 'number' && categoryById(db, info.entityTypeId, prev.CATEGORY_ID)
        ? prev.CATEGORY_ID
        : defaultCategory(db, info.entityTypeId)?.id;
    categoryId = fallback ?? 0;
  }
  doc.CATEGORY_ID = categoryId;
  const stages = stagesOf(db, info.entityTypeId, categoryId);
  const wanted = typeof doc.STAGE_ID === 'string' ? doc.STAGE_ID : '';
  let stage = stages.find((s) => s.STATUS_ID === wanted);
  // The portal compares the full id there (`C1:WON`); a bare code of pipeline 0 (`WON`) is another pipeline's stage.
  if (!stage && strict && wanted !== prev?.STAGE_ID)
    throw new RestError('CRM_FIELD_ERROR_VALUE_NOT_VALID', 'Incorrect value for field "Stage"', 400);
  stage ??= stages.find((s) => s.STATUS_ID === `${stagePrefix(info.entityTypeId, categoryId)}${wanted}`);
  if (!stage) stage = stages.find((s) => s.STATUS_ID === prev?.STAGE_ID) ?? stages[0];
  if (!stage) return;
  doc.STAGE_ID = stage.STATUS_ID;
  doc.STAGE_SEMANTIC_ID = semanticOf(stage.SEMANTICS);
  if (info.entityTypeId === DEAL) doc.CLOSED = stage.SEMANTICS ? 'Y' : 'N';
  if (prev && prev.STAGE_ID !== doc.STAGE_ID) {
    doc[a.movedBy] = userId;
    doc.MOVED_TIME = now;
    if (info.dynamic) doc.PREVIOUS_STAGE_ID = prev.STAGE_ID ?? null;
  }
}

function syncPrimary(doc: CrmDoc, prev: CrmDoc | null, listKey: string, primaryKey: string, given: Set<string>): void {
  if (given.has(listKey)) {
    const list = Array.isArray(doc[listKey]) ? (doc[listKey] as number[]) : [];
    doc[primaryKey] = list[0] ?? null;
  } else if (given.has(primaryKey)) {
    const old = Array.isArray(prev?.[listKey]) ? (prev![listKey] as number[]) : [];
    const primary = doc[primaryKey];
    const oldPrimary = prev?.[primaryKey];
    const rest = old.filter((x) => x !== primary && x !== oldPrimary);
    doc[listKey] = typeof primary === 'number' ? [primary, ...rest] : rest;
  }
}

function applyMulti(db: Db, info: EntityInfo, id: number, multi: Map<MultiType, MultiItem[]>): void {
  if (multi.size === 0) return;
  const existing = new Map((multiFieldsFor(db, info.entityTypeId, [id]).get(id) ?? []).map((r) => [r.id, r]));
  for (const [typeId, items] of multi) {
    const allowed = MULTI_VALUE_TYPES[typeId];
    for (const item of items) {
      const itemId = toInt(item.ID, 0);
      const value = item.VALUE === undefined || item.VALUE === null ? '' : String(item.VALUE).trim();
      const rawType = typeof item.VALUE_TYPE === 'string' ? item.VALUE_TYPE.toUpperCase() : '';
      if (itemId > 0) {
        const row = existing.get(itemId);
        if (!row || row.type_id !== typeId) continue;
        if (String(item.DELETE ?? '').toUpperCase() === 'Y' || value === '') {
          prepare(db, 'DELETE FROM crm_multifield WHERE id = ?').run(itemId);
        } else {
          const valueType = allowed.includes(rawType) ? rawType : row.value_type;
          prepare(db, 'UPDATE crm_multifield SET value = ?, value_type = ? WHERE id = ?').run(value, valueType, itemId);
        }
      } else if (value !== '') {
        addMultiField(
          db,
          info.entityTypeId,
          id,
          typeId,
          allowed.includes(rawType) ? rawType : typeId === 'IM' ? 'OTHER' : allowed[0]!,
          value,
        );
      }
    }
  }
}

function multiFlags(db: Db, info: EntityInfo, id: number): Record<string, 'Y' | 'N'> {
  const rows = multiFieldsFor(db, info.entityTypeId, [id]).get(id) ?? [];
  return {
    HAS_PHONE: rows.some((r) => r.type_id === 'PHONE') ? 'Y' : 'N',
    HAS_EMAIL: rows.some((r) => r.type_id === 'EMAIL') ? 'Y' : 'N',
    HAS_IMOL: rows.some((r) => r.type_id === 'IM' && (r.value_type === 'IMOL' || r.value_type === 'OPENLINE'))
      ? 'Y'
      : 'N',
  };
}

function defaultTitle(info: EntityInfo, id: number): string | null {
  switch (info.entityTypeId) {
    case DEAL:
      return `Deal #${id}`;
    case LEAD:
      return `Lead #${id}`;
    case COMPANY:
      return `Company #${id}`;
    case CONTACT:
      return null;
    default:
      return `${info.type?.TITLE ?? 'Item'} #${id}`;
  }
}

function eventBase(info: EntityInfo): string | null {
  return info.dynamic ? null : `ONCRM${info.name}`;
}

export function emitRecordEvent(
  ctx: CallContext,
  info: EntityInfo,
  action: 'ADD' | 'UPDATE' | 'DELETE',
  id: number,
): void {
  const base = eventBase(info);
  if (base) {
    emitEvent(ctx, `${base}${action}`, { FIELDS: { ID: String(id) } });
    return;
  }
  const data = { FIELDS: { ID: String(id), ENTITY_TYPE_ID: String(info.entityTypeId) } };
  emitEvent(ctx, `ONCRMDYNAMICITEM${action}`, data);
  emitEvent(ctx, `ONCRMDYNAMICITEM${action}_${info.entityTypeId}`, data);
}

function requiredError(regime: Regime, def: FieldDef): RestError {
  return regime === 'legacy'
    ? errors.legacy(`Field "${def.title}" is required.`)
    : new RestError('CRM_FIELD_ERROR_REQUIRED', `Field "${def.title}" is required`, 400);
}

/** Creates (existing null) or updates a record; returns its id. Emits the ADD/UPDATE event. */
export function writeRecord(
  ctx: CallContext,
  fields: EntityFields,
  existing: StoredRecord | null,
  input: WriteInput,
  regime: Regime,
): number {
  const { db } = ctx;
  const info = fields.info;
  const userId = ctx.auth.userId;
  const nowMs = Date.now();
  const a = auditNames(info);
  let now = toStoredDateTime(nowMs);
  // updatedTime must change on every update: clients use it to detect edit conflicts.
  const prevModified = existing?.doc[a.modified];
  if (typeof prevModified === 'string' && prevModified >= now) now = toStoredDateTime(Date.parse(prevModified) + 1000);

  const doc: CrmDoc = existing ? { ...existing.doc } : defaultsFor(info, userId, nowMs, db);
  if (!existing) ufDefaults(fields, doc);
  const given = new Set<string>();
  for (const [def, v] of input.values) {
    doc[def.name] = v;
    given.add(def.name);
  }
  if (!existing) {
    for (const def of fields.userFields)
      if (def.required && isEmptyValue(doc[def.name])) throw requiredError(regime, def);
  } else {
    for (const def of fields.userFields)
      if (def.required && given.has(def.name) && isEmptyValue(doc[def.name])) throw requiredError(regime, def);
  }
  if (info.entityTypeId === CONTACT) syncPrimary(doc, existing?.doc ?? null, 'COMPANY_IDS', 'COMPANY_ID', given);
  if (info.entityTypeId === DEAL || info.dynamic)
    syncPrimary(doc, existing?.doc ?? null, 'CONTACT_IDS', 'CONTACT_ID', given);
  const strictStage = regime === 'item' && !!existing && given.has('STAGE_ID') && !given.has('CATEGORY_ID');
  normalizeStage(db, info, doc, existing?.doc ?? null, userId, now, strictStage);
  doc[a.modified] = now;
  doc[a.modifiedBy] = userId;
  if (!existing) doc[a.created] = now;

  let id: number;
  if (existing) {
    id = existing.id;
  } else {
    id = ((prepare(db, `SELECT COALESCE(MAX(id), 0) AS m FROM ${info.table}`).get() as { m: number }).m ?? 0) + 1;
    if (isEmptyValue(doc.TITLE)) {
      const t = defaultTitle(info, id);
      if (t !== null) doc.TITLE = t;
    }
  }
  if (hasMultiFields(info) && input.multi.size > 0) {
    if (!existing) prepare(db, `INSERT INTO ${info.table} (id, data) VALUES (?, ?)`).run(id, JSON.stringify(doc));
    applyMulti(db, info, id, input.multi);
    Object.assign(doc, multiFlags(db, info, id));
    prepare(db, `UPDATE ${info.table} SET data = ? WHERE id = ?`).run(JSON.stringify(doc), id);
  } else if (existing) {
    prepare(db, `UPDATE ${info.table} SET data = ? WHERE id = ?`).run(JSON.stringify(doc), id);
  } else {
    prepare(db, `INSERT INTO ${info.table} (id, data) VALUES (?, ?)`).run(id, JSON.stringify(doc));
  }
  emitRecordEvent(ctx, info, existing ? 'UPDATE' : 'ADD', id);
  return id;
}

export function deleteRecord(ctx: CallContext, info: EntityInfo, id: number): void {
  prepare(ctx.db, `DELETE FROM ${info.table} WHERE id = ?`).run(id);
  deleteMultiFieldsOf(ctx.db, info.entityTypeId, id);
  emitRecordEvent(ctx, info, 'DELETE', id);
}

/** Stored datetime → wire (for callers that format audit fields themselves). */
export function isoOf(stored: unknown): string | null {
  if (typeof stored !== 'string') return null;
  const ms = Date.parse(stored);
  return Number.isNaN(ms) ? null : formatIso(ms);
}
