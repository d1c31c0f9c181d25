import { useMutation } from '@tanstack/react-query';
import type { RecordData, ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { optimisticRecordWrite } from './record-write.ts';

export interface UpdateRecordVariables {
  id: string;
  patch: Record<string, unknown>;
  /** The record as shown; with it only changed fields are sent (and an unchanged form costs nothing). */
  previous?: RecordData;
}

/**
 * Updates a record optimistically (rolled back if the portal refuses).
 * @example const update = useUpdateRecord('deals'); update.mutate({ id: deal.id, patch: { title }, previous: deal });
 */
export function useUpdateRecord(resource: ResourceName) {
  const source = useDataSource();
  return useMutation(
    optimisticRecordWrite<UpdateRecordVariables>(
      resource,
      (v) => v.patch,
      (v) => source.provider(resource).update(v.id, v.patch, v.previous),
    ),
  );
}
