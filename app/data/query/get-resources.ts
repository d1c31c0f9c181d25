import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { useDataSource } from './data-context.ts';
import { resourceKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/** The resource catalogue: static resources + smart processes from `crm.type.list`, cached long. */
export function resourcesQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: resourceKeys.all(),
    queryFn: () => source.resources(),
    staleTime: META_STALE_MS,
    gcTime: 2 * META_STALE_MS,
  });
}

/**
 * Every resource Kontor can show, smart processes included (workspace navigation, install plan).
 * @example const { data: resources = [] } = useResources(); resources.map((r) => r.titles[lang]);
 */
export function useResources() {
  return useQuery(resourcesQueryOptions(useDataSource()));
}
