import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { compileGridFilter } from '../providers/grid-filter.ts';
import { streamRecords, type RecordChunk } from '../providers/record-stream.ts';
import { entityTypeIdOf } from '../resources/static-resources.ts';
import type { GridParams, GridResult, ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { gridKeys } from './keys.ts';

/** The most rows the grid reads: beyond that the user is asked to narrow the filter. */
export const GRID_CAP = 10_000;

/** The grid's order until the user picks another: newest first, like the portal's own lists. */
export const DEFAULT_GRID_SORT = { field: 'id', order: 'DESC' } as const;

/** Performance mark set when the grid's last rows are in the cache (before React renders them). */
export const GRID_DATA_MARK = 'kontor:grid:data';
/** Performance measure from GRID_DATA_MARK to the first paint that shows those rows (the grid sets it). */
export const GRID_PAINT_MEASURE = 'kontor:grid:paint';

const EMPTY: GridResult = { data: [], hasNextPage: false, complete: false };

// Rows are appended per request (2,500 at a time), so a 10,000-row read copies the array four times, not 200.
function appendChunk(acc: GridResult, chunk: RecordChunk): GridResult {
  const out: GridResult = {
    data: chunk.rows.length > 0 ? acc.data.concat(chunk.rows) : acc.data,
    hasNextPage: chunk.capped,
    complete: chunk.last,
  };
  const total = chunk.total ?? acc.total;
  if (total !== undefined) out.total = total;
  return out;
}

function markGridData(): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.clearMarks(GRID_DATA_MARK);
  performance.mark(GRID_DATA_MARK);
}

/**
 * Every record of a CRM resource matching the grid's filter, in its order, up to GRID_CAP, streamed: the
 * data grows per request (first paint after the first), `complete` turns true with the last rows. A
 * refetch (after a write) reads in the background and swaps the rows in at once. Rows do not seed the
 * per-record cache: 10,000 cache entries cost more than the one read a detail view makes.
 */
export function recordGridQueryOptions(source: DataSource, resource: ResourceName, params: GridParams = {}) {
  const entityTypeId = entityTypeIdOf(resource);
  return queryOptions({
    queryKey: gridKeys.rows(resource, params),
    // TanStack's streamedQuery awaits before its first read, which puts the first page one microtask behind
    // the other reads of the render and out of their batch; this loop starts the read synchronously.
    queryFn: async ({ client, queryKey, signal }): Promise<GridResult> => {
      if (!entityTypeId) throw new Error(`${resource} is not a CRM resource`);
      const chunks = streamRecords(source.client, {
        entityTypeId,
        filter: compileGridFilter(entityTypeId, params),
        sort: params.sort ?? DEFAULT_GRID_SORT,
        cap: GRID_CAP,
        signal,
      });
      // A refetch (after a write) keeps the rows on screen and swaps the new ones in when all are read.
      const refetch = client.getQueryData(queryKey) !== undefined;
      let read = EMPTY;
      for await (const chunk of chunks) {
        read = appendChunk(read, chunk);
        // Appended to what the cache holds, so an optimistic patch made meanwhile stays.
        if (!refetch) client.setQueryData<GridResult>(queryKey, (shown) => appendChunk(shown ?? EMPTY, chunk));
      }
      const result = refetch ? read : (client.getQueryData<GridResult>(queryKey) ?? read);
      if (result.complete) markGridData();
      return result;
    },
    placeholderData: keepPreviousData,
  });
}

/**
 * The workspace grid's rows: the whole matching set (up to 10,000) sorted and filtered by the portal.
 * While it streams `data.complete` is false; `data.hasNextPage` means more match than were read.
 * @example const { data } = useRecordGrid('deals', { search: 'nord', sort: { field: 'opportunity', order: 'DESC' } });
 */
export function useRecordGrid(resource: ResourceName, params: GridParams = {}) {
  return useQuery(recordGridQueryOptions(useDataSource(), resource, params));
}
