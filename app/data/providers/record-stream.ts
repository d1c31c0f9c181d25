import { BATCH_MAX, PAGE, type B24Client, type BatchCommand } from '../../b24/index.ts';
import type { RecordData, SortOrder } from '../types.ts';

type Item = Record<string, unknown> & { id: number | string };
type Items = { items?: Item[] };
type Params = Record<string, unknown>;

/** What one HTTP request brought: its 50-row pages in order, and the portal's count if it sent one. */
interface Request {
  pages: Item[][];
  total?: number;
}

export interface RecordStreamQuery {
  entityTypeId: number;
  /** A crm.item filter (grid-filter.ts compiles the grid's). */
  filter: Params;
  sort: { field: string; order: SortOrder };
  /** At most this many rows are read. */
  cap: number;
  /** Default: whole records (`*` and custom fields). */
  select?: string[];
  /** Stops between requests once aborted (the screen moved on). */
  signal?: AbortSignal;
}

/** One request's worth of rows, as it arrives. */
export interface RecordChunk {
  rows: RecordData[];
  /** Matching records: the portal's count (offset pages carry one), or the rows read when the last chunk says so. */
  total?: number;
  /** More records match than the cap let through (set on the last chunk). */
  capped: boolean;
  /** Nothing more follows. */
  last: boolean;
}

const ALL_FIELDS = ['*', 'ufCrm*'];

function itemsOf(result: unknown): Item[] {
  const items = (result as Items | null)?.items;
  return Array.isArray(items) ? items : [];
}

function lastId(page: Item[]): number {
  return Number(page[page.length - 1]!.id);
}

/** Pages after `after` by ascending id: B24Client.list's `>id` chain, 50 pages (2,500 rows) per request. */
async function* ascending(client: B24Client, params: Params, filter: Params, after: number): AsyncGenerator<Request> {
  let pages: Item[][] = [];
  // `>=id` bounds the chain's own `>id` cursor, which starts at 0.
  for await (const page of client.list<Item>('crm.item.list', {
    ...params,
    filter: { ...filter, '>=id': after + 1 },
  })) {
    pages.push(page);
    if (pages.length === BATCH_MAX) {
      yield { pages };
      pages = [];
    }
  }
  if (pages.length > 0) yield { pages };
}

/**
 * Pages before `before` by descending id: the same cursor chain mirrored (`<id`, each page referring to the
 * last id of the one before through `$result`), 2,500 rows per request and no COUNT. B24Client.list only
 * walks upwards, and newest-first is the order a CRM list opens in.
 */
async function* descending(client: B24Client, params: Params, filter: Params, before: number): AsyncGenerator<Request> {
  let cursor = before;
  for (;;) {
    const commands: BatchCommand[] = [];
    for (let p = 0; p < BATCH_MAX; p++) {
      const from = p === 0 ? cursor : `$result[c${p - 1}][items][${PAGE - 1}][id]`;
      commands.push({
        method: 'crm.item.list',
        params: { ...params, filter: { ...filter, '<id': from }, order: { id: 'DESC' }, start: -1 },
      });
    }
    const outcomes = await client.batch(commands);
    const pages: Item[][] = [];
    for (const [p, outcome] of outcomes.entries()) {
      // A failed first page is a real error; further down it means the chain broke: go on from the cursor.
      if (!outcome.ok) {
        if (p === 0) throw outcome.error;
        break;
      }
      const page = itemsOf(outcome.value.result);
      pages.push(page);
      if (page.length < PAGE) {
        yield { pages };
        return;
      }
    }
    yield { pages };
    cursor = lastId(pages[pages.length - 1]!);
  }
}

/**
 * Pages from `start` in any order: 50 independent offset pages (`start` 0, 50, 100, …) per `batch`. Each
 * carries the portal's count, so after the first request only the pages that can hold rows are asked for.
 */
async function* offsets(client: B24Client, params: Params, from: number, cap: number, known?: number) {
  let start = from;
  let total = known;
  for (;;) {
    const end = Math.min(cap, total ?? Infinity);
    const count = Math.min(BATCH_MAX, Math.ceil((end - start) / PAGE));
    if (count <= 0) return;
    const commands = Array.from({ length: count }, (_, i) => ({
      method: 'crm.item.list',
      params: { ...params, start: start + i * PAGE },
    }));
    const outcomes = await client.batch(commands);
    const pages: Item[][] = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      if (typeof outcome.value.total === 'number') total = outcome.value.total;
      const page = itemsOf(outcome.value.result);
      pages.push(page);
      if (page.length < PAGE) break;
    }
    yield { pages, total } satisfies Request;
    if (pages[pages.length - 1]!.length < PAGE) return;
    start += count * PAGE;
  }
}

/**
 * Streams every record of a crm.item entity type that matches `filter`, in `sort` order, up to `cap` rows,
 * one chunk per HTTP request (2,500 rows), so a screen can show rows while the rest arrive.
 *
 * - The first page (50 rows) is a lone `call`: it joins the batch of whatever else the screen reads in
 *   the same tick, and a short list costs nothing more.
 * - Ordered by id, the rest follows the `>id`/`<id` cursor chain with `start=-1`: no COUNT, no offsets.
 * - Ordered by any other field, the portal sorts the whole matching set: `order {field, id}` (the id makes
 *   ties stable) over offset pages — sorting the rows already read would be wrong beyond the first page.
 * - When more than `cap` rows match, the last chunk says so with the portal's count (one extra
 *   `crm.item.list` with `start=0` in cursor mode, where nothing counted yet).
 *
 * @example
 * for await (const chunk of streamRecords(client, { entityTypeId: 2, filter: { '@stageId': ['NEW'] }, sort: { field: 'opportunity', order: 'DESC' }, cap: 10_000 }))
 *   rows.push(...chunk.rows);
 */
export async function* streamRecords(client: B24Client, query: RecordStreamQuery): AsyncGenerator<RecordChunk> {
  const { entityTypeId, filter, sort, cap, signal } = query;
  const base: Params = { entityTypeId, useOriginalUfNames: 'N', select: query.select ?? ALL_FIELDS };
  const byId = sort.field === 'id';
  const order = byId ? { id: sort.order } : { [sort.field]: sort.order, id: sort.order };

  async function* requests(): AsyncGenerator<Request> {
    const first = await client.call<Items>('crm.item.list', { ...base, filter, order, start: byId ? -1 : 0 });
    const page = itemsOf(first.result);
    // With start=-1 the portal counts nothing (its `total` is 0); with start=0 the count is real.
    const total = !byId && typeof first.total === 'number' ? first.total : undefined;
    yield { pages: [page], ...(total === undefined ? {} : { total }) };
    if (page.length < PAGE || cap <= PAGE) return;
    if (!byId) yield* offsets(client, { ...base, filter, order }, PAGE, cap, total);
    else if (sort.order === 'ASC') yield* ascending(client, base, filter, lastId(page));
    else yield* descending(client, base, filter, lastId(page));
  }

  const seen = new Set<string>();
  let loaded = 0;
  let total: number | undefined;
  const source = requests();
  try {
    for (;;) {
      if (signal?.aborted) return;
      const next = await source.next();
      if (next.done) {
        // The list ended on a full page: the rows read are all there is.
        yield { rows: [], total: total ?? loaded, capped: false, last: true };
        return;
      }
      const { pages, total: counted } = next.value;
      if (counted !== undefined) total = counted;
      const rows: RecordData[] = [];
      for (const page of pages)
        for (const item of page) {
          const id = String(item.id);
          // Offset pages can repeat a row when records move while they are read.
          if (seen.has(id)) continue;
          seen.add(id);
          rows.push({ ...item, id });
        }
      const room = cap - loaded;
      const cut = rows.length > room;
      if (cut) rows.length = room;
      loaded += rows.length;
      const ended = pages.length === 0 || pages[pages.length - 1]!.length < PAGE;
      if (ended && !cut) {
        yield { rows, total: loaded, capped: false, last: true };
        return;
      }
      if (loaded >= cap) {
        if (total === undefined) total = await countRecords(client, entityTypeId, filter);
        yield { rows, total, capped: total > loaded, last: true };
        return;
      }
      yield { rows, ...(total === undefined ? {} : { total }), capped: false, last: false };
    }
  } finally {
    await source.return(undefined);
  }
}

/** The portal's count of matching records: one `crm.item.list` with `start=0`, in a batch (which keeps `total`). */
async function countRecords(client: B24Client, entityTypeId: number, filter: Params): Promise<number> {
  const [outcome] = await client.batch([
    { method: 'crm.item.list', params: { entityTypeId, filter, select: ['id'], start: 0 } },
  ]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.value.total ?? 0;
}
