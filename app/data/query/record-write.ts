import { mutationOptions } from '@tanstack/react-query';
import type { RecordData, ResourceName } from '../types.ts';
import {
  invalidateFamily,
  patchRecord,
  restoreSnapshot,
  snapshotRecord,
  writeRecord,
  type CacheSnapshot,
} from './cache.ts';
import { recordKeys } from './keys.ts';

/**
 * Mutation options for any write that changes one existing record, optimistically: the change is
 * shown at once in the record and every list holding it, rolled back if the portal refuses, replaced
 * by the portal's answer if it accepts; then the family is invalidated (cache.ts invalidateFamily).
 */
export function optimisticRecordWrite<V extends { id: string }>(
  resource: ResourceName,
  changesOf: (variables: V) => Record<string, unknown>,
  write: (variables: V) => Promise<RecordData>,
) {
  return mutationOptions<RecordData, Error, V, CacheSnapshot>({
    mutationKey: [...recordKeys.all(resource), 'write'],
    mutationFn: write,
    onMutate: async (variables, { client }) => {
      // A read in flight would land after the optimistic patch and undo it.
      await client.cancelQueries({ queryKey: recordKeys.one(resource, variables.id), exact: true });
      await client.cancelQueries({ queryKey: recordKeys.lists(resource) });
      const snapshot = snapshotRecord(client, resource, variables.id);
      patchRecord(client, resource, variables.id, changesOf(variables));
      return snapshot;
    },
    onError: (_error, _variables, snapshot, { client }) => {
      if (snapshot) restoreSnapshot(client, snapshot);
    },
    onSuccess: (record, _variables, _snapshot, { client }) => writeRecord(client, resource, record),
    // Returned, so the mutation stays pending until the lists on screen are fresh again.
    onSettled: (_record, error, variables, _snapshot, { client }) =>
      invalidateFamily(client, resource, error ? undefined : variables.id),
  });
}
