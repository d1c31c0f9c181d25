import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import type { ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { recordKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/** Field metadata of a resource (`crm.item.fields`, `tasks.task.getFields`), cached for half an hour. */
export function fieldsQueryOptions(source: DataSource, resource: ResourceName) {
  return queryOptions({
    queryKey: recordKeys.fields(resource),
    queryFn: () => source.provider(resource).getFields(),
    staleTime: META_STALE_MS,
    gcTime: 2 * META_STALE_MS,
  });
}

/**
 * The fields of a resource: types, required, read-only, enumerations, custom fields, multi-fields.
 * @example const { data: fields } = useFields('deals'); fields?.filter((f) => f.custom);
 */
export function useFields(resource: ResourceName) {
  return useQuery(fieldsQueryOptions(useDataSource(), resource));
}
