import { mutationOptions, useMutation, type QueryClient } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import type { ListResult, RecordData, ResourceName } from '../types.ts';
import type { CacheSnapshot } from './cache.ts';
import { useDataSource } from './data-context.ts';
import { optimisticRecordWrite } from './record-write.ts';

export interface MoveStageVariables {
  id: string;
  stageId: string;
}

export interface MoveStageOptions {
  /** The caller shows a refusal itself (a board's message); the global error hook stays quiet. */
  silent?: boolean;
}

function isListResult(value: unknown): value is ListResult {
  return !!value && typeof value === 'object' && Array.isArray((value as ListResult).data);
}

/**
 * Puts back only the moved record's `stageId` from the snapshot, in its `one` entry and every list row.
 * Restoring the whole snapshot would also undo cards moved while this write was in flight; a record the
 * user has moved again since (no longer at `target`) keeps its newer stage.
 */
function restoreStage(queryClient: QueryClient, { id, stageId: target }: MoveStageVariables, snapshot: CacheSnapshot) {
  const back = (now: RecordData, old: RecordData) => (now.stageId === target ? { ...now, stageId: old.stageId } : now);
  for (const [key, before] of snapshot) {
    if (isListResult(before)) {
      const old = before.data.find((r) => r.id === id);
      if (!old) continue;
      queryClient.setQueryData<ListResult>(key, (now) =>
        isListResult(now) ? { ...now, data: now.data.map((r) => (r.id === id ? back(r, old) : r)) } : now,
      );
    } else if (before && typeof before === 'object') {
      queryClient.setQueryData<RecordData>(key, (now) => (now ? back(now, before as RecordData) : now));
    }
  }
}

/**
 * The mutation options behind useMoveStage (tests mount them with a MutationObserver). The record and
 * every list holding it (a board's pipeline too) show the new stage at once; if the portal refuses, the
 * record's stage is put back — only its own, so other cards moved meanwhile stay where they went. While
 * several writes of the resource are in flight, only the last one to settle refreshes the lists: an
 * earlier refresh would bring back the old stage of a card whose write is still on its way.
 */
export function moveStageOptions(source: DataSource, resource: ResourceName, options: MoveStageOptions = {}) {
  const write = optimisticRecordWrite<MoveStageVariables>(
    resource,
    (v) => ({ stageId: v.stageId }),
    (v) => {
      const provider = source.provider(resource);
      if (provider.kind !== 'crm.item') return Promise.reject(new Error(`${resource} has no stages`));
      return provider.moveStage(v.id, v.stageId);
    },
  );
  return mutationOptions({
    ...write,
    ...(options.silent ? { meta: { silent: true } } : {}),
    onError: (_error, variables, snapshot, { client }) => {
      if (snapshot) restoreStage(client, variables, snapshot);
    },
    onSettled: (record, error, variables, snapshot, context) => {
      // This mutation still counts as pending while it settles.
      if (context.client.isMutating({ mutationKey: write.mutationKey }) > 1) return;
      return write.onSettled?.(record, error, variables, snapshot, context);
    },
  });
}

/**
 * Moves a CRM record to another stage (stage bar, kanban), optimistically, rolled back if the portal
 * refuses (see moveStageOptions).
 * @example const move = useMoveStage('deals'); move.mutate({ id: '7', stageId: 'WON' });
 * @example const move = useMoveStage('deals', { silent: true }); await move.mutateAsync({ id: '7', stageId: 'C1:LOSE' }); // the board says why it failed
 */
export function useMoveStage(resource: ResourceName, options: MoveStageOptions = {}) {
  return useMutation(moveStageOptions(useDataSource(), resource, options));
}
