import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import type { ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { recordKeys } from './keys.ts';

/** One record by id; list queries seed this cache, so a record opened from a list is not read again. */
export function recordQueryOptions(source: DataSource, resource: ResourceName, id: string) {
  return queryOptions({
    queryKey: recordKeys.one(resource, id),
    queryFn: id ? () => source.provider(resource).getOne(id) : skipToken,
  });
}

/**
 * One record of a resource; an empty id waits (no request).
 * @example const { data: deal, error } = useRecord('deals', String(options.ID));
 */
export function useRecord(resource: ResourceName, id: string) {
  return useQuery(recordQueryOptions(useDataSource(), resource, id));
}
