import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { readPipelineRecords } from '../providers/pipeline-provider.ts';
import { entityTypeIdOf } from '../resources/static-resources.ts';
import type { Category, ListResult, ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { pipelineKeys } from './keys.ts';

/**
 * Every record of one pipeline, with the fields a kanban card shows (one request per 2,500 records).
 * The answer is shaped like a list page (`hasNextPage: false`) and keyed among the resource's lists, so
 * useMoveStage and every other record write patch it at once, roll it back and refresh it. Rows hold
 * only some fields, so they do not seed the per-record cache.
 */
export function pipelineRecordsQueryOptions(
  source: DataSource,
  resource: ResourceName,
  category: Pick<Category, 'id' | 'implicit'> | undefined,
) {
  const entityTypeId = entityTypeIdOf(resource) ?? 0;
  return queryOptions({
    queryKey: pipelineKeys.records(resource, category?.id ?? ''),
    queryFn: category
      ? async (): Promise<ListResult> => ({
          data: await readPipelineRecords(source.client, entityTypeId, category),
          hasNextPage: false,
        })
      : skipToken,
  });
}

/**
 * The records of a pipeline for a board; waits (no request) while the pipeline is not known yet.
 * @example const { data } = usePipelineRecords('deals', pipeline); data?.data.filter((r) => r.stageId === 'WON');
 */
export function usePipelineRecords(resource: ResourceName, category: Pick<Category, 'id' | 'implicit'> | undefined) {
  return useQuery(pipelineRecordsQueryOptions(useDataSource(), resource, category));
}
