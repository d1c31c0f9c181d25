import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { stageDictionaries } from '../providers/stage-provider.ts';
import { entityTypeIdOf } from '../resources/static-resources.ts';
import type { ResourceName, Stage } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { stageKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/**
 * Every stage of a resource's pipelines, cached for half an hour. The key does not depend on a record,
 * so a card issues this read in the same tick as the record's and it joins their batch. Resources
 * without stages (contacts, companies, tasks) wait forever and cost nothing.
 */
export function stagesQueryOptions(source: DataSource, resource: ResourceName) {
  const entityTypeId = entityTypeIdOf(resource) ?? 0;
  return queryOptions({
    queryKey: stageKeys.of(entityTypeId),
    queryFn: stageDictionaries(entityTypeId) ? () => source.stages(entityTypeId) : skipToken,
    staleTime: META_STALE_MS,
    gcTime: 2 * META_STALE_MS,
  });
}

/**
 * The stage of a `stageId` among stages (undefined for an unknown id or an empty value).
 * @example stageOf(stages, row.stageId)?.name // 'Won'
 */
export function stageOf(stages: readonly Stage[] | undefined, stageId: unknown): Stage | undefined {
  if (typeof stageId !== 'string' || stageId === '') return undefined;
  return stages?.find((s) => s.id === stageId);
}

/**
 * All stages of a resource's pipelines (lists resolve each row's `stageId` with `stageOf`).
 * @example const { data: stages } = useStages('deals'); stageOf(stages, row.stageId)?.color;
 */
export function useStages(resource: ResourceName) {
  return useQuery(stagesQueryOptions(useDataSource(), resource));
}

/**
 * A record's stage as name, colour and semantics; `data` is undefined while loading, for an unknown id
 * or for resources without stages. Call it in the same render as useRecord: the read joins its batch.
 * @example const { data: stage } = useStage('deals', record.data?.stageId); stage?.name // 'Won'
 */
export function useStage(resource: ResourceName, stageId: unknown) {
  return useQuery({ ...stagesQueryOptions(useDataSource(), resource), select: (stages) => stageOf(stages, stageId) });
}
