import { parseCsv } from './csv.ts';
import { decodeFeed, type FeedEncoding } from './decode.ts';
import { FeedError, FeedRefused } from './feed-error.ts';
import { arrayElementLines, parseJson } from './json.ts';
import { detectDecimalMark, type DecimalMark } from './numbers.ts';
import { parseXml, textOf, type XmlNode, type XmlValue } from './xml.ts';

export type CatalogFormat = 'csv' | 'json' | 'xml';

/** How to read a catalog export; every part is detected unless chosen. */
export interface CatalogFeedOptions {
  format?: CatalogFormat | 'auto';
  encoding?: FeedEncoding;
  /** CSV only: `,` `;` tab `|`. */
  delimiter?: string;
  decimal?: DecimalMark | 'auto';
}

export interface FeedRow {
  /** 1-based line where the record starts (CSV row, JSON object, XML element). */
  line: number;
  /** Column → raw text; a column the record lacks is absent. */
  values: Record<string, string>;
}

export interface CatalogFeed {
  format: CatalogFormat;
  encoding: string;
  delimiter: string | null;
  decimal: DecimalMark;
  /** Every column in first-seen order (CSV: the header). */
  columns: string[];
  rows: FeedRow[];
}

/**
 * The format of a feed from its first meaningful character, else its file name.
 *
 * @example sniffFormat('<?xml …') // 'xml'
 */
export function sniffFormat(text: string, name?: string): CatalogFormat {
  const first = /\S/.exec(text)?.[0];
  if (first === '<') return 'xml';
  if (first === '{' || first === '[') return 'json';
  const ext = name?.toLowerCase().split('.').pop();
  if (ext === 'xml') return 'xml';
  if (ext === 'json') return 'json';
  return 'csv';
}

/**
 * Reads a catalog export (CSV, JSON or XML) into columns and rows of raw text. Values are checked
 * later (validateCatalog); here the file is refused only when it cannot be read: too large, wrong
 * encoding, broken syntax, entity declarations, no rows.
 *
 * - CSV: the first row is the header; delimiter detected (`,` `;` tab `|`).
 * - JSON: an array of flat objects, or an object holding one (`{"products": […]}`).
 * - XML: the repeated element under the root (`<catalog><product>…</product>…</catalog>`); its
 *   attributes and scalar child elements are the columns.
 *
 * @example const feed = parseCatalogFeed(bytes, { name: 'erp.csv' }); feed.columns // ['external_id', 'name', 'price']
 */
export function parseCatalogFeed(bytes: Uint8Array, options: CatalogFeedOptions & { name?: string } = {}): CatalogFeed {
  const { text, encoding } = decodeFeed(bytes, options.encoding ?? 'auto');
  const format = !options.format || options.format === 'auto' ? sniffFormat(text, options.name) : options.format;
  let parsed: { columns: string[]; rows: FeedRow[]; delimiter: string | null };
  if (format === 'csv') parsed = csvRows(text, options.delimiter);
  else if (format === 'json') parsed = jsonRows(text);
  else parsed = xmlRows(text);
  if (parsed.rows.length === 0)
    throw new FeedRefused([new FeedError({ code: 'EMPTY_FEED', message: 'The feed holds no products' })]);
  const decimal =
    !options.decimal || options.decimal === 'auto'
      ? detectDecimalMark(numericSamples(parsed.rows), parsed.delimiter === ';' ? ',' : '.')
      : options.decimal;
  return { format, encoding, decimal, ...parsed };
}

/** Values of the columns that hold numbers (price, quantity), for decimal-mark detection. */
function* numericSamples(rows: FeedRow[]): Generator<string> {
  for (const row of rows.slice(0, 2000))
    for (const [column, value] of Object.entries(row.values))
      if (/price|quantity|amount|qty|stock/i.test(column)) yield value;
}

function csvRows(text: string, delimiter?: string) {
  const table = parseCsv(text, delimiter);
  const [head, ...body] = table.rows;
  if (!head) return { columns: [], rows: [], delimiter: table.delimiter };
  const columns = head.cells.map((c) => c.trim());
  const errors: FeedError[] = [];
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    if (c === '')
      errors.push(
        new FeedError({
          code: 'MISSING_COLUMN',
          line: head.line,
          field: `#${i + 1}`,
          message: `Column ${i + 1} has no header`,
        }),
      );
    else if (seen.has(c.toLowerCase()))
      errors.push(
        new FeedError({
          code: 'DUPLICATE_COLUMN',
          line: head.line,
          field: c,
          message: `The header names "${c}" twice`,
        }),
      );
    seen.set(c.toLowerCase(), i);
  });
  const rows: FeedRow[] = [];
  for (const row of body) {
    if (row.cells.length !== columns.length) {
      errors.push(
        new FeedError({
          code: 'CSV_BROKEN',
          line: row.line,
          value: String(row.cells.length),
          message: `The row has ${row.cells.length} cells, the header ${columns.length}`,
        }),
      );
      continue;
    }
    const values: Record<string, string> = {};
    columns.forEach((c, i) => (values[c] = row.cells[i]!));
    rows.push({ line: row.line, values });
  }
  if (errors.length > 0) throw new FeedRefused(errors);
  return { columns, rows, delimiter: table.delimiter };
}

function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function jsonRows(text: string) {
  const doc = parseJson(text);
  let path: string[] = [];
  let list: unknown = doc;
  if (!Array.isArray(doc) && doc && typeof doc === 'object') {
    const entry = Object.entries(doc).find(([, v]) => Array.isArray(v));
    if (entry) {
      path = [entry[0]];
      list = entry[1];
    }
  }
  if (!Array.isArray(list))
    throw new FeedRefused([
      new FeedError({
        code: 'UNKNOWN_FORMAT',
        message: 'JSON feeds are an array of products, or an object holding one ({"products": […]})',
      }),
    ]);
  const lines = arrayElementLines(text, path);
  const columns: string[] = [];
  const known = new Set<string>();
  const errors: FeedError[] = [];
  const rows: FeedRow[] = [];
  list.forEach((item: unknown, i) => {
    const line = lines[i] ?? null;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors.push(new FeedError({ code: 'BAD_VALUE', line, message: `Product ${i + 1} is not an object` }));
      return;
    }
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(item)) {
      const v = scalarText(value);
      if (v === null) {
        errors.push(
          new FeedError({
            code: 'BAD_VALUE',
            line,
            field: key,
            value: JSON.stringify(value),
            message: `"${key}" holds a nested value; feed values are text, numbers or true/false`,
          }),
        );
        continue;
      }
      values[key] = v;
      if (!known.has(key)) {
        known.add(key);
        columns.push(key);
      }
    }
    rows.push({ line: line ?? i + 1, values });
  });
  if (errors.length > 0) throw new FeedRefused(errors);
  return { columns, rows, delimiter: null };
}

/**
 * The record elements: the repeated element found walking down from the root (a container that
 * holds other things besides, like a header, is walked past), or a lone record with scalar children.
 */
function xmlRecords(root: XmlNode): XmlNode[] {
  const isScalarRecord = (v: XmlNode) => Object.keys(v).every((k) => k.startsWith('@') || textOf(v[k]) !== null);
  let node: XmlNode = root;
  for (let depth = 0; depth < 10; depth++) {
    const children = Object.keys(node).filter((k) => !k.startsWith('@') && k !== '#text');
    const repeated = children.filter((k) => Array.isArray(node[k]));
    if (repeated.length === 1)
      return (node[repeated[0]!] as XmlValue[]).filter((n): n is XmlNode => typeof n === 'object' && !Array.isArray(n));
    const objects = children
      .map((k) => node[k]!)
      .filter((v): v is XmlNode => typeof v === 'object' && !Array.isArray(v));
    if (repeated.length > 1) return [];
    // A lone record under its container (`<catalog><product>…</product></catalog>`).
    if (depth > 0 && objects.length === 1 && isScalarRecord(objects[0]!)) return [objects[0]!];
    const containers = objects.filter((o) => !isScalarRecord(o));
    if (containers.length !== 1) return [];
    node = containers[0]!;
  }
  return [];
}

function xmlRows(text: string) {
  const { root, lineOf } = parseXml(text);
  const records = xmlRecords(root);
  const columns: string[] = [];
  const known = new Set<string>();
  const rows: FeedRow[] = records.map((record, i) => {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === '#text') continue;
      const name = key.startsWith('@') ? key.slice(1) : key;
      const v = textOf(value);
      if (v === null) continue;
      values[name] = v;
      if (!known.has(name)) {
        known.add(name);
        columns.push(name);
      }
    }
    return { line: lineOf(record) ?? i + 1, values };
  });
  return { columns, rows, delimiter: null };
}
