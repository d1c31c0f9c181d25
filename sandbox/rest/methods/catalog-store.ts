import type { Db } from '../../db/database.ts';
import { RestError } from '../engine/errors.ts';
import { isPlainObject } from '../engine/params.ts';
import { DocTable, jsonField, prepare, type Column, type ColumnResolver, type StoredType } from '../engine/query.ts';
import { formatIso, parseDateInput, toStoredDateTime } from '../engine/time.ts';
import { currencyRate, getCurrency } from './crm-extras.ts';

/*
 * Storage of the product catalog shared by catalog.* (camelCase, numbers) and the legacy
 * crm.product.* (UPPER_CASE strings). One catalog (info block 23), one price type (BASE, id 1).
 */

export const CATALOG_IBLOCK_ID = 23;
export const BASE_PRICE_TYPE_ID = 1;

/** Catalog errors carry numeric codes (methods.md §7.2). */
export const catalogError = (code: number, text: string) => new RestError(code, text, 400);
export const missingCatalogParam = (name: string) => catalogError(100, `Could not find value for parameter {${name}}`);

export interface Section extends Record<string, unknown> {
  iblockId: number;
  iblockSectionId: number | null;
  name: string;
  xmlId: string | null;
  code: string | null;
  active: 'Y' | 'N';
  sort: number;
  description: string | null;
  descriptionType: 'text' | 'html';
}

export interface Product extends Record<string, unknown> {
  iblockId: number;
  iblockSectionId: number | null;
  name: string;
  active: 'Y' | 'N';
  code: string | null;
  xmlId: string | null;
  sort: number;
  measure: number | null;
  vatId: number | null;
  vatIncluded: 'Y' | 'N';
  purchasingPrice: number | null;
  purchasingCurrency: string | null;
  quantity: number | null;
  quantityReserved: number | null;
  quantityTrace: 'Y' | 'N' | 'D';
  canBuyZero: 'Y' | 'N' | 'D';
  subscribe: 'Y' | 'N' | 'D';
  weight: number | null;
  width: number | null;
  height: number | null;
  length: number | null;
  previewText: string | null;
  previewTextType: 'text' | 'html';
  detailText: string | null;
  detailTextType: 'text' | 'html';
  createdBy: number;
  modifiedBy: number;
  dateCreate: string;
  timestampX: string;
  dateActiveFrom: string | null;
  dateActiveTo: string | null;
  /** Custom property values by property id (absent: none set). */
  properties?: Record<string, string>;
}

/**
 * Custom properties of the catalog (`property<ID>` on catalog.product.*; Bitrix24's UI says
 * `PROPERTY_<ID>`). A real catalog defines them per info block; the sandbox has these two, both
 * single string values, listed by catalog.productProperty.list.
 */
export const PRODUCT_PROPERTIES = [
  { id: 101, name: 'Brand', code: 'BRAND', sort: 100 },
  { id: 102, name: 'Colour', code: 'COLOUR', sort: 200 },
] as const;

/** `property101` → 101 for a defined property, null for anything else. */
export function productPropertyId(key: string): number | null {
  const m = /^property(\d+)$/i.exec(key);
  const id = m ? Number(m[1]) : null;
  return id !== null && PRODUCT_PROPERTIES.some((p) => p.id === id) ? id : null;
}

/** A property value as the portal sends it: `{valueId, value}`, or null when empty. */
export function propertyOut(productId: number, propertyId: number, value: string | undefined): unknown {
  return value === undefined || value === '' ? null : { valueId: `${productId}${propertyId}`, value };
}

export interface Price extends Record<string, unknown> {
  productId: number;
  catalogGroupId: number;
  price: number;
  currency: string;
  extraId: number | null;
  quantityFrom: number | null;
  quantityTo: number | null;
  timestampX: string;
}

export const sections = (db: Db) => new DocTable<Section>(db, 'catalog_section');
export const products = (db: Db) => new DocTable<Product>(db, 'catalog_product');
export const prices = (db: Db) => new DocTable<Price>(db, 'catalog_price');

const PRICE_PRODUCT = jsonField('productId', 'catalog_price.data');

export function createCatalogSchema(db: Db): void {
  sections(db);
  products(db);
  prices(db);
  db.exec(`
    CREATE INDEX IF NOT EXISTS catalog_price_product ON catalog_price (${jsonField('productId')});
    CREATE INDEX IF NOT EXISTS catalog_product_section ON catalog_product (${jsonField('iblockSectionId')});
    CREATE INDEX IF NOT EXISTS catalog_product_xml ON catalog_product (${jsonField('xmlId')});
  `);
}

// ---------------------------------------------------------------- field catalogue

export type FieldKind = 'integer' | 'double' | 'string' | 'char' | 'datetime' | 'text' | 'file';

interface FieldDef {
  kind: FieldKind;
  title: string;
  required?: boolean;
  readOnly?: boolean;
  immutable?: boolean;
  /** Allowed values of a char flag. */
  values?: readonly string[];
}

const YN = ['Y', 'N'] as const;
const YND = ['Y', 'N', 'D'] as const;

export const PRODUCT_FIELDS: Record<string, FieldDef> = {
  id: { kind: 'integer', title: 'ID', readOnly: true },
  iblockId: { kind: 'integer', title: 'Information block ID', required: true, immutable: true },
  iblockSectionId: { kind: 'integer', title: 'Section ID' },
  name: { kind: 'string', title: 'Name', required: true },
  active: { kind: 'char', title: 'Active', values: YN },
  code: { kind: 'string', title: 'Symbolic code' },
  xmlId: { kind: 'string', title: 'External ID' },
  sort: { kind: 'integer', title: 'Sort' },
  measure: { kind: 'integer', title: 'Unit of measure' },
  vatId: { kind: 'integer', title: 'VAT rate ID' },
  vatIncluded: { kind: 'char', title: 'VAT included in price', values: YN },
  purchasingPrice: { kind: 'double', title: 'Purchasing price' },
  purchasingCurrency: { kind: 'string', title: 'Purchasing price currency' },
  quantity: { kind: 'double', title: 'Quantity in stock' },
  quantityReserved: { kind: 'double', title: 'Reserved quantity' },
  quantityTrace: { kind: 'char', title: 'Enable stock control', values: YND },
  canBuyZero: { kind: 'char', title: 'Allow purchase when out of stock', values: YND },
  subscribe: { kind: 'char', title: 'Allow subscription', values: YND },
  available: { kind: 'char', title: 'Available for purchase', readOnly: true },
  bundle: { kind: 'char', title: 'Has a set', readOnly: true },
  type: { kind: 'integer', title: 'Product type', readOnly: true },
  weight: { kind: 'double', title: 'Weight' },
  width: { kind: 'double', title: 'Width' },
  height: { kind: 'double', title: 'Height' },
  length: { kind: 'double', title: 'Length' },
  previewText: { kind: 'text', title: 'Preview text' },
  previewTextType: { kind: 'char', title: 'Preview text type', values: ['text', 'html'] },
  detailText: { kind: 'text', title: 'Detailed description' },
  detailTextType: { kind: 'char', title: 'Detailed description type', values: ['text', 'html'] },
  createdBy: { kind: 'integer', title: 'Created by' },
  modifiedBy: { kind: 'integer', title: 'Modified by' },
  dateCreate: { kind: 'datetime', title: 'Created on', readOnly: true },
  timestampX: { kind: 'datetime', title: 'Modified on', readOnly: true },
  dateActiveFrom: { kind: 'datetime', title: 'Active from' },
  dateActiveTo: { kind: 'datetime', title: 'Active until' },
  previewPicture: { kind: 'file', title: 'Preview image' },
  detailPicture: { kind: 'file', title: 'Detailed image' },
};

export const SECTION_FIELDS: Record<string, FieldDef> = {
  id: { kind: 'integer', title: 'ID', readOnly: true },
  iblockId: { kind: 'integer', title: 'Information block ID', required: true, immutable: true },
  iblockSectionId: { kind: 'integer', title: 'Parent section ID' },
  name: { kind: 'string', title: 'Name', required: true },
  xmlId: { kind: 'string', title: 'External ID' },
  code: { kind: 'string', title: 'Symbolic code' },
  active: { kind: 'char', title: 'Active', values: YN },
  sort: { kind: 'integer', title: 'Sort' },
  description: { kind: 'text', title: 'Description' },
  descriptionType: { kind: 'char', title: 'Description type', values: ['text', 'html'] },
};

export const PRICE_FIELDS: Record<string, FieldDef> = {
  id: { kind: 'integer', title: 'ID', readOnly: true },
  productId: { kind: 'integer', title: 'Product ID', required: true },
  catalogGroupId: { kind: 'integer', title: 'Price type ID', required: true },
  price: { kind: 'double', title: 'Price', required: true },
  currency: { kind: 'string', title: 'Currency', required: true },
  extraId: { kind: 'integer', title: 'Extra charge ID' },
  quantityFrom: { kind: 'integer', title: 'Quantity from' },
  quantityTo: { kind: 'integer', title: 'Quantity to' },
  priceScale: { kind: 'double', title: 'Price in base currency', readOnly: true },
  timestampX: { kind: 'datetime', title: 'Modified on', readOnly: true },
};

export function describeFields(defs: Record<string, FieldDef>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(defs)) {
    out[name] = {
      isImmutable: d.immutable ?? false,
      isReadOnly: d.readOnly ?? false,
      isRequired: d.required ?? false,
      name: d.title,
      type: d.kind === 'file' ? 'file' : d.kind === 'text' ? 'text' : d.kind,
    };
  }
  return out;
}

const STORED: Record<FieldKind, StoredType> = {
  integer: 'int',
  double: 'float',
  string: 'string',
  char: 'string',
  datetime: 'datetime',
  text: 'string',
  file: 'string',
};

/** Filter/order resolver over a camelCase field catalogue (names matched case-insensitively). */
export function camelResolver(defs: Record<string, FieldDef>, extra: Record<string, Column> = {}): ColumnResolver {
  const byLower = new Map(Object.keys(defs).map((k) => [k.toLowerCase(), k]));
  return (field) => {
    const lower = field.toLowerCase();
    if (lower in extra) return extra[lower]!;
    const name = byLower.get(lower);
    if (!name) return null;
    if (name === 'id') return { sql: 'id', type: 'int' };
    const def = defs[name]!;
    if (def.kind === 'file' || (def.readOnly && !['dateCreate', 'timestampX'].includes(name))) return null;
    return { sql: jsonField(name), type: STORED[def.kind] };
  };
}

/**
 * Converts one input value by field kind; errors name the field and the value (code 0).
 * `undefined` means "not given"; null/'' clear nullable fields.
 */
export function convertInput(defs: Record<string, FieldDef>, name: string, value: unknown): unknown {
  const def = defs[name]!;
  const bad = () =>
    catalogError(
      0,
      `Invalid value "${typeof value === 'object' ? JSON.stringify(value) : String(value)}" for field "${name}"`,
    );
  if (value === null || value === '') {
    if (def.required) throw catalogError(0, `Required fields: ${name}`);
    return null;
  }
  switch (def.kind) {
    case 'integer': {
      const s = String(value).trim();
      if (!/^-?\d+$/.test(s)) throw bad();
      return Number(s);
    }
    case 'double': {
      const n = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
      if (typeof value === 'boolean' || !Number.isFinite(n)) throw bad();
      return n;
    }
    case 'char': {
      const s = String(value);
      const v = def.values?.includes(s)
        ? s
        : def.values?.includes(s.toUpperCase())
          ? s.toUpperCase()
          : def.values?.includes(s.toLowerCase())
            ? s.toLowerCase()
            : null;
      if (v === null) throw bad();
      return v;
    }
    case 'datetime': {
      const ms = parseDateInput(value);
      if (ms === null) throw bad();
      return toStoredDateTime(ms);
    }
    case 'file':
      return null;
    default:
      if (typeof value === 'object') throw bad();
      return String(value);
  }
}

// ---------------------------------------------------------------- lookups

export function iblockExists(id: number): boolean {
  return id === CATALOG_IBLOCK_ID;
}

export function priceTypeExists(id: number): boolean {
  return id === BASE_PRICE_TYPE_ID;
}

export function currencyExists(db: Db, code: string): boolean {
  return getCurrency(db, code) !== null;
}

/** Prices of many products at once, keyed by product id (one query). */
export function pricesOf(db: Db, productIds: number[]): Map<number, (Price & { id: number })[]> {
  const out = new Map<number, (Price & { id: number })[]>();
  if (productIds.length === 0) return out;
  const rows = prepare(
    db,
    `SELECT id, data FROM catalog_price WHERE ${PRICE_PRODUCT} IN (SELECT value FROM json_each(?)) ORDER BY id`,
  ).all(JSON.stringify(productIds)) as {
    id: number;
    data: string;
  }[];
  for (const r of rows) {
    const p = { ...(JSON.parse(r.data) as Price), id: r.id };
    const list = out.get(p.productId) ?? [];
    list.push(p);
    out.set(p.productId, list);
  }
  return out;
}

/** The price converted to the base currency (the portal's PRICE_SCALE). */
export function priceScale(db: Db, p: Price): number {
  const rate = currencyRate(db, p.currency);
  return rate === null ? p.price : Math.round(p.price * rate * 100) / 100;
}

// ---------------------------------------------------------------- wire shapes

const iso = (v: string | null) => (v ? formatIso(Date.parse(v)) : null);

/**
 * The product object of catalog.product.* (keys sorted as the portal sends them). Custom properties
 * (`property<ID>`) come with `get`/`add`/`update` answers (`withProperties`: all) and in lists only
 * when selected by name.
 */
export function productOut(
  p: Product & { id: number },
  select?: Set<string>,
  withProperties: readonly number[] = [],
): Record<string, unknown> {
  const quantity = p.quantity ?? 0;
  // Values are computed lazily: date formatting dominates the cost of a 50-row page.
  const full: Record<string, () => unknown> = {
    active: () => p.active,
    available: () => (p.quantityTrace === 'N' || p.canBuyZero === 'Y' || quantity > 0 ? 'Y' : 'N'),
    bundle: () => 'N',
    canBuyZero: () => p.canBuyZero,
    code: () => p.code,
    createdBy: () => p.createdBy,
    dateActiveFrom: () => iso(p.dateActiveFrom),
    dateActiveTo: () => iso(p.dateActiveTo),
    dateCreate: () => iso(p.dateCreate),
    detailPicture: () => null,
    detailText: () => p.detailText,
    detailTextType: () => p.detailTextType,
    height: () => p.height,
    iblockId: () => p.iblockId,
    iblockSectionId: () => p.iblockSectionId,
    id: () => p.id,
    length: () => p.length,
    measure: () => p.measure,
    modifiedBy: () => p.modifiedBy,
    name: () => p.name,
    previewPicture: () => null,
    previewText: () => p.previewText,
    previewTextType: () => p.previewTextType,
    purchasingCurrency: () => p.purchasingCurrency,
    purchasingPrice: () => (p.purchasingPrice === null ? null : p.purchasingPrice.toFixed(6)),
    quantity: () => p.quantity,
    quantityReserved: () => p.quantityReserved,
    quantityTrace: () => p.quantityTrace,
    sort: () => p.sort,
    subscribe: () => p.subscribe,
    timestampX: () => iso(p.timestampX),
    type: () => 1,
    vatId: () => p.vatId,
    vatIncluded: () => p.vatIncluded,
    weight: () => p.weight,
    width: () => p.width,
    xmlId: () => p.xmlId,
  };
  const out: Record<string, unknown> = {};
  for (const [k, get] of Object.entries(full)) if (!select || select.has(k)) out[k] = get();
  for (const id of withProperties) out[`property${id}`] = propertyOut(p.id, id, p.properties?.[id]);
  return out;
}

export function sectionOut(s: Section & { id: number }, select?: Set<string>): Record<string, unknown> {
  const full: Record<string, unknown> = {
    active: s.active,
    code: s.code,
    description: s.description,
    descriptionType: s.descriptionType,
    iblockId: s.iblockId,
    iblockSectionId: s.iblockSectionId,
    id: s.id,
    name: s.name,
    sort: s.sort,
    xmlId: s.xmlId,
  };
  if (!select) return full;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full)) if (select.has(k)) out[k] = v;
  return out;
}

export function priceOut(
  db: Db,
  p: Price & { id: number },
  options: { select?: Set<string>; scale?: boolean } = {},
): Record<string, unknown> {
  const full: Record<string, unknown> = {
    catalogGroupId: p.catalogGroupId,
    currency: p.currency,
    extraId: p.extraId,
    id: p.id,
    price: p.price,
    ...(options.scale ? { priceScale: priceScale(db, p) } : {}),
    productId: p.productId,
    quantityFrom: p.quantityFrom,
    quantityTo: p.quantityTo,
    timestampX: iso(p.timestampX),
  };
  if (!options.select) return full;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full)) if (options.select.has(k)) out[k] = v;
  return out;
}

/** `select` as a set of camelCase names matched case-insensitively against a catalogue; undefined = all. */
export function selectSet(raw: unknown, defs: Record<string, FieldDef>): Set<string> | undefined {
  const list = Array.isArray(raw) ? raw : isPlainObject(raw) ? Object.values(raw) : [];
  const names = list.filter((x): x is string => typeof x === 'string');
  if (names.length === 0 || names.includes('*')) return undefined;
  const byLower = new Map(Object.keys(defs).map((k) => [k.toLowerCase(), k]));
  const out = new Set<string>();
  for (const n of names) {
    const hit = byLower.get(n.toLowerCase());
    if (hit) out.add(hit);
  }
  return out;
}

export function newProduct(init: Partial<Product> & Pick<Product, 'name'>, userId: number, nowMs: number): Product {
  const now = toStoredDateTime(nowMs);
  return {
    iblockId: CATALOG_IBLOCK_ID,
    iblockSectionId: null,
    active: 'Y',
    code: null,
    xmlId: null,
    sort: 500,
    measure: 5,
    vatId: null,
    vatIncluded: 'N',
    purchasingPrice: null,
    purchasingCurrency: null,
    quantity: 0,
    quantityReserved: 0,
    quantityTrace: 'N',
    canBuyZero: 'N',
    subscribe: 'Y',
    weight: null,
    width: null,
    height: null,
    length: null,
    previewText: null,
    previewTextType: 'text',
    detailText: null,
    detailTextType: 'text',
    createdBy: userId,
    modifiedBy: userId,
    dateCreate: now,
    timestampX: now,
    dateActiveFrom: null,
    dateActiveTo: null,
    ...init,
  };
}
