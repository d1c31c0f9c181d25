import { FeedError } from './feed-error.ts';
import { mappedFields, propertyIdOf, type CatalogMapping, type ProductField } from './mapping.ts';
import { SectionIndex, type PortalProduct, type PortalSection } from './portal-catalog.ts';
import type { CatalogRow } from './validate-catalog.ts';

export type PlanAction = 'create' | 'update' | 'deactivate' | 'unchanged' | 'conflict';

/** One field of one product, before and after (`from` null: the product or its price does not exist yet). */
export interface FieldChange {
  field: ProductField;
  from: string | number | null;
  to: string | number | null;
}

export interface PlanItem {
  externalId: string;
  /** Feed line; null for deactivations (the product is not in the feed). */
  line: number | null;
  action: PlanAction;
  productId: number | null;
  /** The portal's base price of the product, when it has one. */
  priceId: number | null;
  /** The name to show: the feed's, else the portal's. */
  name: string;
  changes: FieldChange[];
  /** What the feed wants (null for deactivations). */
  row: CatalogRow | null;
  /** Why a conflict is not written. */
  reason?: string;
}

export interface PlanCounts {
  create: number;
  update: number;
  deactivate: number;
  unchanged: number;
  conflict: number;
}

export interface CatalogPlan {
  iblockId: number;
  priceTypeId: number;
  /** The mapped fields: the only ones compared and written. */
  fields: ProductField[];
  /** Every feed row and every deactivation, in feed order (deactivations last). */
  items: PlanItem[];
  /** The portal's sections when planned (section paths of the diff). */
  sections: PortalSection[];
  /** Section paths to create before products are written, parents first. */
  sectionsToCreate: string[][];
  counts: PlanCounts;
  /** Faults only planning can see (a new product without a name); a plan with errors is not applied. */
  errors: FeedError[];
  /** Full feed: products whose external ID is missing from the feed are deactivated. */
  fullFeed: boolean;
}

export interface PlanOptions {
  iblockId: number;
  priceTypeId: number;
  /** Deactivate active products whose external ID is not in the feed. */
  fullFeed?: boolean;
}

const sameNumber = (a: number | null | undefined, b: number | null | undefined) =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : Math.abs(a! - b!) < 1e-9;

/**
 * The changes one feed row makes to one product: mapped fields only, old → new. An empty text
 * (description, section, property) clears the field; an empty number or flag leaves it alone.
 *
 * @example diffProduct(row, portalProduct, ['price'], sections) // [{ field: 'price', from: 100, to: 120 }]
 */
export function diffProduct(
  row: CatalogRow,
  product: PortalProduct | null,
  fields: readonly ProductField[],
  sections: SectionIndex,
): FieldChange[] {
  const out: FieldChange[] = [];
  const push = (field: ProductField, from: string | number | null | undefined, to: string | number | null) =>
    out.push({ field, from: from ?? null, to });
  for (const field of fields) {
    switch (field) {
      case 'externalId':
        if (!product) push(field, null, row.externalId);
        break;
      case 'name':
        if (row.name !== undefined && row.name !== product?.name) push(field, product?.name, row.name);
        break;
      case 'price':
        // A price is a number in a currency: the feed's currency column, else the profile's default.
        if (row.price === undefined) break;
        if (!sameNumber(row.price, product?.price?.price)) push('price', product?.price?.price, row.price);
        if (row.currency && row.currency !== product?.price?.currency)
          push('currency', product?.price?.currency, row.currency);
        break;
      case 'currency':
        // Compared with the price (validation refuses a currency column without a price column).
        break;
      case 'section': {
        if (row.section === undefined) break;
        const current = product ? sections.pathOf(product.iblockSectionId) : [];
        if (!product || current.join('/') !== row.section.join('/'))
          push(field, product ? current.join('/') || null : null, row.section.join('/') || null);
        break;
      }
      case 'description':
        if (row.description !== undefined && (product?.detailText ?? '') !== row.description)
          push(field, product?.detailText, row.description);
        break;
      case 'active':
        if (row.active !== undefined && row.active !== product?.active) push(field, product?.active, row.active);
        break;
      case 'quantity':
        if (row.quantity !== undefined && (!product || !sameNumber(row.quantity, product.quantity)))
          push(field, product?.quantity, row.quantity);
        break;
      default: {
        const id = propertyIdOf(field);
        if (id === null || !row.properties || !(id in row.properties)) break;
        const to = row.properties[id]!;
        const from = product?.properties?.[id] ?? '';
        if (!product || from !== to) push(field, product ? from : null, to);
      }
    }
  }
  return out;
}

/**
 * The dry run: feed rows against the portal's products, matched by external ID (`xmlId`). Nothing
 * is written. A product twice on the portal under one external ID is a conflict (listed, never
 * written); a new product without a name is an error.
 *
 * @example const plan = planCatalog(rows, products, sections, mapping, { iblockId: 23, priceTypeId: 1 }); plan.counts
 */
export function planCatalog(
  rows: readonly CatalogRow[],
  products: readonly PortalProduct[],
  sections: readonly PortalSection[],
  mapping: CatalogMapping,
  options: PlanOptions,
): CatalogPlan {
  const fields = mappedFields(mapping);
  const index = new SectionIndex(sections);
  const byXmlId = new Map<string, PortalProduct[]>();
  for (const p of products) {
    const list = byXmlId.get(p.xmlId);
    if (list) list.push(p);
    else byXmlId.set(p.xmlId, [p]);
  }
  const items: PlanItem[] = [];
  const errors: FeedError[] = [];
  const counts: PlanCounts = { create: 0, update: 0, deactivate: 0, unchanged: 0, conflict: 0 };
  const wantedSections = new Set<string>();
  for (const row of rows) {
    const matches = byXmlId.get(row.externalId) ?? [];
    const product = matches.length === 1 ? matches[0]! : null;
    const item: PlanItem = {
      externalId: row.externalId,
      line: row.line,
      action: 'unchanged',
      productId: product?.id ?? null,
      priceId: product?.price?.id ?? null,
      name: row.name ?? product?.name ?? '',
      changes: [],
      row,
    };
    if (matches.length > 1) {
      item.action = 'conflict';
      item.reason = `${matches.length} products on the portal have external ID "${row.externalId}" (ids ${matches.map((m) => m.id).join(', ')})`;
    } else {
      item.changes = diffProduct(row, product, fields, index);
      item.action = !product ? 'create' : item.changes.length > 0 ? 'update' : 'unchanged';
      if (item.action === 'create' && !row.name)
        errors.push(
          new FeedError({
            code: 'MISSING_VALUE',
            line: row.line,
            field: Object.entries(mapping.columns).find(([, t]) => t === 'name')?.[0] ?? 'name',
            value: row.externalId,
            message: `Product "${row.externalId}" is new and needs a name (map a name column)`,
          }),
        );
      if (row.section && row.section.length && item.changes.some((c) => c.field === 'section'))
        wantedSections.add(row.section.join('/'));
    }
    counts[item.action]++;
    items.push(item);
  }
  if (options.fullFeed) {
    const inFeed = new Set(rows.map((r) => r.externalId));
    for (const p of products) {
      if (inFeed.has(p.xmlId) || p.active === 'N') continue;
      items.push({
        externalId: p.xmlId,
        line: null,
        action: 'deactivate',
        productId: p.id,
        priceId: p.price?.id ?? null,
        name: p.name ?? '',
        changes: [{ field: 'active', from: 'Y', to: 'N' }],
        row: null,
      });
      counts.deactivate++;
    }
  }
  return {
    iblockId: options.iblockId,
    priceTypeId: options.priceTypeId,
    fields,
    items,
    sections: [...sections],
    sectionsToCreate: missingSections([...wantedSections], index),
    counts,
    errors,
    fullFeed: !!options.fullFeed,
  };
}

/** Every prefix of the wanted paths the portal lacks, parents before children. */
export function missingSections(paths: readonly string[], index: SectionIndex): string[][] {
  const out = new Map<string, string[]>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let depth = 1; depth <= parts.length; depth++) {
      const prefix = parts.slice(0, depth);
      if (index.idOf(prefix) === null) out.set(prefix.join('/'), prefix);
    }
  }
  return [...out.values()].sort((a, b) => a.length - b.length);
}
