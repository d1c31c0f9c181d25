import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { CardStorage } from '../providers/card-storages.ts';
import type { DataSource } from '../providers/data-source.ts';
import { readChecklist, readComments, readTask } from '../providers/task-items.ts';
import { readRelatedData } from '../providers/task-related-data.ts';
import { useDataSource } from './data-context.ts';
import { taskKeys } from './keys.ts';
import { RECORD_STALE_MS } from './query-client.ts';

const valid = (id: string) => /^[1-9]\d*$/.test(id);

/** One task with its CRM bindings and the names the portal joins in (responsible, creator, members, group). */
export function taskQueryOptions(source: DataSource, id: string) {
  return queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: id ? () => readTask(source.client, id) : skipToken,
    staleTime: RECORD_STALE_MS,
  });
}

/**
 * A task as the detail and the task tab show it; a task the user may not see fails with `NOT_FOUND`. Mounted
 * with the checklist and comments, the three reads share one request.
 * @example const { data: task } = useTask('31'); task?.ufCrmTask // ['D_12']
 */
export function useTask(id: string) {
  return useQuery(taskQueryOptions(useDataSource(), id));
}

export function taskChecklistQueryOptions(source: DataSource, id: string) {
  return queryOptions({
    queryKey: taskKeys.checklist(id),
    queryFn: valid(id) ? () => readChecklist(source.client, id) : skipToken,
    staleTime: RECORD_STALE_MS,
  });
}

/**
 * A task's checklist items, in order.
 * @example const { data: items = [] } = useTaskChecklist('31');
 */
export function useTaskChecklist(id: string) {
  return useQuery(taskChecklistQueryOptions(useDataSource(), id));
}

export function taskCommentsQueryOptions(source: DataSource, id: string) {
  return queryOptions({
    queryKey: taskKeys.comments(id),
    queryFn: valid(id) ? () => readComments(source.client, id) : skipToken,
    staleTime: RECORD_STALE_MS,
  });
}

/**
 * A task's comments, oldest first (their text is BBCode: render it with the safe renderer, never as HTML).
 * @example const { data: comments = [] } = useTaskComments('31');
 */
export function useTaskComments(id: string) {
  return useQuery(taskCommentsQueryOptions(useDataSource(), id));
}

export function taskRelatedDataQueryOptions(
  source: DataSource,
  codes: readonly string[],
  storages: readonly CardStorage[],
) {
  const sorted = [...new Set(codes)].sort();
  return queryOptions({
    queryKey: taskKeys.relatedData(sorted, storages),
    queryFn: storages.length > 0 ? () => readRelatedData(source.client, storages, sorted) : skipToken,
    staleTime: RECORD_STALE_MS,
  });
}

/**
 * The custom data that references a task's CRM records (see readRelatedData); waits while there is no storage.
 * @example const { data } = useTaskRelatedData(task.ufCrmTask, storagesFromOptions(appOptions));
 */
export function useTaskRelatedData(codes: readonly string[], storages: readonly CardStorage[]) {
  return useQuery(taskRelatedDataQueryOptions(useDataSource(), codes, storages));
}
