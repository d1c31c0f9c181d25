import Papa from 'papaparse';
import { XMLBuilder } from 'fast-xml-parser';
import { BitrixError } from '../../b24/index.ts';
import {
  readPortalMeta,
  readPortalProducts,
  readPortalSections,
  SectionIndex,
  type PortalCurrency,
} from './portal-catalog.ts';
import type { SyncClient } from './sync-client.ts';

export type ExportFormat = 'json' | 'csv' | 'xml';

/** One product of the webshop feed. */
export interface ExportRow {
  id: number;
  externalId: string;
  name: string;
  /** Section path, names joined by `/`; '' outside any section. */
  section: string;
  /** The base price converted to the export currency, 2 decimals; null when the product has no price. */
  price: number | null;
  currency: string;
  /** Stock; null when the catalog does not track it for the product. */
  quantity: number | null;
  description: string;
}

export interface ExportOptions {
  format: ExportFormat;
  /** Prices in this currency (converted with the portal's rates); default the portal's base currency. */
  currency?: string;
  /** Inactive products too (a webshop normally wants active ones only). */
  includeInactive?: boolean;
  signal?: AbortSignal;
}

export interface CatalogExport {
  format: ExportFormat;
  currency: string;
  count: number;
  /** The file's text. */
  body: string;
  mimeType: string;
  /** A file name to offer (`catalog-2024-05-10.csv`). */
  fileName: string;
  rows: ExportRow[];
}

/**
 * A price converted between two portal currencies through the base (AMOUNT is the value of AMOUNT_CNT
 * units in the base currency), rounded to 2 decimals.
 *
 * @example convertPrice(100, eur, dkk) // 746.04
 */
export function convertPrice(price: number, from: PortalCurrency, to: PortalCurrency): number {
  if (from.code === to.code) return price;
  const inBase = price * (from.amount / from.amountCnt);
  return Math.round((inBase / (to.amount / to.amountCnt)) * 100) / 100;
}

const CSV_COLUMNS = ['external_id', 'name', 'section', 'price', 'currency', 'quantity', 'description', 'id'] as const;

/** The rows as a file in the chosen format. */
export function renderExport(
  rows: readonly ExportRow[],
  format: ExportFormat,
  currency: string,
  generatedAt: string,
): string {
  if (format === 'json')
    return `${JSON.stringify({ generatedAt, currency, count: rows.length, products: rows }, null, 2)}\n`;
  if (format === 'csv')
    return `${Papa.unparse(
      {
        fields: [...CSV_COLUMNS],
        data: rows.map((r) => [
          r.externalId,
          r.name,
          r.section,
          r.price ?? '',
          r.currency,
          r.quantity ?? '',
          r.description,
          r.id,
        ]),
      },
      // A spreadsheet must not run a product name as a formula.
      { escapeFormulae: true, newline: '\n' },
    )}\n`;
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    format: true,
    suppressEmptyNode: true,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    catalog: {
      '@generatedAt': generatedAt,
      '@currency': currency,
      '@count': String(rows.length),
      product: rows.map((r) => ({
        '@id': String(r.id),
        externalId: r.externalId,
        name: r.name,
        section: r.section,
        price: r.price === null ? '' : r.price.toFixed(2),
        currency: r.currency,
        quantity: r.quantity === null ? '' : String(r.quantity),
        description: r.description,
      })),
    },
  })}`;
}

/**
 * The webshop feed: active products with their section path, stock and base price in one currency.
 * Reads in bulk — the catalog and currencies in one request, 2,500 products per request, their prices
 * the same way, the sections in one.
 *
 * @example const file = await exportCatalog(client, { format: 'csv', currency: 'EUR' }); download(file.fileName, file.body)
 */
export async function exportCatalog(client: SyncClient, options: ExportOptions): Promise<CatalogExport> {
  const meta = await readPortalMeta(client, { signal: options.signal });
  const currencyCode = (options.currency ?? meta.baseCurrency).toUpperCase();
  const target = meta.currencies.find((c) => c.code === currencyCode);
  if (!target)
    throw new BitrixError(
      'UNKNOWN_CURRENCY',
      `Currency ${currencyCode} does not exist on the portal`,
      0,
      'crm.currency.list',
    );
  const byCode = new Map(meta.currencies.map((c) => [c.code, c]));
  const [products, sections] = await Promise.all([
    readPortalProducts(client, {
      iblockId: meta.iblockId,
      select: ['id', 'iblockId', 'xmlId', 'name', 'active', 'iblockSectionId', 'quantity', 'detailText'],
      priceTypeId: meta.priceTypeId,
      signal: options.signal,
    }),
    readPortalSections(client, meta.iblockId, options.signal),
  ]);
  const index = new SectionIndex(sections);
  const rows: ExportRow[] = products
    .filter((p) => options.includeInactive || p.active !== 'N')
    .map((p) => {
      const from = p.price ? byCode.get(p.price.currency) : undefined;
      return {
        id: p.id,
        externalId: p.xmlId,
        name: p.name ?? '',
        section: index.pathOf(p.iblockSectionId).join('/'),
        price: p.price && from ? convertPrice(p.price.price, from, target) : null,
        currency: target.code,
        quantity: p.quantity ?? null,
        description: p.detailText ?? '',
      };
    });
  const generatedAt = new Date().toISOString();
  const mimeType = { json: 'application/json', csv: 'text/csv', xml: 'application/xml' }[options.format];
  return {
    format: options.format,
    currency: target.code,
    count: rows.length,
    body: renderExport(rows, options.format, target.code, generatedAt),
    mimeType,
    fileName: `catalog-${generatedAt.slice(0, 10)}.${options.format}`,
    rows,
  };
}
