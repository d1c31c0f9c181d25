import { mutationOptions, useMutation } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { createGroup, type NewWorkgroup } from '../providers/group-provider.ts';
import { useDataSource } from './data-context.ts';
import { directoryKeys } from './keys.ts';

/** Creating a workgroup refreshes every group list; the form shows the error (`silent`). */
export function createGroupOptions(source: DataSource) {
  return mutationOptions({
    mutationKey: [...directoryKeys.groups(), 'create'],
    mutationFn: (input: NewWorkgroup) => createGroup(source.client, input),
    meta: { invalidates: [directoryKeys.groups()], silent: true },
  });
}

/**
 * Creates a workgroup owned by the current user; resolves with its id.
 * @example const create = useCreateGroup(); const id = await create.mutateAsync({ name: 'Launch team' });
 */
export function useCreateGroup() {
  return useMutation(createGroupOptions(useDataSource()));
}
