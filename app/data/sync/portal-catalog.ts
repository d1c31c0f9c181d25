import { BitrixError, type Params } from '../../b24/index.ts';
import { readWithRetry, type SyncClient } from './sync-client.ts';

/** One currency of the portal (`crm.currency.list`): AMOUNT is the value of AMOUNT_CNT units in the base currency. */
export interface PortalCurrency {
  code: string;
  amountCnt: number;
  amount: number;
  base: boolean;
  name: string;
  sort: number;
}

/** What every sync reads first, in one request. */
export interface PortalMeta {
  /** The CRM product catalog's info block. */
  iblockId: number;
  /** The base price type (`catalog.priceType.list`, `base: Y`). */
  priceTypeId: number;
  baseCurrency: string;
  currencies: PortalCurrency[];
}

export interface PortalPrice {
  id: number;
  productId: number;
  price: number;
  currency: string;
}

/** A product as the diff needs it: only the fields a profile maps (plus id, xmlId and, for full feeds, active). */
export interface PortalProduct {
  id: number;
  xmlId: string;
  name?: string;
  active?: 'Y' | 'N';
  iblockSectionId?: number | null;
  detailText?: string | null;
  quantity?: number | null;
  properties?: Record<number, string>;
  /** The base price, when prices are read. */
  price?: PortalPrice | null;
}

export interface PortalSection {
  id: number;
  name: string;
  parentId: number | null;
}

const num = (v: unknown, fallback = 0) => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : fallback;
};

/**
 * The catalog, its base price type and the currencies: one `batch` request (4 commands).
 *
 * @example const meta = await readPortalMeta(client); meta.baseCurrency // 'DKK'
 */
export async function readPortalMeta(
  client: SyncClient,
  options: { iblockId?: number; signal?: AbortSignal } = {},
): Promise<PortalMeta> {
  const outcomes = await readWithRetry(
    () =>
      client.batch([
        { method: 'catalog.catalog.list', params: { select: ['id', 'iblockId', 'iblockTypeId', 'productIblockId'] } },
        { method: 'catalog.priceType.list', params: { select: ['id', 'base', 'name'] } },
        { method: 'crm.currency.list', params: { order: { SORT: 'ASC' } } },
        { method: 'crm.currency.base.get' },
      ]),
    { signal: options.signal },
  );
  const [catalogs, priceTypes, currencies, base] = outcomes.map((o) => {
    if (!o.ok) throw o.error;
    return o.value.result;
  });
  const catalogList = ((catalogs as { catalogs?: Record<string, unknown>[] })?.catalogs ?? []).map((c) => ({
    iblockId: num(c.iblockId ?? c.id),
    type: String(c.iblockTypeId ?? ''),
    isSku: c.productIblockId !== null && c.productIblockId !== undefined && c.productIblockId !== 0,
  }));
  // The CRM catalog (not an SKU catalog of offers): the one CRM products live in.
  const catalog =
    catalogList.find((c) => c.iblockId === options.iblockId) ??
    catalogList.find((c) => c.type === 'CRM_PRODUCT_CATALOG' && !c.isSku) ??
    catalogList.find((c) => !c.isSku);
  if (!catalog)
    throw new BitrixError('CATALOG_NOT_FOUND', 'The portal has no product catalog', 0, 'catalog.catalog.list');
  const types = (priceTypes as { priceTypes?: Record<string, unknown>[] })?.priceTypes ?? [];
  const priceType = types.find((t) => t.base === 'Y') ?? types[0];
  if (!priceType)
    throw new BitrixError('PRICE_TYPE_NOT_FOUND', 'The portal has no price type', 0, 'catalog.priceType.list');
  return {
    iblockId: catalog.iblockId,
    priceTypeId: num(priceType.id),
    baseCurrency: String(base),
    currencies: ((currencies as Record<string, unknown>[]) ?? []).map((c) => ({
      code: String(c.CURRENCY),
      amountCnt: num(c.AMOUNT_CNT, 1),
      amount: num(c.AMOUNT, 1),
      base: c.BASE === 'Y',
      name: String(c.FULL_NAME ?? c.CURRENCY),
      sort: num(c.SORT, 100),
    })),
  };
}

/**
 * Every row of a list, streamed in cursor pages (B24Client.list: 2,500 rows a request). A failed
 * request is retried from the last row read (a `>=id` bound beside the cursor), not from the start.
 */
export async function streamAll<Row extends { id?: unknown }>(
  client: SyncClient,
  method: string,
  params: Params,
  options: { signal?: AbortSignal; onPage?: (rows: Row[]) => void } = {},
): Promise<Row[]> {
  const out: Row[] = [];
  let after = 0;
  await readWithRetry(
    async () => {
      const filter = { ...((params.filter as Params | undefined) ?? {}), ...(after > 0 ? { '>=id': after + 1 } : {}) };
      for await (const page of client.list<Row>(method, { ...params, filter })) {
        out.push(...page);
        after = num(page[page.length - 1]!.id, after);
        options.onPage?.(page);
      }
    },
    { signal: options.signal },
  );
  return out;
}

/** Portal keys read for each mapped field (id, iblockId and xmlId always). */
export function productSelect(fields: readonly string[], withActive: boolean): string[] {
  const select = new Set(['id', 'iblockId', 'xmlId', 'name']);
  for (const f of fields) {
    if (f === 'name') select.add('name');
    else if (f === 'section') select.add('iblockSectionId');
    else if (f === 'description') select.add('detailText');
    else if (f === 'active') select.add('active');
    else if (f === 'quantity') select.add('quantity');
    else if (f.startsWith('property:')) select.add(`property${f.slice('property:'.length)}`);
  }
  if (withActive) select.add('active');
  return [...select];
}

/** A property value as catalog.product.* sends it (`{value, valueId}`, a list of them, or null) → text. */
function propertyText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(propertyText).join(', ');
  if (typeof v === 'object') return propertyText((v as { value?: unknown }).value);
  return String(v);
}

export function toPortalProduct(row: Record<string, unknown>): PortalProduct {
  const p: PortalProduct = { id: num(row.id), xmlId: String(row.xmlId ?? '') };
  if ('name' in row) p.name = String(row.name ?? '');
  if ('active' in row) p.active = row.active === 'N' ? 'N' : 'Y';
  if ('iblockSectionId' in row)
    p.iblockSectionId =
      row.iblockSectionId === null || row.iblockSectionId === undefined ? null : num(row.iblockSectionId);
  if ('detailText' in row) p.detailText = row.detailText === null ? null : String(row.detailText ?? '');
  if ('quantity' in row) p.quantity = row.quantity === null || row.quantity === undefined ? null : num(row.quantity);
  for (const [key, value] of Object.entries(row)) {
    const m = /^property(\d+)$/i.exec(key);
    if (m) p.properties = { ...p.properties, [Number(m[1])]: propertyText(value) };
  }
  return p;
}

export interface ReadProductsOptions {
  iblockId: number;
  /** Portal keys (productSelect). */
  select: string[];
  /** Read the base price of each product too (`catalog.price.list`, streamed the same way). */
  priceTypeId?: number;
  /** Only these external IDs (a re-read after an unanswered write), else the whole catalog. */
  xmlIds?: string[];
  signal?: AbortSignal;
  onProgress?: (read: number) => void;
}

/**
 * Products (and their base prices) in bulk: one request per 2,500 products, and as many for the
 * prices — 10,000 products cost 4 + 4 requests. Products and prices stream side by side.
 *
 * @example const products = await readPortalProducts(client, { iblockId: 23, select: ['id', 'iblockId', 'xmlId', 'name'], priceTypeId: 1 });
 */
export async function readPortalProducts(client: SyncClient, options: ReadProductsOptions): Promise<PortalProduct[]> {
  const filter: Params = { iblockId: options.iblockId };
  if (options.xmlIds) filter['@xmlId'] = options.xmlIds;
  let read = 0;
  const productsRead = streamAll<Record<string, unknown>>(
    client,
    'catalog.product.list',
    { select: options.select, filter },
    {
      signal: options.signal,
      onPage: (rows) => {
        read += rows.length;
        options.onProgress?.(read);
      },
    },
  );
  let products: Record<string, unknown>[];
  let priceRows: Record<string, unknown>[] = [];
  if (options.priceTypeId === undefined) products = await productsRead;
  else if (options.xmlIds) {
    // A few products: their prices by product id, once the ids are known.
    products = await productsRead;
    priceRows = products.length
      ? await streamAll(client, 'catalog.price.list', {
          select: ['id', 'productId', 'catalogGroupId', 'price', 'currency', 'quantityFrom'],
          filter: { catalogGroupId: options.priceTypeId, '@productId': products.map((p) => p.id) },
        })
      : [];
  } else {
    [products, priceRows] = await Promise.all([
      productsRead,
      streamAll<Record<string, unknown>>(
        client,
        'catalog.price.list',
        {
          select: ['id', 'productId', 'catalogGroupId', 'price', 'currency', 'quantityFrom'],
          filter: { catalogGroupId: options.priceTypeId },
        },
        { signal: options.signal },
      ),
    ]);
  }
  const prices = new Map<number, PortalPrice>();
  for (const r of priceRows) {
    const productId = num(r.productId);
    // Quantity ranges aside: the plain price (no quantityFrom) is the product's price.
    if (prices.has(productId) && r.quantityFrom) continue;
    prices.set(productId, { id: num(r.id), productId, price: num(r.price), currency: String(r.currency ?? '') });
  }
  return products.map((row) => {
    const p = toPortalProduct(row);
    if (options.priceTypeId !== undefined) p.price = prices.get(p.id) ?? null;
    return p;
  });
}

/**
 * Every section of the catalog (one request up to 2,500 sections).
 *
 * @example const sections = await readPortalSections(client, 23);
 */
export async function readPortalSections(
  client: SyncClient,
  iblockId: number,
  signal?: AbortSignal,
): Promise<PortalSection[]> {
  const rows = await streamAll<Record<string, unknown>>(
    client,
    'catalog.section.list',
    { select: ['id', 'name', 'iblockSectionId'], filter: { iblockId } },
    { signal },
  );
  return rows.map((r) => ({
    id: num(r.id),
    name: String(r.name ?? ''),
    parentId: r.iblockSectionId === null || r.iblockSectionId === undefined ? null : num(r.iblockSectionId),
  }));
}

/** Section tree lookups: path of an id, id of a path (names joined by `/`). */
export class SectionIndex {
  private readonly byId = new Map<number, PortalSection>();
  private readonly byPath = new Map<string, number>();

  constructor(sections: readonly PortalSection[]) {
    for (const s of sections) this.byId.set(s.id, s);
    for (const s of sections) {
      const path = this.pathOf(s.id);
      const key = path.join('/');
      // Two sections with the same path: the older (lower id) wins, as a person browsing would find it first.
      if (!this.byPath.has(key) || this.byPath.get(key)! > s.id) this.byPath.set(key, s.id);
    }
  }

  /** Names from the root to the section; [] for null or an unknown id. */
  pathOf(id: number | null | undefined): string[] {
    const out: string[] = [];
    const seen = new Set<number>();
    for (let at = id ?? null; at !== null && !seen.has(at);) {
      seen.add(at);
      const s = this.byId.get(at);
      if (!s) break;
      out.unshift(s.name.trim());
      at = s.parentId;
    }
    return out;
  }

  idOf(path: readonly string[]): number | null {
    return path.length === 0 ? null : (this.byPath.get(path.join('/')) ?? null);
  }

  add(section: PortalSection): void {
    this.byId.set(section.id, section);
    this.byPath.set(this.pathOf(section.id).join('/'), section.id);
  }
}
