/**
 * The product fields a catalog feed can own. `property:<id>` is a custom property of the catalog
 * (`property<id>` on catalog.product.*, `PROPERTY_<id>` in Bitrix24's own UI).
 */
export type ProductField =
  | 'externalId'
  | 'name'
  | 'price'
  | 'currency'
  | 'section'
  | 'description'
  | 'active'
  | 'quantity'
  | `property:${number}`;

/** What a column is for: a product field, or nothing (`ignore`, read but never written). */
export type ColumnTarget = ProductField | 'ignore';

/**
 * Column → product field, saved per profile. Master-of-record rule: a sync writes the mapped
 * fields and nothing else; a field no column maps to is never read for the diff nor written.
 */
export interface CatalogMapping {
  columns: Record<string, ColumnTarget>;
}

/** The fixed product fields in the order the mapping step lists them. */
export const PRODUCT_FIELDS = [
  'externalId',
  'name',
  'price',
  'currency',
  'section',
  'description',
  'active',
  'quantity',
] as const satisfies readonly ProductField[];

/** Where each field lives on the portal: a `catalog.product.*` key, or the product's base price. */
export const PORTAL_FIELD: Record<Exclude<ProductField, `property:${number}`>, string> = {
  externalId: 'xmlId',
  name: 'name',
  price: 'price',
  currency: 'currency',
  section: 'iblockSectionId',
  description: 'detailText',
  active: 'active',
  quantity: 'quantity',
};

/** Header names the auto-mapping knows (case-insensitive, `-`/space read as `_`). */
const HEADER_NAMES: Record<string, ProductField> = {
  external_id: 'externalId',
  xml_id: 'externalId',
  name: 'name',
  price: 'price',
  currency: 'currency',
  section: 'section',
  description: 'description',
  active: 'active',
  quantity: 'quantity',
};

const PROPERTY_HEADER = /^property_?(\d+)$/i;

/** `property:12` → 12; null for the fixed fields. */
export function propertyIdOf(field: ColumnTarget): number | null {
  const m = /^property:(\d+)$/.exec(field);
  return m ? Number(m[1]) : null;
}

export function isColumnTarget(value: string): value is ColumnTarget {
  return value === 'ignore' || (PRODUCT_FIELDS as readonly string[]).includes(value) || /^property:\d+$/.test(value);
}

/**
 * The field a header names, or null: `external_id`/`xml_id`, `name`, `price`, `currency`,
 * `section`, `description`, `active`, `quantity`, `PROPERTY_<id>` — case-insensitive.
 *
 * @example fieldForHeader(' XML_ID ') // 'externalId'
 * @example fieldForHeader('PROPERTY_12') // 'property:12'
 */
export function fieldForHeader(header: string): ProductField | null {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const known = HEADER_NAMES[key];
  if (known) return known;
  const prop = PROPERTY_HEADER.exec(key);
  return prop ? `property:${Number(prop[1])}` : null;
}

/**
 * Maps columns by their header names (the CLI's `--source` without a profile, and the mapping step's
 * first proposal). Columns it does not know are left out of the mapping, so validation reports them
 * as unknown until they are mapped or ignored.
 *
 * @example autoMapping(['XML_ID', 'Name', 'Price', 'colour']).columns // { XML_ID: 'externalId', Name: 'name', Price: 'price' }
 */
export function autoMapping(columns: readonly string[]): CatalogMapping {
  const out: Record<string, ColumnTarget> = {};
  const taken = new Set<ProductField>();
  for (const column of columns) {
    const field = fieldForHeader(column);
    if (!field || taken.has(field)) continue;
    taken.add(field);
    out[column] = field;
  }
  return { columns: out };
}

/** The fields a mapping writes, each once. */
export function mappedFields(mapping: CatalogMapping): ProductField[] {
  return [...new Set(Object.values(mapping.columns).filter((t): t is ProductField => t !== 'ignore'))];
}
