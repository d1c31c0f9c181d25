import { parseCsv } from './csv.ts';
import { decodeFeed, type FeedEncoding } from './decode.ts';
import { FeedError, FeedRefused } from './feed-error.ts';
import { keyLine, parseJson } from './json.ts';
import { parseDecimal, type DecimalMark } from './numbers.ts';
import { childrenOf, parseXml } from './xml.ts';

export type CurrencyFormat = 'ecb' | 'json' | 'csv';

/**
 * How a rate reads:
 * - `per-base`: 1 unit of `base` buys `rate` units of the currency (ECB, `{base, date, rates}` JSON);
 * - `in-base`: `amountCnt` units of the currency cost `rate` units of `base` (CSV, Bitrix24's own
 *   AMOUNT/AMOUNT_CNT; without a base column the base is the portal's base currency).
 */
export type RateQuote = 'per-base' | 'in-base';

export interface FeedRate {
  currency: string;
  rate: number;
  amountCnt: number;
  line: number | null;
}

export interface CurrencyFeed {
  format: CurrencyFormat;
  quote: RateQuote;
  /** The feed's base currency; null = the portal's base (CSV without a base column). */
  base: string | null;
  /** The date the rates are for (`YYYY-MM-DD`), when the feed says. */
  date: string | null;
  rates: FeedRate[];
}

export interface CurrencyFeedOptions {
  format?: CurrencyFormat | 'auto';
  encoding?: FeedEncoding;
  delimiter?: string;
  decimal?: DecimalMark | 'auto';
}

const CODE = /^[A-Z]{3}$/;

/**
 * Reads a currency-rate feed: the ECB daily reference rates XML
 * (`gesmes:Envelope/Cube/Cube[time]/Cube[currency, rate]`, base EUR), a JSON `{base, date, rates}`
 * document, or CSV `currency,rate[,amount_cnt][,base]` (header optional; `amount_cnt` units cost
 * `rate` in the base). Refused as a whole, with the line at fault, if a rate is not a positive number,
 * a code is not three letters, or a currency comes twice.
 *
 * @example parseCurrencyFeed(ecbBytes).rates.find((r) => r.currency === 'JPY') // { currency: 'JPY', rate: 163.5, amountCnt: 1, line: 9 }
 */
export function parseCurrencyFeed(
  bytes: Uint8Array,
  options: CurrencyFeedOptions & { name?: string } = {},
): CurrencyFeed {
  const { text } = decodeFeed(bytes, options.encoding ?? 'auto');
  const first = /\S/.exec(text)?.[0];
  const format =
    options.format && options.format !== 'auto'
      ? options.format
      : first === '<'
        ? 'ecb'
        : first === '{'
          ? 'json'
          : 'csv';
  const feed = format === 'ecb' ? ecb(text) : format === 'json' ? json(text) : csv(text, options);
  const errors: FeedError[] = [];
  const seen = new Map<string, number | null>();
  for (const r of feed.rates) {
    if (seen.has(r.currency))
      errors.push(
        new FeedError({
          code: 'DUPLICATE_ID',
          line: r.line,
          field: 'currency',
          value: r.currency,
          message: `${r.currency} is in the feed twice${seen.get(r.currency) ? ` (also line ${seen.get(r.currency)})` : ''}`,
        }),
      );
    seen.set(r.currency, r.line);
  }
  if (feed.base !== null && !CODE.test(feed.base))
    errors.push(
      new FeedError({
        code: 'BAD_VALUE',
        field: 'base',
        value: feed.base,
        message: `"${feed.base}" is not a currency code`,
      }),
    );
  if (errors.length > 0) throw new FeedRefused(errors);
  if (feed.rates.length === 0)
    throw new FeedRefused([new FeedError({ code: 'EMPTY_FEED', message: 'The feed holds no rates' })]);
  return feed;
}

function rateError(line: number | null, field: string, raw: string): FeedError {
  return new FeedError({
    code: 'NOT_A_NUMBER',
    line,
    field,
    value: raw,
    message: `${field} "${raw}" is not a number`,
  });
}

/** A rate value that must be a positive number; pushes the fault and returns null otherwise. */
function positive(
  raw: string,
  mark: DecimalMark,
  line: number | null,
  field: string,
  errors: FeedError[],
): number | null {
  const n = parseDecimal(raw, mark);
  if (n === null) errors.push(rateError(line, field, raw));
  else if (n <= 0)
    errors.push(
      new FeedError({
        code: 'NEGATIVE',
        line,
        field,
        value: raw,
        message: `${field} ${raw} must be above zero`,
      }),
    );
  else return n;
  return null;
}

function code(raw: string, line: number | null, errors: FeedError[]): string | null {
  const c = raw.trim().toUpperCase();
  if (CODE.test(c)) return c;
  errors.push(
    new FeedError({
      code: 'BAD_VALUE',
      line,
      field: 'currency',
      value: raw,
      message: `"${raw}" is not a currency code`,
    }),
  );
  return null;
}

function ecb(text: string): CurrencyFeed {
  const { root, lineOf } = parseXml(text);
  const envelope = root['gesmes:Envelope'] ?? root.Envelope;
  const day = childrenOf(childrenOf(envelope, 'Cube')[0], 'Cube')[0];
  if (!day)
    throw new FeedRefused([
      new FeedError({
        code: 'UNKNOWN_FORMAT',
        message: 'Not the ECB reference-rates format (gesmes:Envelope/Cube/Cube[time]/Cube[currency, rate])',
      }),
    ]);
  const errors: FeedError[] = [];
  const rates: FeedRate[] = [];
  for (const cube of childrenOf(day, 'Cube')) {
    const line = lineOf(cube);
    const c = code(String(cube['@currency'] ?? ''), line, errors);
    const rate = positive(String(cube['@rate'] ?? ''), '.', line, 'rate', errors);
    if (c && rate !== null) rates.push({ currency: c, rate, amountCnt: 1, line });
  }
  if (errors.length > 0) throw new FeedRefused(errors);
  const time = day['@time'];
  return { format: 'ecb', quote: 'per-base', base: 'EUR', date: typeof time === 'string' ? time : null, rates };
}

function json(text: string): CurrencyFeed {
  const doc = parseJson(text) as { base?: unknown; date?: unknown; rates?: unknown };
  if (!doc || typeof doc !== 'object' || !doc.rates || typeof doc.rates !== 'object' || Array.isArray(doc.rates))
    throw new FeedRefused([
      new FeedError({
        code: 'UNKNOWN_FORMAT',
        message: 'JSON rates are {"base": "EUR", "date": "…", "rates": {"USD": 1.08, …}}',
      }),
    ]);
  const errors: FeedError[] = [];
  if (typeof doc.base !== 'string')
    errors.push(
      new FeedError({ code: 'MISSING_VALUE', field: 'base', message: 'The JSON names no base currency ("base")' }),
    );
  const rates: FeedRate[] = [];
  for (const [key, value] of Object.entries(doc.rates as Record<string, unknown>)) {
    const line = keyLine(text, key);
    const c = code(key, line, errors);
    const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : JSON.stringify(value);
    const rate = positive(raw, '.', line, key, errors);
    if (c && rate !== null) rates.push({ currency: c, rate, amountCnt: 1, line });
  }
  if (errors.length > 0) throw new FeedRefused(errors);
  return {
    format: 'json',
    quote: 'per-base',
    base: String(doc.base).toUpperCase(),
    date: typeof doc.date === 'string' ? doc.date : null,
    rates,
  };
}

function csv(text: string, options: CurrencyFeedOptions): CurrencyFeed {
  const table = parseCsv(text, options.delimiter);
  const rows = table.rows;
  const head = rows[0]?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const hasHeader = head.includes('currency');
  const col = (name: string, fallback: number) => (hasHeader ? head.indexOf(name) : fallback);
  const at = {
    currency: col('currency', 0),
    rate: col('rate', 1),
    amountCnt: col('amount_cnt', 2),
    base: col('base', -1),
    date: col('date', -1),
  };
  const errors: FeedError[] = [];
  if (hasHeader && at.rate === -1)
    errors.push(
      new FeedError({
        code: 'MISSING_COLUMN',
        line: rows[0]!.line,
        field: 'rate',
        message: 'The CSV has no "rate" column',
      }),
    );
  if (hasHeader)
    head.forEach((h, i) => {
      if (!['currency', 'rate', 'amount_cnt', 'base', 'date'].includes(h))
        errors.push(
          new FeedError({
            code: 'UNKNOWN_COLUMN',
            line: rows[0]!.line,
            field: rows[0]!.cells[i] ?? h,
            message: `Unknown column "${rows[0]!.cells[i]}" (currency, rate, amount_cnt, base, date)`,
          }),
        );
    });
  if (errors.length > 0) throw new FeedRefused(errors);
  const chosen = options.decimal && options.decimal !== 'auto' ? options.decimal : null;
  const rates: FeedRate[] = [];
  let base: string | null = null;
  let date: string | null = null;
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const c = code(cell(at.currency), row.line, errors);
    // Rates carry no thousands marks: unless one is chosen, a comma in a rate is its decimal mark.
    const rawRate = cell(at.rate);
    const rate = positive(rawRate, chosen ?? (rawRate.includes(',') ? ',' : '.'), row.line, 'rate', errors);
    let amountCnt = 1;
    if (cell(at.amountCnt) !== '') {
      const n = parseDecimal(cell(at.amountCnt), '.');
      if (n === null || n <= 0 || !Number.isInteger(n))
        errors.push(
          new FeedError({
            code: 'NOT_A_NUMBER',
            line: row.line,
            field: 'amount_cnt',
            value: cell(at.amountCnt),
            message: `amount_cnt "${cell(at.amountCnt)}" is not a whole number above zero`,
          }),
        );
      else amountCnt = n;
    }
    const rowBase = cell(at.base).toUpperCase();
    if (rowBase) {
      if (base !== null && base !== rowBase)
        errors.push(
          new FeedError({
            code: 'BAD_VALUE',
            line: row.line,
            field: 'base',
            value: rowBase,
            message: `One feed, one base currency: ${base} above, ${rowBase} here`,
          }),
        );
      base = rowBase;
    }
    if (cell(at.date)) date = cell(at.date);
    if (c && rate !== null) rates.push({ currency: c, rate, amountCnt, line: row.line });
  }
  if (errors.length > 0) throw new FeedRefused(errors);
  return { format: 'csv', quote: 'in-base', base, date, rates };
}
