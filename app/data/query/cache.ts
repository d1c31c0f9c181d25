import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { ListResult, RecordData, ResourceName } from '../types.ts';
import { recordKeys } from './keys.ts';

/** What a write changed in the cache, to put back if the portal refuses. */
export type CacheSnapshot = [QueryKey, unknown][];

function isListResult(value: unknown): value is ListResult {
  return !!value && typeof value === 'object' && Array.isArray((value as ListResult).data);
}

/** Saves the record's `one` entry and every list of the resource. */
export function snapshotRecord(queryClient: QueryClient, resource: ResourceName, id: string): CacheSnapshot {
  return [
    [recordKeys.one(resource, id), queryClient.getQueryData(recordKeys.one(resource, id))],
    ...queryClient.getQueriesData({ queryKey: recordKeys.lists(resource) }),
  ];
}

export function restoreSnapshot(queryClient: QueryClient, snapshot: CacheSnapshot): void {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
}

/**
 * Merges `changes` into the record's `one` entry (if cached) and into every cached list row with
 * that id — react-admin's useUpdate: no screen shows the old value after a write.
 */
export function patchRecord(
  queryClient: QueryClient,
  resource: ResourceName,
  id: string,
  changes: Record<string, unknown>,
): void {
  const merge = (r: RecordData): RecordData => ({ ...r, ...changes, id });
  queryClient.setQueryData<RecordData>(recordKeys.one(resource, id), (old) => (old ? merge(old) : old));
  queryClient.setQueriesData<ListResult>({ queryKey: recordKeys.lists(resource) }, (old) =>
    isListResult(old) && old.data.some((r) => r.id === id)
      ? { ...old, data: old.data.map((r) => (r.id === id ? merge(r) : r)) }
      : old,
  );
}

/** Writes a record the portal answered with: its `one` entry and its rows in cached lists. */
export function writeRecord(queryClient: QueryClient, resource: ResourceName, record: RecordData): void {
  queryClient.setQueryData(recordKeys.one(resource, record.id), record);
  patchRecord(queryClient, resource, record.id, record);
}

/** Drops a deleted record from every cached list and forgets its `one` entry. */
export function removeRecord(queryClient: QueryClient, resource: ResourceName, id: string): void {
  queryClient.removeQueries({ queryKey: recordKeys.one(resource, id), exact: true });
  queryClient.setQueriesData<ListResult>({ queryKey: recordKeys.lists(resource) }, (old) =>
    isListResult(old) && old.data.some((r) => r.id === id)
      ? {
          ...old,
          data: old.data.filter((r) => r.id !== id),
          ...(old.total === undefined ? {} : { total: Math.max(old.total - 1, 0) }),
        }
      : old,
  );
}

/**
 * Marks the resource's family stale after a write — lists (order, filters and totals may have
 * changed) and other records — but not its field metadata (a record write never changes it) and
 * not the record the portal just answered with (`fresh`: refetching it would repeat the answer).
 */
export function invalidateFamily(queryClient: QueryClient, resource: ResourceName, fresh?: string): Promise<void> {
  return queryClient.invalidateQueries({
    queryKey: recordKeys.all(resource),
    predicate: (q) => {
      const [, kind, id] = q.queryKey;
      if (kind === 'fields') return false;
      return !(fresh !== undefined && kind === 'one' && id === fresh);
    },
  });
}
