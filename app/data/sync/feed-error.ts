/**
 * What can be wrong with a feed. The UI translates by code (`sync:feedError.<code>`), the CLI prints
 * `message`; both show `line`, `field` and `value` beside it.
 */
export type FeedErrorCode =
  /** The file is over MAX_FEED_BYTES; refused before it is read. */
  | 'FILE_TOO_LARGE'
  /** Nothing in it (no rows, no rates). */
  | 'EMPTY_FEED'
  /** Not valid UTF-8 and no other encoding chosen. */
  | 'ENCODING'
  /** The format could not be recognised, or the chosen format does not fit. */
  | 'UNKNOWN_FORMAT'
  /** XML that is not well-formed (line and column of the first fault). */
  | 'XML_BROKEN'
  /** XML with entity declarations (a DOCTYPE internal subset): refused, never expanded. */
  | 'XML_ENTITIES'
  | 'JSON_BROKEN'
  /** A quote left open, or a row with another number of cells than the header. */
  | 'CSV_BROKEN'
  /** A column the mapping needs is not in the feed (or no column is the external ID). */
  | 'MISSING_COLUMN'
  /** A column of the feed that the mapping neither maps nor ignores. */
  | 'UNKNOWN_COLUMN'
  /** Two columns mapped to the same product field, or a header named twice. */
  | 'DUPLICATE_COLUMN'
  /** A required value is empty (external ID; name of a product to create). */
  | 'MISSING_VALUE'
  | 'NOT_A_NUMBER'
  | 'NEGATIVE'
  /** The same external ID (or currency) twice in one feed. */
  | 'DUPLICATE_ID'
  /** A currency the portal does not have (`crm.currency.list`). */
  | 'UNKNOWN_CURRENCY'
  /** A value of the wrong shape (an active flag that is not yes/no, a currency code that is not 3 letters). */
  | 'BAD_VALUE'
  /** The currency feed has no rate for the portal's base currency, so nothing can be converted. */
  | 'NO_BASE_RATE'
  /** The feed could not be fetched from its URL. */
  | 'FETCH_FAILED';

export interface FeedErrorInit {
  code: FeedErrorCode;
  message: string;
  /** 1-based line in the file (the header is line 1 of a CSV); null when the fault has no line (a JSON key order, the whole file). */
  line?: number | null;
  column?: number | null;
  /** The feed column (or product field) at fault. */
  field?: string | null;
  /** The offending value, as text (cut to 200 characters). */
  value?: string | null;
}

/**
 * One fault in a feed, with where it is. Thrown inside FeedRefused, or listed by validation.
 *
 * @example new FeedError({ code: 'NOT_A_NUMBER', line: 7, field: 'price', value: 'abc', message: 'price "abc" is not a number' })
 */
export class FeedError extends Error {
  readonly code: FeedErrorCode;
  readonly line: number | null;
  readonly column: number | null;
  readonly field: string | null;
  readonly value: string | null;

  constructor(init: FeedErrorInit) {
    super(init.message);
    this.name = 'FeedError';
    this.code = init.code;
    this.line = init.line ?? null;
    this.column = init.column ?? null;
    this.field = init.field ?? null;
    this.value = init.value === undefined || init.value === null ? null : clip(init.value);
  }

  /** Plain data for run logs and JSON output. */
  toJSON(): FeedErrorInit {
    return {
      code: this.code,
      message: this.message,
      line: this.line,
      column: this.column,
      field: this.field,
      value: this.value,
    };
  }
}

/** At most this many faults are listed; the rest are counted (`FeedRefused.more`). */
export const MAX_LISTED_ERRORS = 500;

/**
 * A feed refused as a whole: nothing was written. `errors` lists the faults (≤ MAX_LISTED_ERRORS),
 * `more` counts the ones left out.
 *
 * @example try { parseCatalogFeed(bytes) } catch (e) { if (e instanceof FeedRefused) show(e.errors) }
 */
export class FeedRefused extends Error {
  readonly errors: FeedError[];
  readonly more: number;

  constructor(errors: FeedError[]) {
    const listed = errors.slice(0, MAX_LISTED_ERRORS);
    super(
      `Feed refused: ${describeFeedError(listed[0]!)}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
    );
    this.name = 'FeedRefused';
    this.errors = listed;
    this.more = errors.length - listed.length;
  }
}

export function clip(value: string, max = 200): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * One line of text naming where and what: `line 7, price "abc": not a number`.
 *
 * @example describeFeedError(err) // 'line 7, column "price", value "abc": price "abc" is not a number'
 */
export function describeFeedError(e: FeedErrorInit): string {
  const where = [
    e.line ? `line ${e.line}${e.column ? `:${e.column}` : ''}` : null,
    e.field ? `column "${e.field}"` : null,
    e.value !== null && e.value !== undefined ? `value "${e.value}"` : null,
  ].filter(Boolean);
  return where.length ? `${where.join(', ')}: ${e.message}` : e.message;
}

/** Throws FeedRefused when the list is not empty. */
export function refuseIfAny(errors: FeedError[]): void {
  if (errors.length > 0) throw new FeedRefused(errors);
}
