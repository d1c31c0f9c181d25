import {
  experimental_streamedQuery as streamedQuery,
  keepPreviousData,
  queryOptions,
  useQuery,
  type QueryClient,
} from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import type { TaskFilter } from '../providers/task-filter.ts';
import { streamTasks, type TaskChunk } from '../providers/task-stream.ts';
import type { ListResult, UserBrief } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { taskKeys } from './keys.ts';

/** The most tasks the section reads: beyond that the user is asked to narrow the filter. */
export const TASK_CAP = 10_000;

/** Performance mark set when the task list's last rows are in the cache (the bench reads it). */
export const TASK_LIST_MARK = 'kontor:tasks:data';

/** The section's tasks as they stream in; a ListResult, so writes patch and roll back its rows like any list's. */
export interface TaskListResult extends ListResult {
  /** Every row is in; false while the read still streams. */
  complete: boolean;
}

const EMPTY: TaskListResult = { data: [], hasNextPage: false, complete: false };

// Rows are appended per request (2,500 at a time): a 5,000-task read copies the array twice, not a hundred times.
function appendChunk(acc: TaskListResult, chunk: TaskChunk): TaskListResult {
  const out: TaskListResult = {
    data: chunk.rows.length > 0 ? acc.data.concat(chunk.rows) : acc.data,
    hasNextPage: chunk.capped,
    complete: chunk.last,
  };
  const total = chunk.total ?? acc.total;
  if (total !== undefined) out.total = total;
  return out;
}

/** Passes the chunks on, keeping the current user the stream read in the cache for the rest of the app. */
async function* seedingMe(chunks: AsyncGenerator<TaskChunk>, queryClient: QueryClient): AsyncGenerator<TaskChunk> {
  for await (const chunk of chunks) {
    if (chunk.me) queryClient.setQueryData(taskKeys.me(), chunk.me);
    yield chunk;
  }
}

function mark(): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.clearMarks(TASK_LIST_MARK);
  performance.mark(TASK_LIST_MARK);
}

/**
 * Every task matching the filter (up to TASK_CAP), newest first, streamed: the data grows per request (first
 * paint after the first), `complete` turns true with the last rows. A refetch (after a write) reads in the
 * background and swaps the rows in at once. "Mine" filters take the current user from the cache, or read it
 * in the list's first request. Rows do not seed the per-record cache (they hold a few fields only).
 */
export function taskListQueryOptions(source: DataSource, filter: TaskFilter = {}) {
  const stream = streamedQuery<TaskChunk, TaskListResult, ReturnType<typeof taskKeys.rows>>({
    streamFn: ({ signal, client }) => {
      const me = client.getQueryData<UserBrief>(taskKeys.me());
      const chunks = streamTasks(source.client, { filter, cap: TASK_CAP, signal, ...(me ? { me: me.id } : {}) });
      return seedingMe(chunks, client);
    },
    refetchMode: 'replace',
    reducer: appendChunk,
    initialValue: EMPTY,
  });
  return queryOptions({
    queryKey: taskKeys.rows(filter),
    queryFn: async (context) => {
      const result = await stream(context);
      if (result.complete) mark();
      return result;
    },
    placeholderData: keepPreviousData,
  });
}

/**
 * The task section's rows: the whole matching set, filtered by the portal. While it streams `data.complete`
 * is false; `data.hasNextPage` means more match than were read.
 * @example const { data } = useTaskList({ role: 'responsible', statuses: ['2', '3'] });
 */
export function useTaskList(filter: TaskFilter = {}) {
  return useQuery(taskListQueryOptions(useDataSource(), filter));
}
