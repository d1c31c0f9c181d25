import { parseCatalogFeed, type CatalogFeed, type CatalogFormat } from '../../data/sync/catalog-feed.ts';
import type { FeedEncoding } from '../../data/sync/decode.ts';
import { FeedRefused } from '../../data/sync/feed-error.ts';
import { fieldForHeader, type CatalogMapping, type ColumnTarget } from '../../data/sync/mapping.ts';
import type { DecimalMark } from '../../data/sync/numbers.ts';
import type { FeedSourceSpec, SyncProfile } from '../../data/sync/sync-store.ts';

/** How to read a catalog feed; `auto` parts are detected. */
export interface ReadingChoice {
  format: CatalogFormat | 'auto';
  encoding: FeedEncoding;
  /** `,` `;` `\t` `|` or `auto`. */
  delimiter: string;
  decimal: DecimalMark | 'auto';
}

/**
 * The profile's reading options (what it does not set is detected).
 * @example choiceOf({ source: { delimiter: ';' } }) // { format: 'auto', encoding: 'auto', delimiter: ';', decimal: 'auto' }
 */
export function choiceOf(profile: SyncProfile): ReadingChoice {
  const s = profile.source ?? {};
  return {
    format: s.format === 'csv' || s.format === 'json' || s.format === 'xml' ? s.format : 'auto',
    encoding: s.encoding ?? 'auto',
    delimiter: s.delimiter ?? 'auto',
    decimal: s.decimal ?? 'auto',
  };
}

export type ReadResult = { feed: CatalogFeed; refused: null } | { feed: null; refused: FeedRefused };

/**
 * Reads a catalog feed as chosen; a feed that cannot be read is returned refused (with line and value).
 * @example const { feed, refused } = readCatalog(bytes, 'erp.csv', choice);
 */
export function readCatalog(bytes: Uint8Array, name: string, choice: ReadingChoice): ReadResult {
  try {
    return {
      feed: parseCatalogFeed(bytes, {
        name,
        format: choice.format,
        encoding: choice.encoding,
        delimiter: choice.delimiter === 'auto' ? undefined : choice.delimiter,
        decimal: choice.decimal,
      }),
      refused: null,
    };
  } catch (e) {
    if (e instanceof FeedRefused) return { feed: null, refused: e };
    throw e;
  }
}

/** Where a column's target came from: the profile's saved mapping, the header name, or nowhere (ignored). */
export type MappingOrigin = 'saved' | 'auto' | 'none';

export interface ProposedMapping {
  columns: Record<string, ColumnTarget>;
  origin: Record<string, MappingOrigin>;
  /** Columns the saved mapping names that this feed does not have. */
  missing: string[];
}

/**
 * The mapping the mapping step opens with: the profile's saved choice per column, else the field the
 * header names (`external_id`/`xml_id`, `name`, `price`, … `PROPERTY_12`), else ignored — each field
 * taken by one column at most. The user changes any of them before the dry run.
 * @example proposeMapping(['SKU', 'Name'], { columns: { SKU: 'externalId' } }).columns // { SKU: 'externalId', Name: 'name' }
 */
export function proposeMapping(columns: readonly string[], saved?: CatalogMapping): ProposedMapping {
  const out: ProposedMapping = { columns: {}, origin: {}, missing: [] };
  const taken = new Set<ColumnTarget>();
  for (const c of columns) {
    const target = saved?.columns[c];
    if (target) {
      out.columns[c] = target;
      out.origin[c] = 'saved';
      if (target !== 'ignore') taken.add(target);
    }
  }
  for (const c of columns) {
    if (c in out.columns) continue;
    const field = fieldForHeader(c);
    if (field && !taken.has(field)) {
      out.columns[c] = field;
      out.origin[c] = 'auto';
      taken.add(field);
    } else {
      out.columns[c] = 'ignore';
      out.origin[c] = 'none';
    }
  }
  out.missing = Object.keys(saved?.columns ?? {}).filter((c) => !columns.includes(c));
  return out;
}

/** The profile's reading options as chosen (detected parts left out, so the next feed is detected again). */
function sourceSpec(profile: SyncProfile, choice: ReadingChoice, url: string | null): FeedSourceSpec {
  const spec: FeedSourceSpec = { ...(profile.source?.location ? { location: profile.source.location } : {}) };
  if (url) spec.location = url;
  if (choice.format !== 'auto') spec.format = choice.format;
  if (choice.encoding !== 'auto') spec.encoding = choice.encoding;
  if (choice.delimiter !== 'auto') spec.delimiter = choice.delimiter;
  if (choice.decimal !== 'auto') spec.decimal = choice.decimal;
  return spec;
}

/**
 * The profile to save after the mapping step: its mapping and the reading options the user chose.
 * @example await save({ profile: profileToSave(profile, choice, mapping, url) })
 */
export function profileToSave(
  profile: SyncProfile,
  choice: ReadingChoice,
  mapping: CatalogMapping,
  url: string | null,
): SyncProfile {
  return { ...profile, source: sourceSpec(profile, choice, url), mapping };
}

/**
 * The profile a run uses: the saved one with everything the screen detected filled in, so the engine
 * reads the feed exactly as the screen showed it.
 */
export function profileForRun(
  profile: SyncProfile,
  feed: CatalogFeed,
  choice: ReadingChoice,
  mapping: CatalogMapping,
  url: string | null,
): SyncProfile {
  return {
    ...profileToSave(profile, choice, mapping, url),
    source: {
      ...sourceSpec(profile, choice, url),
      format: feed.format,
      encoding: choice.encoding,
      ...(feed.delimiter ? { delimiter: feed.delimiter } : {}),
      decimal: feed.decimal,
    },
  };
}

/** Same mapping (the columns and their targets), whatever the key order. */
export function sameMapping(a: CatalogMapping | undefined, b: CatalogMapping): boolean {
  const ak = Object.keys(a?.columns ?? {});
  const bk = Object.keys(b.columns);
  return ak.length === bk.length && bk.every((k) => a?.columns[k] === b.columns[k]);
}

/** Same reading options and location as saved. */
export function sameSource(a: FeedSourceSpec | undefined, b: FeedSourceSpec): boolean {
  const keys: (keyof FeedSourceSpec)[] = ['location', 'format', 'encoding', 'delimiter', 'decimal'];
  return keys.every((k) => (a?.[k] ?? null) === (b[k] ?? null));
}
