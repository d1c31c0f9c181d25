import type { Db } from '../../db/database.ts';
import { isPlainObject, param, type Params, toInt } from '../engine/params.ts';
import { compileFilter, compileOrder, splitFilterKey } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { formatIso, toStoredDateTime } from '../engine/time.ts';
import {
  BASE_PRICE_TYPE_ID,
  CATALOG_IBLOCK_ID,
  camelResolver,
  catalogError,
  convertInput,
  createCatalogSchema,
  currencyExists,
  describeFields,
  missingCatalogParam,
  newProduct,
  PRICE_FIELDS,
  priceOut,
  prices,
  pricesOf,
  priceTypeExists,
  PRODUCT_FIELDS,
  PRODUCT_PROPERTIES,
  productOut,
  productPropertyId,
  products,
  SECTION_FIELDS,
  sectionOut,
  sections,
  selectSet,
  iblockExists,
  type Price,
  type Product,
  type Section,
} from './catalog-store.ts';
import { crmProductMethods } from './catalog-crm-product.ts';
import type { Family } from './family.ts';

/*
 * catalog.* (methods.md §7.2–7.3): camelCase objects with real numbers, errors with NUMERIC
 * codes (100 missing parameter, 0 validation / not found, 2000403000xx access and iblock).
 */

const SECTION_NOT_FOUND = 200700300030;
const SECTION_IBLOCK_NOT_FOUND = 200700300050;
const SECTION_CODE_TAKEN = 200700300040;
const SECTION_ADD_ERROR = 200700300000;
const IBLOCK_NOT_FOUND = 200040300000;

function requiredId(params: Params, name = 'id'): number {
  const raw = param(params, name);
  if (raw === undefined || raw === null || raw === '') throw missingCatalogParam(name);
  const id = toInt(raw, 0);
  return id;
}

function requiredFields(params: Params): Record<string, unknown> {
  const f = param(params, 'fields');
  if (!isPlainObject(f) || Object.keys(f).length === 0) throw missingCatalogParam('fields');
  return f;
}

/** Input keys mapped onto a field catalogue (case-insensitive); unknown keys are dropped. */
function canonical(input: Record<string, unknown>, defs: Record<string, unknown>): Record<string, unknown> {
  const byLower = new Map(Object.keys(defs).map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    const name = byLower.get(k.toLowerCase());
    if (name) out[name] = v;
  }
  return out;
}

/** The value of the mandatory `iblockId` filter key (any operator); throws when absent. */
function filterIblock(filter: unknown): void {
  if (!isPlainObject(filter)) throw catalogError(0, 'Required filter fields: iblockId');
  const key = Object.keys(filter).find((k) => splitFilterKey(k).field.toLowerCase() === 'iblockid');
  if (key === undefined) throw catalogError(0, 'Required filter fields: iblockId');
  const value = filter[key];
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0 || !values.some((v) => iblockExists(toInt(v, 0)))) {
    throw catalogError(IBLOCK_NOT_FOUND, `Information block ${values.map(String).join(', ')} does not exist`);
  }
}

const unknownField = (what: string) => (field: string) => catalogError(0, `Unknown ${what} field "${field}"`);

function userExists(db: Db, id: number): boolean {
  return !!db.prepare('SELECT 1 FROM users WHERE id = ?').get(id);
}

// ---------------------------------------------------------------- products

const productResolver = camelResolver(PRODUCT_FIELDS);

const WRITABLE_PRODUCT = Object.entries(PRODUCT_FIELDS)
  .filter(([name, d]) => !d.readOnly && d.kind !== 'file' && name !== 'iblockId')
  .map(([name]) => name);

/** Validates and applies catalog.product fields onto `target`; checks references. */
function applyProductFields(db: Db, target: Product, input: Record<string, unknown>, selfId: number | null): void {
  const f = canonical(input, PRODUCT_FIELDS);
  for (const name of WRITABLE_PRODUCT) {
    if (!(name in f)) continue;
    (target as Record<string, unknown>)[name] = convertInput(PRODUCT_FIELDS, name, f[name]);
  }
  if (!target.name || !target.name.trim()) throw catalogError(0, 'Required fields: name');
  if (target.iblockSectionId !== null) {
    const s = sections(db).get(target.iblockSectionId);
    if (!s || s.iblockId !== target.iblockId) throw catalogError(0, `Section ${target.iblockSectionId} does not exist`);
  }
  if (target.purchasingCurrency !== null) {
    target.purchasingCurrency = target.purchasingCurrency.toUpperCase();
    if (!currencyExists(db, target.purchasingCurrency))
      throw catalogError(0, `Currency "${target.purchasingCurrency}" does not exist`);
  }
  for (const [key, raw] of Object.entries(input)) {
    if (!/^property\d+$/i.test(key)) continue;
    const id = productPropertyId(key);
    if (id === null) throw catalogError(0, `Property ${key.slice('property'.length)} does not exist`);
    // `value`, `{value}` or `{valueId, value}`; a single-value property keeps the first of a list.
    const first = Array.isArray(raw) ? raw[0] : raw;
    const value = isPlainObject(first) ? first.value : first;
    const text = value === null || value === undefined ? '' : String(value);
    const props = { ...target.properties };
    if (text === '') delete props[id];
    else props[id] = text;
    target.properties = props;
  }
  for (const k of ['createdBy', 'modifiedBy'] as const) {
    if (k in f && !userExists(db, target[k])) throw catalogError(0, `User ${target[k]} (${k}) does not exist`);
  }
  if (target.code) {
    const clash = products(db).where(
      compileFilter(
        { code: target.code, iblockId: target.iblockId, ...(selfId ? { '!id': selfId } : {}) },
        productResolver,
      ),
    );
    if (clash.length > 0) throw catalogError(0, `Product with code "${target.code}" already exists`);
  }
}

function loadProduct(db: Db, id: number): Product & { id: number } {
  const p = id > 0 ? products(db).get(id) : null;
  if (!p) throw catalogError(0, `Product ${id} does not exist`);
  return p;
}

const ALL_PROPERTIES = PRODUCT_PROPERTIES.map((p) => p.id);

const productMethods: MethodTable = {
  'catalog.product.add': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const input = requiredFields(params);
      const f = canonical(input, PRODUCT_FIELDS);
      const missing = ['iblockId', 'name'].filter((k) => f[k] === undefined || f[k] === null || f[k] === '');
      if (missing.length) throw catalogError(0, `Required fields: ${missing.join(', ')}`);
      const iblockId = toInt(f.iblockId, 0);
      if (!iblockExists(iblockId))
        throw catalogError(IBLOCK_NOT_FOUND, `Information block ${String(f.iblockId)} does not exist`);
      const product = newProduct({ name: '', iblockId }, ctx.auth.userId, Date.now());
      applyProductFields(ctx.db, product, input, null);
      const table = products(ctx.db);
      const id = table.insert(product);
      if (product.xmlId === null) table.patch(id, { xmlId: String(id) });
      return { element: productOut(table.get(id)!, undefined, ALL_PROPERTIES) };
    },
  },
  'catalog.product.update': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const id = requiredId(params);
      const input = requiredFields(params);
      const current = loadProduct(ctx.db, id);
      const f = canonical(input, PRODUCT_FIELDS);
      if (f.iblockId !== undefined && toInt(f.iblockId, 0) !== current.iblockId) {
        if (!iblockExists(toInt(f.iblockId, 0)))
          throw catalogError(IBLOCK_NOT_FOUND, `Information block ${String(f.iblockId)} does not exist`);
        throw catalogError(0, `Product ${id} does not exist in information block ${String(f.iblockId)}`);
      }
      const next: Product = { ...current };
      applyProductFields(ctx.db, next, input, id);
      if (!('modifiedBy' in f)) next.modifiedBy = ctx.auth.userId;
      next.timestampX = toStoredDateTime(Date.now());
      products(ctx.db).put(id, next);
      return { element: productOut(products(ctx.db).get(id)!, undefined, ALL_PROPERTIES) };
    },
  },
  'catalog.product.get': {
    scope: 'catalog',
    handler: (params, ctx) => ({
      product: productOut(loadProduct(ctx.db, requiredId(params)), undefined, ALL_PROPERTIES),
    }),
  },
  'catalog.product.delete': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const id = requiredId(params);
      loadProduct(ctx.db, id);
      ctx.db.transaction(() => {
        for (const p of pricesOf(ctx.db, [id]).get(id) ?? []) prices(ctx.db).delete(p.id);
        products(ctx.db).delete(id);
      })();
      return true;
    },
  },
  'catalog.product.list': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const rawSelect = param(params, 'select');
      const names = (
        Array.isArray(rawSelect) ? rawSelect : isPlainObject(rawSelect) ? Object.values(rawSelect) : []
      ).map((x) => String(x).toLowerCase());
      if (!names.includes('id') || !names.includes('iblockid'))
        throw catalogError(0, 'Required select fields: id, iblockId');
      const filter = param(params, 'filter');
      filterIblock(filter);
      const where = compileFilter(filter, productResolver, { onUnknown: unknownField('filter') });
      const order = compileOrder(param(params, 'order'), productResolver, { onUnknown: unknownField('order') });
      const page = products(ctx.db).page(where, order, param(params, 'start'), 'offset');
      const select = names.includes('*') ? undefined : selectSet(rawSelect, PRODUCT_FIELDS);
      const properties = [...new Set(names.map(productPropertyId).filter((id): id is number => id !== null))];
      return new ListResult(
        { products: page.rows.map((p) => productOut(p, select, properties)) },
        page.total,
        page.next,
      );
    },
  },
  'catalog.product.getFieldsByFilter': {
    scope: 'catalog',
    handler: (params) => {
      filterIblock(param(params, 'filter'));
      return { product: describeFields(PRODUCT_FIELDS) };
    },
  },
};

// ---------------------------------------------------------------- sections

const sectionResolver = camelResolver(SECTION_FIELDS);

function loadSection(db: Db, id: number): Section & { id: number } {
  const s = id > 0 ? sections(db).get(id) : null;
  if (!s) throw catalogError(SECTION_NOT_FOUND, `Section ${id} does not exist`);
  return s;
}

function applySectionFields(db: Db, target: Section, input: Record<string, unknown>, selfId: number | null): void {
  const f = canonical(input, SECTION_FIELDS);
  for (const name of Object.keys(SECTION_FIELDS)) {
    if (name === 'id' || name === 'iblockId' || !(name in f)) continue;
    (target as Record<string, unknown>)[name] = convertInput(SECTION_FIELDS, name, f[name]);
  }
  if (!target.name || !target.name.trim()) throw catalogError(0, 'Required fields: name');
  if (target.iblockSectionId !== null) {
    const parent = sections(db).get(target.iblockSectionId);
    if (!parent) throw catalogError(SECTION_ADD_ERROR, `Parent section ${target.iblockSectionId} does not exist`);
    if (parent.iblockId !== target.iblockId)
      throw catalogError(
        SECTION_ADD_ERROR,
        `Parent section ${target.iblockSectionId} belongs to another information block`,
      );
    // A section cannot move below itself.
    for (
      let cur: (Section & { id: number }) | null = parent;
      cur;
      cur = cur.iblockSectionId ? sections(db).get(cur.iblockSectionId) : null
    ) {
      if (selfId !== null && cur.id === selfId)
        throw catalogError(SECTION_ADD_ERROR, `Section ${selfId} cannot be placed inside itself`);
    }
  }
  if (target.code) {
    const clash = sections(db).where(
      compileFilter(
        { code: target.code, iblockId: target.iblockId, ...(selfId ? { '!id': selfId } : {}) },
        sectionResolver,
      ),
    );
    if (clash.length > 0) throw catalogError(SECTION_CODE_TAKEN, `Section with code "${target.code}" already exists`);
  }
}

function descendants(db: Db, id: number): number[] {
  const all = sections(db).where({ sql: '1', params: [] });
  const out: number[] = [];
  const walk = (parent: number) => {
    for (const s of all) {
      if (s.iblockSectionId !== parent) continue;
      out.push(s.id);
      walk(s.id);
    }
  };
  walk(id);
  return out;
}

const sectionMethods: MethodTable = {
  'catalog.section.add': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const input = requiredFields(params);
      const f = canonical(input, SECTION_FIELDS);
      const missing = ['iblockId', 'name'].filter((k) => f[k] === undefined || f[k] === null || f[k] === '');
      if (missing.length) throw catalogError(0, `Required fields: ${missing.join(', ')}`);
      const iblockId = toInt(f.iblockId, 0);
      if (!iblockExists(iblockId))
        throw catalogError(SECTION_IBLOCK_NOT_FOUND, `Information block ${String(f.iblockId)} does not exist`);
      const s: Section = {
        iblockId,
        iblockSectionId: null,
        name: '',
        xmlId: null,
        code: null,
        active: 'Y',
        sort: 500,
        description: null,
        descriptionType: 'text',
      };
      applySectionFields(ctx.db, s, input, null);
      const id = sections(ctx.db).insert(s);
      if (s.xmlId === null) sections(ctx.db).patch(id, { xmlId: String(id) });
      return { section: sectionOut(sections(ctx.db).get(id)!) };
    },
  },
  'catalog.section.update': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const id = requiredId(params);
      const input = requiredFields(params);
      const next: Section = { ...loadSection(ctx.db, id) };
      applySectionFields(ctx.db, next, input, id);
      sections(ctx.db).put(id, next);
      return { section: sectionOut(sections(ctx.db).get(id)!) };
    },
  },
  'catalog.section.get': {
    scope: 'catalog',
    handler: (params, ctx) => ({ section: sectionOut(loadSection(ctx.db, requiredId(params))) }),
  },
  'catalog.section.delete': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const id = requiredId(params);
      loadSection(ctx.db, id);
      const gone = [id, ...descendants(ctx.db, id)];
      ctx.db.transaction(() => {
        for (const sid of gone) {
          sections(ctx.db).delete(sid);
          for (const p of products(ctx.db).where(compileFilter({ iblockSectionId: sid }, productResolver)))
            products(ctx.db).patch(p.id, { iblockSectionId: null });
        }
      })();
      return true;
    },
  },
  'catalog.section.list': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const filter = param(params, 'filter');
      filterIblock(filter);
      const where = compileFilter(filter, sectionResolver, { onUnknown: unknownField('filter') });
      const order = compileOrder(param(params, 'order'), sectionResolver, { onUnknown: unknownField('order') });
      const page = sections(ctx.db).page(where, order, param(params, 'start'), 'offset');
      const select = selectSet(param(params, 'select'), SECTION_FIELDS);
      return new ListResult({ sections: page.rows.map((s) => sectionOut(s, select)) }, page.total, page.next);
    },
  },
  'catalog.section.getFields': {
    scope: 'catalog',
    handler: () => ({ section: describeFields(SECTION_FIELDS) }),
  },
};

// ---------------------------------------------------------------- prices

const priceResolver = camelResolver(PRICE_FIELDS);

function fmtValue(v: unknown): string {
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Validates one price (new values merged over `base`); errors are code 0 and name the bad value.
 * `siblings` are the other prices of the product as they will be after the write.
 */
function validatePrice(db: Db, input: Record<string, unknown>, base: Partial<Price>): Price {
  const f = canonical(input, PRICE_FIELDS);
  const merged: Record<string, unknown> = { ...base, ...f };
  const missing = ['productId', 'catalogGroupId', 'price', 'currency'].filter(
    (k) => merged[k] === undefined || merged[k] === null || merged[k] === '',
  );
  if (missing.length) throw catalogError(0, `Required fields: ${missing.join(', ')}`);
  const productId = toInt(merged.productId, 0);
  if (!products(db).get(productId))
    throw catalogError(0, `Validate price error. Product ${fmtValue(merged.productId)} does not exist`);
  const catalogGroupId = toInt(merged.catalogGroupId, 0);
  if (!priceTypeExists(catalogGroupId))
    throw catalogError(0, `Validate price error. Catalog price group is wrong: ${fmtValue(merged.catalogGroupId)}`);
  const priceRaw = merged.price;
  const price = typeof priceRaw === 'number' ? priceRaw : Number(String(priceRaw).trim());
  if (typeof priceRaw === 'boolean' || !Number.isFinite(price))
    throw catalogError(0, `Validate price error. Price "${fmtValue(priceRaw)}" is not a number`);
  if (price < 0) throw catalogError(0, `Validate price error. Price "${fmtValue(priceRaw)}" cannot be negative`);
  const currency = String(merged.currency).trim().toUpperCase();
  if (!currencyExists(db, currency))
    throw catalogError(0, `Validate price error. Currency "${fmtValue(merged.currency)}" does not exist`);
  const optionalInt = (k: string) =>
    merged[k] === undefined || merged[k] === null || merged[k] === ''
      ? null
      : (convertInput(PRICE_FIELDS, k, merged[k]) as number);
  return {
    productId,
    catalogGroupId,
    price,
    currency,
    extraId: optionalInt('extraId'),
    quantityFrom: optionalInt('quantityFrom'),
    quantityTo: optionalInt('quantityTo'),
    timestampX: toStoredDateTime(Date.now()),
  };
}

const SINGLE_PRICE =
  'Validate price error. Catalog product is allowed has only single price without ranges in price group';

function assertSinglePrice(db: Db, p: Price, selfId: number | null): void {
  const clash = (pricesOf(db, [p.productId]).get(p.productId) ?? []).some(
    (o) => o.id !== selfId && o.catalogGroupId === p.catalogGroupId,
  );
  if (clash) throw catalogError(0, SINGLE_PRICE);
}

function loadPrice(db: Db, id: number): Price & { id: number } {
  const p = id > 0 ? prices(db).get(id) : null;
  if (!p) throw catalogError(0, 'Price does not exist');
  return p;
}

const priceMethods: MethodTable = {
  'catalog.price.add': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const p = validatePrice(ctx.db, requiredFields(params), {});
      assertSinglePrice(ctx.db, p, null);
      const id = prices(ctx.db).insert(p);
      return { price: priceOut(ctx.db, prices(ctx.db).get(id)!) };
    },
  },
  'catalog.price.update': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const id = requiredId(params);
      const input = requiredFields(params);
      const current = loadPrice(ctx.db, id);
      const p = validatePrice(ctx.db, input, current);
      assertSinglePrice(ctx.db, p, id);
      prices(ctx.db).put(id, p);
      return { price: priceOut(ctx.db, prices(ctx.db).get(id)!) };
    },
  },
  'catalog.price.get': {
    scope: 'catalog',
    handler: (params, ctx) => ({ price: priceOut(ctx.db, loadPrice(ctx.db, requiredId(params))) }),
  },
  'catalog.price.delete': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const id = requiredId(params);
      loadPrice(ctx.db, id);
      prices(ctx.db).delete(id);
      return true;
    },
  },
  'catalog.price.list': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const where = compileFilter(param(params, 'filter'), priceResolver, { onUnknown: unknownField('filter') });
      const order = compileOrder(param(params, 'order'), priceResolver, { onUnknown: unknownField('order') });
      const page = prices(ctx.db).page(where, order, param(params, 'start'), 'offset');
      const select = selectSet(param(params, 'select'), PRICE_FIELDS);
      return new ListResult({ prices: page.rows.map((p) => priceOut(ctx.db, p, { select })) }, page.total, page.next);
    },
  },
  'catalog.price.modify': {
    scope: 'catalog',
    handler: (params, ctx) => {
      const fields = requiredFields(params);
      const product = isPlainObject(fields.product) ? fields.product : null;
      if (!product) throw catalogError(0, 'Required fields: product');
      const productIdRaw = product.id ?? product.ID;
      if (productIdRaw === undefined || productIdRaw === null || productIdRaw === '')
        throw catalogError(0, 'Required fields: product[id]');
      const productId = loadProduct(ctx.db, toInt(productIdRaw, 0)).id;
      const rawPrices = product.prices;
      if (rawPrices === undefined || rawPrices === null) throw catalogError(0, 'Required fields: product[prices]');
      const list = Array.isArray(rawPrices) ? rawPrices : isPlainObject(rawPrices) ? Object.values(rawPrices) : [];
      const existing = new Map((pricesOf(ctx.db, [productId]).get(productId) ?? []).map((p) => [p.id, p]));
      const plan: { id: number | null; price: Price }[] = [];
      const groups = new Set<number>();
      for (const item of list) {
        if (!isPlainObject(item)) throw catalogError(0, 'Required fields: catalogGroupId, price, currency');
        const idRaw = item.id ?? item.ID;
        let id: number | null = null;
        if (idRaw !== undefined && idRaw !== null && idRaw !== '') {
          id = toInt(idRaw, 0);
          if (!existing.has(id))
            throw catalogError(0, `Price ${fmtValue(idRaw)} does not exist for product ${productId}`);
        }
        const { id: _ignored, ID: _ignored2, ...rest } = item;
        void _ignored;
        void _ignored2;
        const p = validatePrice(ctx.db, { ...rest, productId }, {});
        if (groups.has(p.catalogGroupId)) throw catalogError(0, SINGLE_PRICE);
        groups.add(p.catalogGroupId);
        plan.push({ id, price: p });
      }
      const keep = new Set(plan.map((x) => x.id).filter((x): x is number => x !== null));
      const out: Record<string, unknown>[] = [];
      ctx.db.transaction(() => {
        for (const id of existing.keys()) if (!keep.has(id)) prices(ctx.db).delete(id);
        for (const step of plan) {
          let id = step.id;
          if (id === null) id = prices(ctx.db).insert(step.price);
          else prices(ctx.db).put(id, step.price);
          out.push(priceOut(ctx.db, prices(ctx.db).get(id)!, { scale: true }));
        }
      })();
      return { prices: out };
    },
  },
  'catalog.price.getFields': {
    scope: 'catalog',
    handler: () => ({ price: describeFields(PRICE_FIELDS) }),
  },
};

// ---------------------------------------------------------------- catalogs and price types

const CREATED = toStoredDateTime(Date.UTC(2024, 0, 8, 9, 0, 0));

function catalogRow(): Record<string, unknown> {
  return {
    iblockId: CATALOG_IBLOCK_ID,
    iblockTypeId: 'CRM_PRODUCT_CATALOG',
    id: CATALOG_IBLOCK_ID,
    lid: 's1',
    name: 'CRM product catalog',
    productIblockId: null,
    skuPropertyId: null,
    subscription: 'N',
    vatId: null,
  };
}

function priceTypeRow(): Record<string, unknown> {
  return {
    base: 'Y',
    createdBy: 1,
    dateCreate: formatIso(Date.parse(CREATED)),
    id: BASE_PRICE_TYPE_ID,
    modifiedBy: 1,
    name: 'BASE',
    sort: 100,
    timestampX: formatIso(Date.parse(CREATED)),
    xmlId: 'BASE',
  };
}

/** Lists over a fixed set of one row: filter/select/start still behave. */
function fixedList(params: Params, row: Record<string, unknown>, key: string): ListResult {
  const filter = param(params, 'filter');
  let match = true;
  if (isPlainObject(filter)) {
    for (const [k, v] of Object.entries(filter)) {
      const { field, op } = splitFilterKey(k);
      const actual = row[field];
      if (actual === undefined) throw catalogError(0, `Unknown filter field "${field}"`);
      const values = (Array.isArray(v) ? v : [v]).map(String);
      const hit = values.includes(String(actual));
      if (((op === '=' || op === 'in') && !hit) || ((op === '!=' || op === '!in') && hit)) match = false;
    }
  }
  const start = toInt(param(params, 'start'), 0);
  const rows = match && start <= 0 ? [row] : [];
  const rawSelect = param(params, 'select');
  const names = (Array.isArray(rawSelect) ? rawSelect : []).map(String);
  const shaped =
    names.length === 0 || names.includes('*')
      ? rows
      : rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => names.includes(k))));
  return new ListResult({ [key]: shaped }, start === -1 ? 0 : match ? 1 : 0, undefined);
}

function productPropertyRow(p: (typeof PRODUCT_PROPERTIES)[number]): Record<string, unknown> {
  return {
    active: 'Y',
    code: p.code,
    iblockId: CATALOG_IBLOCK_ID,
    id: p.id,
    multiple: 'N',
    name: p.name,
    propertyType: 'S',
    sort: p.sort,
    xmlId: p.code,
  };
}

const catalogInfoMethods: MethodTable = {
  'catalog.productProperty.list': {
    scope: 'catalog',
    handler: () =>
      new ListResult(
        { productProperties: PRODUCT_PROPERTIES.map(productPropertyRow) },
        PRODUCT_PROPERTIES.length,
        undefined,
      ),
  },
  'catalog.catalog.list': { scope: 'catalog', handler: (params) => fixedList(params, catalogRow(), 'catalogs') },
  'catalog.catalog.get': {
    scope: 'catalog',
    handler: (params) => {
      const id = requiredId(params);
      if (id !== CATALOG_IBLOCK_ID) throw catalogError(0, `Catalog ${id} does not exist`);
      return { catalog: catalogRow() };
    },
  },
  'catalog.priceType.list': { scope: 'catalog', handler: (params) => fixedList(params, priceTypeRow(), 'priceTypes') },
  'catalog.priceType.get': {
    scope: 'catalog',
    handler: (params) => {
      const id = requiredId(params);
      if (!priceTypeExists(id)) throw catalogError(0, `Price type ${id} does not exist`);
      return { priceType: priceTypeRow() };
    },
  },
};

export const catalogFamily: Family = {
  name: 'catalog',
  schema: createCatalogSchema,
  methods: { ...catalogInfoMethods, ...sectionMethods, ...productMethods, ...priceMethods, ...crmProductMethods },
};
