import { useMutation } from '@tanstack/react-query';
import type { ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { optimisticRecordWrite } from './record-write.ts';

export interface MoveStageVariables {
  id: string;
  stageId: string;
}

/**
 * Moves a CRM record to another stage (stage bar, kanban), optimistically.
 * @example const move = useMoveStage('deals'); move.mutate({ id: '7', stageId: 'WON' });
 */
export function useMoveStage(resource: ResourceName) {
  const source = useDataSource();
  return useMutation(
    optimisticRecordWrite<MoveStageVariables>(
      resource,
      (v) => ({ stageId: v.stageId }),
      (v) => {
        const provider = source.provider(resource);
        if (provider.kind !== 'crm.item') return Promise.reject(new Error(`${resource} has no stages`));
        return provider.moveStage(v.id, v.stageId);
      },
    ),
  );
}
