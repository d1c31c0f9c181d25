import { useMutation } from '@tanstack/react-query';
import type { ResourceName } from '../types.ts';
import { removeRecord } from './cache.ts';
import { useDataSource } from './data-context.ts';
import { recordKeys } from './keys.ts';

/**
 * Deletes a record: its `one` cache is dropped, its rows leave every cached list, lists are invalidated.
 * @example const remove = useDeleteRecord('deals'); remove.mutate(deal.id);
 */
export function useDeleteRecord(resource: ResourceName) {
  const source = useDataSource();
  return useMutation<void, Error, string>({
    mutationKey: [...recordKeys.all(resource), 'delete'],
    mutationFn: (id) => source.provider(resource).delete(id),
    onSuccess: (_void, id, _result, { client }) => removeRecord(client, resource, id),
    meta: { invalidates: [recordKeys.lists(resource)] },
  });
}
