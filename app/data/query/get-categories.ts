import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { readCategories } from '../providers/category-provider.ts';
import type { DataSource } from '../providers/data-source.ts';
import { stageDictionaries } from '../providers/stage-provider.ts';
import { entityTypeIdOf } from '../resources/static-resources.ts';
import type { ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { categoryKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/**
 * The pipelines of a resource, cached for half an hour (an admin adds a pipeline rarely). Resources
 * without stages (contacts, companies, tasks) wait forever and cost nothing; leads resolve to their one
 * implicit pipeline without a request.
 */
export function categoriesQueryOptions(source: DataSource, resource: ResourceName) {
  const entityTypeId = entityTypeIdOf(resource) ?? 0;
  return queryOptions({
    queryKey: categoryKeys.of(entityTypeId),
    queryFn: stageDictionaries(entityTypeId) ? () => readCategories(source.client, entityTypeId) : skipToken,
    staleTime: META_STALE_MS,
    gcTime: 2 * META_STALE_MS,
  });
}

/**
 * A resource's pipelines in the portal's order; mount it with useStages and both go out in one batch.
 * @example const { data: pipelines = [] } = useCategories('deals'); pipelines.find((p) => p.isDefault)?.name // 'General'
 */
export function useCategories(resource: ResourceName) {
  return useQuery(categoriesQueryOptions(useDataSource(), resource));
}
