import type { CatalogFeed } from './catalog-feed.ts';
import { FeedError } from './feed-error.ts';
import { mappedFields, propertyIdOf, type CatalogMapping, type ProductField } from './mapping.ts';
import { parseDecimal } from './numbers.ts';

/** One feed record, typed: only the mapped fields are present. */
export interface CatalogRow {
  line: number;
  externalId: string;
  name?: string;
  price?: number;
  /** Upper-case code; with a price and no currency column, the profile's or the portal's base currency. */
  currency?: string;
  /** Section path as names, root first (`Office furniture/Desks` → ['Office furniture', 'Desks']); [] = no section. */
  section?: string[];
  description?: string;
  active?: 'Y' | 'N';
  quantity?: number;
  /** Custom property id → value. */
  properties?: Record<number, string>;
}

export interface CatalogValidationContext {
  /** Currency codes the portal has (`crm.currency.list`). */
  currencies: ReadonlySet<string>;
  /** For prices without a currency column: the profile's default, else the portal's base currency. */
  defaultCurrency: string;
}

export interface CatalogValidation {
  rows: CatalogRow[];
  errors: FeedError[];
}

const YES = new Set(['y', 'yes', '1', 'true', 'ja', 'j', 'да', 'active', 'aktiv']);
const NO = new Set(['n', 'no', '0', 'false', 'nej', 'nein', 'нет', 'inactive', 'inaktiv']);

/** Section paths are names joined by `/`; empty segments are dropped (`/A//B/` = `A/B`). */
export function splitSectionPath(path: string): string[] {
  return path
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Checks a feed against its mapping and the portal before anything is planned or written. Each fault
 * names its line, column and value: a mapped column missing from the feed, a feed column the mapping
 * neither maps nor ignores, two columns for one field, an empty external ID, a duplicate external ID,
 * a price or quantity that is not a number or is negative, a currency the portal does not have, an
 * active flag that is not yes/no. Rows with faults are left out of `rows`; a run refuses the feed when
 * `errors` is not empty.
 *
 * @example const { rows, errors } = validateCatalog(feed, mapping, { currencies: new Set(['DKK', 'EUR']), defaultCurrency: 'DKK' });
 */
export function validateCatalog(
  feed: CatalogFeed,
  mapping: CatalogMapping,
  context: CatalogValidationContext,
): CatalogValidation {
  const errors: FeedError[] = [];
  const headerLine = feed.format === 'csv' ? (feed.rows[0]?.line ?? 2) - 1 : null;
  const inFeed = new Set(feed.columns);
  const byField = new Map<ProductField, string>();
  for (const [column, target] of Object.entries(mapping.columns)) {
    if (!inFeed.has(column))
      errors.push(
        new FeedError({
          code: 'MISSING_COLUMN',
          line: headerLine,
          field: column,
          message: `The mapping needs column "${column}" (${target}); the feed has no such column`,
        }),
      );
    if (target === 'ignore') continue;
    const other = byField.get(target);
    if (other !== undefined)
      errors.push(
        new FeedError({
          code: 'DUPLICATE_COLUMN',
          line: headerLine,
          field: column,
          message: `Columns "${other}" and "${column}" are both mapped to ${target}`,
        }),
      );
    else byField.set(target, column);
  }
  for (const column of feed.columns)
    if (!(column in mapping.columns))
      errors.push(
        new FeedError({
          code: 'UNKNOWN_COLUMN',
          line: headerLine,
          field: column,
          message: `Column "${column}" is not mapped to a product field (map it or ignore it)`,
        }),
      );
  const idColumn = byField.get('externalId');
  if (idColumn === undefined)
    errors.push(
      new FeedError({
        code: 'MISSING_COLUMN',
        line: headerLine,
        field: 'external_id',
        message: 'No column is mapped to the external ID (external_id or xml_id): products could not be matched',
      }),
    );
  if (byField.has('currency') && !byField.has('price'))
    errors.push(
      new FeedError({
        code: 'MISSING_COLUMN',
        line: headerLine,
        field: 'price',
        message: `Column "${byField.get('currency')}" is a currency, but no column is mapped to the price`,
      }),
    );
  // Column faults make every row suspect: report them alone.
  if (errors.length > 0) return { rows: [], errors };

  const fields = mappedFields(mapping);
  const rows: CatalogRow[] = [];
  const firstLine = new Map<string, number>();
  for (const record of feed.rows) {
    const rowErrors: FeedError[] = [];
    const get = (field: ProductField) => {
      const column = byField.get(field);
      return column === undefined ? undefined : (record.values[column] ?? '');
    };
    const fault = (field: ProductField, code: FeedError['code'], value: string, message: string) =>
      rowErrors.push(new FeedError({ code, line: record.line, field: byField.get(field) ?? field, value, message }));

    const externalId = (get('externalId') ?? '').trim();
    if (externalId === '') fault('externalId', 'MISSING_VALUE', '', 'The external ID is empty');
    else {
      const first = firstLine.get(externalId);
      if (first !== undefined)
        fault('externalId', 'DUPLICATE_ID', externalId, `External ID "${externalId}" is already on line ${first}`);
      else firstLine.set(externalId, record.line);
    }
    const row: CatalogRow = { line: record.line, externalId };
    const number = (field: 'price' | 'quantity') => {
      const raw = get(field);
      if (raw === undefined || raw.trim() === '') return undefined;
      const n = parseDecimal(raw, feed.decimal);
      if (n === null) fault(field, 'NOT_A_NUMBER', raw, `${field} "${raw}" is not a number`);
      else if (n < 0) fault(field, 'NEGATIVE', raw, `${field} ${raw} is negative`);
      else return n;
      return undefined;
    };
    for (const field of fields) {
      const raw = get(field);
      if (raw === undefined) continue;
      switch (field) {
        case 'externalId':
          break;
        case 'name':
          row.name = raw.trim();
          break;
        case 'price':
          row.price = number('price');
          break;
        case 'quantity':
          row.quantity = number('quantity');
          break;
        case 'currency': {
          const code = raw.trim().toUpperCase();
          if (code === '') break;
          if (!/^[A-Z]{3}$/.test(code)) fault('currency', 'BAD_VALUE', raw, `"${raw}" is not a currency code`);
          else if (!context.currencies.has(code))
            fault('currency', 'UNKNOWN_CURRENCY', raw, `Currency ${code} does not exist on the portal`);
          else row.currency = code;
          break;
        }
        case 'section':
          row.section = splitSectionPath(raw);
          break;
        case 'description':
          row.description = raw;
          break;
        case 'active': {
          const v = raw.trim().toLowerCase();
          if (YES.has(v)) row.active = 'Y';
          else if (NO.has(v)) row.active = 'N';
          else if (v !== '')
            fault('active', 'BAD_VALUE', raw, `Active must be yes or no (Y/N, 1/0, true/false), not "${raw}"`);
          break;
        }
        default: {
          const id = propertyIdOf(field);
          if (id !== null) row.properties = { ...row.properties, [id]: raw };
        }
      }
    }
    if (row.price !== undefined && !row.currency) row.currency = context.defaultCurrency;
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else rows.push(row);
  }
  return { rows, errors };
}
