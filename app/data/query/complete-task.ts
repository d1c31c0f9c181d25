import { useMutation } from '@tanstack/react-query';
import { useDataSource } from './data-context.ts';
import { optimisticRecordWrite } from './record-write.ts';

/** tasks.task.* status of a completed task (the portal may answer 4, "awaiting control", instead). */
const COMPLETED = '5';

/**
 * Completes a task, optimistically shown as completed.
 * @example const complete = useCompleteTask(); complete.mutate({ id: taskId });
 */
export function useCompleteTask() {
  const source = useDataSource();
  return useMutation(
    optimisticRecordWrite<{ id: string }>(
      'tasks',
      () => ({ status: COMPLETED }),
      (v) => {
        const provider = source.provider('tasks');
        if (provider.kind !== 'tasks.task') return Promise.reject(new Error('tasks are served by tasks.task'));
        return provider.completeTask(v.id);
      },
    ),
  );
}
