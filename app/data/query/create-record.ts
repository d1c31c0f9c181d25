import { useMutation } from '@tanstack/react-query';
import type { RecordData, ResourceName } from '../types.ts';
import { writeRecord } from './cache.ts';
import { useDataSource } from './data-context.ts';
import { recordKeys } from './keys.ts';

/**
 * Creates a record; the answer seeds its `one` cache and the resource's lists are invalidated
 * (through `meta.invalidates`, handled by the QueryClient's MutationCache). Not optimistic: there is no id yet.
 * @example const create = useCreateRecord('deals'); const deal = await create.mutateAsync({ title: 'New deal' });
 */
export function useCreateRecord(resource: ResourceName) {
  const source = useDataSource();
  return useMutation<RecordData, Error, Record<string, unknown>>({
    mutationKey: [...recordKeys.all(resource), 'create'],
    mutationFn: (data) => source.provider(resource).create(data),
    onSuccess: (record, _data, _result, { client }) => writeRecord(client, resource, record),
    meta: { invalidates: [recordKeys.lists(resource)] },
  });
}
