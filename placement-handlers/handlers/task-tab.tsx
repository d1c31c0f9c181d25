import TaskTab from '../../app/features/tasks/task-tab.tsx';
import type { PlacementProps } from '../placement-props.ts';
import UnknownPlacement from './unknown.tsx';

/** TASK_VIEW_TAB: the task id arrives as options.taskId (a string). */
export default function TaskTabHandler({ placement, options }: PlacementProps) {
  if (options.taskId == null || options.taskId === '')
    return <UnknownPlacement placement={placement} options={options} />;
  return <TaskTab taskId={String(options.taskId)} />;
}
