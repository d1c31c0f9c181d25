import type { Db } from '../../db/database.ts';
import { emitEvent } from '../../events/bus.ts';
import { errors } from '../engine/errors.ts';
import { isPlainObject, param, type Params, toInt, upperKeys } from '../engine/params.ts';
import { compileFilter, compileOrder, jsonField, type Column, type ColumnResolver } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { formatIso, toStoredDateTime } from '../engine/time.ts';
import {
  BASE_PRICE_TYPE_ID,
  CATALOG_IBLOCK_ID,
  convertInput,
  currencyExists,
  newProduct,
  PRODUCT_FIELDS,
  prices,
  pricesOf,
  products,
  sections,
  type Price,
  type Product,
} from './catalog-store.ts';
import { baseCurrencyCode } from './crm-extras.ts';

/*
 * Legacy crm.product.* over the catalog's products: UPPER_CASE keys, string values, PRICE and
 * CURRENCY_ID taken from the BASE price type. Legacy errors: empty code, HTTP 400.
 */

/** Legacy name → catalog field. */
const MAP: Record<string, string> = {
  CATALOG_ID: 'iblockId',
  NAME: 'name',
  CODE: 'code',
  ACTIVE: 'active',
  SECTION_ID: 'iblockSectionId',
  SORT: 'sort',
  VAT_ID: 'vatId',
  VAT_INCLUDED: 'vatIncluded',
  MEASURE: 'measure',
  XML_ID: 'xmlId',
  DESCRIPTION: 'detailText',
  DESCRIPTION_TYPE: 'detailTextType',
  DATE_CREATE: 'dateCreate',
  TIMESTAMP_X: 'timestampX',
  MODIFIED_BY: 'modifiedBy',
  CREATED_BY: 'createdBy',
};

const READ_ONLY = new Set(['ID', 'DATE_CREATE', 'TIMESTAMP_X', 'MODIFIED_BY', 'CREATED_BY']);

// `id + 0`: compared with the bare rowid column SQLite ignores the productId expression index
// and scans every price per product.
const basePriceSql = (field: string) =>
  `(SELECT ${jsonField(field, 'pr.data')} FROM catalog_price pr WHERE ${jsonField('productId', 'pr.data')} = (catalog_product.id + 0) AND ${jsonField('catalogGroupId', 'pr.data')} = ${BASE_PRICE_TYPE_ID} LIMIT 1)`;

const resolver: ColumnResolver = (field) => {
  const key = field.toUpperCase();
  if (key === 'ID') return { sql: 'id', type: 'int' };
  if (key === 'PRICE') return { sql: basePriceSql('price'), type: 'float' };
  if (key === 'CURRENCY_ID') return { sql: basePriceSql('currency'), type: 'string' };
  const name = MAP[key];
  if (!name) return null;
  const kind = PRODUCT_FIELDS[name]!.kind;
  const col: Column = {
    sql: jsonField(name),
    type: kind === 'integer' ? 'int' : kind === 'double' ? 'float' : kind === 'datetime' ? 'datetime' : 'string',
  };
  return col;
};

const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const iso = (v: string | null) => (v ? formatIso(Date.parse(v)) : null);

function row(p: Product & { id: number }, base: Price | undefined): Record<string, unknown> {
  return {
    ID: String(p.id),
    CATALOG_ID: String(p.iblockId),
    PRICE: base ? base.price.toFixed(2) : null,
    CURRENCY_ID: base ? base.currency : null,
    NAME: p.name,
    CODE: p.code,
    DESCRIPTION: p.detailText,
    DESCRIPTION_TYPE: p.detailTextType,
    ACTIVE: p.active,
    SECTION_ID: s(p.iblockSectionId),
    SORT: String(p.sort),
    VAT_ID: s(p.vatId),
    VAT_INCLUDED: p.vatIncluded,
    MEASURE: s(p.measure),
    XML_ID: p.xmlId,
    PREVIEW_PICTURE: null,
    DETAIL_PICTURE: null,
    DATE_CREATE: iso(p.dateCreate),
    TIMESTAMP_X: iso(p.timestampX),
    MODIFIED_BY: String(p.modifiedBy),
    CREATED_BY: String(p.createdBy),
  };
}

function basePrices(db: Db, ids: number[]): Map<number, Price> {
  const out = new Map<number, Price>();
  for (const [pid, list] of pricesOf(db, ids)) {
    const base = list.find((p) => p.catalogGroupId === BASE_PRICE_TYPE_ID);
    if (base) out.set(pid, base);
  }
  return out;
}

function legacyId(params: Params): number {
  const id = toInt(param(params, 'id'), 0);
  if (id <= 0) throw errors.legacy('ID is not defined or invalid.');
  return id;
}

function legacyFields(params: Params): Record<string, unknown> {
  const f = param(params, 'fields');
  if (!isPlainObject(f)) throw errors.legacy('The parameter fields must be array.');
  return upperKeys(f);
}

/** Applies legacy fields; catalog validation errors are re-thrown with the empty legacy code. */
function applyLegacy(db: Db, target: Product, f: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(f)) {
    const name = MAP[key];
    if (!name || READ_ONLY.has(key) || name === 'iblockId') continue;
    try {
      (target as Record<string, unknown>)[name] = convertInput(PRODUCT_FIELDS, name, value);
    } catch {
      throw errors.legacy(
        `The field ${key} has an invalid value "${typeof value === 'object' ? JSON.stringify(value) : String(value)}".`,
      );
    }
  }
  if (!target.name || !target.name.trim()) throw errors.legacy('The field NAME is required.');
  if (target.iblockSectionId !== null && !sections(db).get(target.iblockSectionId)) {
    throw errors.legacy(`Section ${target.iblockSectionId} (SECTION_ID) not found.`);
  }
}

/** Writes the BASE price from PRICE / CURRENCY_ID when given. */
function applyLegacyPrice(db: Db, productId: number, f: Record<string, unknown>, nowMs: number): void {
  if (f.PRICE === undefined && f.CURRENCY_ID === undefined) return;
  const current = basePrices(db, [productId]).get(productId) as (Price & { id: number }) | undefined;
  const currency = String(f.CURRENCY_ID ?? current?.currency ?? baseCurrencyCode(db)).toUpperCase();
  const price = f.PRICE === undefined ? (current?.price ?? 0) : Number(String(f.PRICE).replace(',', '.'));
  const next: Price = {
    productId,
    catalogGroupId: BASE_PRICE_TYPE_ID,
    price,
    currency,
    extraId: null,
    quantityFrom: null,
    quantityTo: null,
    timestampX: toStoredDateTime(nowMs),
  };
  if (current) prices(db).put(current.id, next);
  else prices(db).insert(next);
}

function validateLegacyPrice(db: Db, f: Record<string, unknown>): void {
  if (f.PRICE !== undefined && f.PRICE !== null && f.PRICE !== '') {
    const n = Number(String(f.PRICE).replace(',', '.'));
    if (!Number.isFinite(n) || n < 0) throw errors.legacy(`The field PRICE has an invalid value "${String(f.PRICE)}".`);
  }
  if (f.CURRENCY_ID !== undefined && !currencyExists(db, String(f.CURRENCY_ID))) {
    throw errors.legacy(`Currency "${String(f.CURRENCY_ID)}" (CURRENCY_ID) not found.`);
  }
}

function legacyFieldDesc(type: string, title: string, opts: { required?: boolean; readOnly?: boolean } = {}) {
  return {
    type,
    isRequired: opts.required ?? false,
    isReadOnly: opts.readOnly ?? false,
    isImmutable: false,
    isMultiple: false,
    isDynamic: false,
    title,
  };
}

export const crmProductMethods: MethodTable = {
  'crm.product.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      const f = legacyFields(params);
      if (f.CATALOG_ID !== undefined && toInt(f.CATALOG_ID, 0) !== CATALOG_IBLOCK_ID)
        throw errors.legacy(`Catalog ${String(f.CATALOG_ID)} (CATALOG_ID) not found.`);
      const now = Date.now();
      const product = newProduct({ name: '' }, ctx.auth.userId, now);
      applyLegacy(ctx.db, product, f);
      validateLegacyPrice(ctx.db, f);
      const table = products(ctx.db);
      const id = ctx.db.transaction(() => {
        const newId = table.insert(product);
        if (product.xmlId === null) table.patch(newId, { xmlId: String(newId) });
        applyLegacyPrice(ctx.db, newId, f, now);
        return newId;
      })();
      emitEvent(ctx, 'ONCRMPRODUCTADD', { FIELDS: { ID: String(id) } });
      return id;
    },
  },
  'crm.product.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      const id = legacyId(params);
      const table = products(ctx.db);
      const current = table.get(id);
      if (!current) throw errors.legacy('Not found');
      const f = legacyFields(params);
      const now = Date.now();
      const next: Product = { ...current, modifiedBy: ctx.auth.userId, timestampX: toStoredDateTime(now) };
      applyLegacy(ctx.db, next, f);
      validateLegacyPrice(ctx.db, f);
      ctx.db.transaction(() => {
        table.put(id, next);
        applyLegacyPrice(ctx.db, id, f, now);
      })();
      emitEvent(ctx, 'ONCRMPRODUCTUPDATE', { FIELDS: { ID: String(id) } });
      return true;
    },
  },
  'crm.product.get': {
    scope: 'crm',
    handler: (params, ctx) => {
      const id = legacyId(params);
      const p = products(ctx.db).get(id);
      if (!p) throw errors.legacy('Not found');
      return row(p, basePrices(ctx.db, [id]).get(id));
    },
  },
  'crm.product.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      const id = legacyId(params);
      if (!products(ctx.db).get(id)) throw errors.legacy('Not found');
      ctx.db.transaction(() => {
        for (const p of pricesOf(ctx.db, [id]).get(id) ?? []) prices(ctx.db).delete(p.id);
        products(ctx.db).delete(id);
      })();
      emitEvent(ctx, 'ONCRMPRODUCTDELETE', { FIELDS: { ID: String(id) } });
      return true;
    },
  },
  'crm.product.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const where = compileFilter(param(params, 'filter'), resolver);
      const order = compileOrder(param(params, 'order'), resolver);
      const page = products(ctx.db).page(where, order, param(params, 'start'), 'page');
      const rawSelect = param(params, 'select');
      const select = (
        Array.isArray(rawSelect) ? rawSelect : isPlainObject(rawSelect) ? Object.values(rawSelect) : []
      ).map((x) => String(x).toUpperCase());
      const bases = basePrices(
        ctx.db,
        page.rows.map((p) => p.id),
      );
      const rows = page.rows.map((p) => {
        const full = row(p, bases.get(p.id));
        if (select.length === 0 || select.includes('*')) return full;
        return Object.fromEntries(Object.entries(full).filter(([k]) => k === 'ID' || select.includes(k)));
      });
      return new ListResult(rows, page.total, page.next);
    },
  },
  'crm.product.fields': {
    scope: 'crm',
    handler: () => ({
      ID: legacyFieldDesc('integer', 'ID', { readOnly: true }),
      CATALOG_ID: legacyFieldDesc('integer', 'Catalog'),
      PRICE: legacyFieldDesc('double', 'Price'),
      CURRENCY_ID: legacyFieldDesc('string', 'Currency'),
      NAME: legacyFieldDesc('string', 'Name', { required: true }),
      CODE: legacyFieldDesc('string', 'Symbolic code'),
      DESCRIPTION: legacyFieldDesc('string', 'Description'),
      DESCRIPTION_TYPE: legacyFieldDesc('string', 'Description type'),
      ACTIVE: legacyFieldDesc('char', 'Active'),
      SECTION_ID: legacyFieldDesc('integer', 'Section'),
      SORT: legacyFieldDesc('integer', 'Sort'),
      VAT_ID: legacyFieldDesc('integer', 'VAT rate'),
      VAT_INCLUDED: legacyFieldDesc('char', 'VAT included'),
      MEASURE: legacyFieldDesc('integer', 'Unit of measure'),
      XML_ID: legacyFieldDesc('string', 'External ID'),
      PREVIEW_PICTURE: legacyFieldDesc('product_file', 'Preview image'),
      DETAIL_PICTURE: legacyFieldDesc('product_file', 'Detailed image'),
      DATE_CREATE: legacyFieldDesc('datetime', 'Created on', { readOnly: true }),
      TIMESTAMP_X: legacyFieldDesc('datetime', 'Modified on', { readOnly: true }),
      MODIFIED_BY: legacyFieldDesc('user', 'Modified by', { readOnly: true }),
      CREATED_BY: legacyFieldDesc('user', 'Created by', { readOnly: true }),
    }),
  },
};
