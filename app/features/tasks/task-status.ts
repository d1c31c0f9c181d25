import type { TaskAction } from '../../data/types.ts';

/** The kanban's columns, in order; each names the stored statuses it holds. */
export type BoardColumnId = 'pending' | 'inProgress' | 'awaiting' | 'completed' | 'deferred';

export interface BoardColumn {
  id: BoardColumnId;
  /** Stored statuses shown in the column (`1` new and `2` pending share one). */
  statuses: readonly string[];
  /** The status a card dropped here shows until the portal answers. */
  target: string;
  color: string;
}

export const BOARD_COLUMNS: readonly BoardColumn[] = [
  { id: 'pending', statuses: ['1', '2'], target: '2', color: 'blue' },
  { id: 'inProgress', statuses: ['3'], target: '3', color: 'teal' },
  { id: 'awaiting', statuses: ['4'], target: '4', color: 'orange' },
  { id: 'completed', statuses: ['5'], target: '5', color: 'green' },
  { id: 'deferred', statuses: ['6'], target: '6', color: 'gray' },
];

/** The column of a stored status; `7` (declined, a status of old portals) has none. */
export function columnOf(status: unknown): BoardColumn | undefined {
  return BOARD_COLUMNS.find((c) => c.statuses.includes(String(status)));
}

/**
 * The `tasks.task.*` actions that take a task from its status into a column, in order, or null when no
 * action leads there (a task already in it). The portal still decides: "complete" may land in "awaiting
 * control", and it refuses what the user may not do.
 * @example planMove('5', 'inProgress') // ['renew', 'start']
 */
export function planMove(from: string, to: BoardColumnId): TaskAction[] | null {
  const column = columnOf(from)?.id;
  if (column === to) return null;
  switch (to) {
    case 'pending':
      if (from === '3') return ['pause'];
      if (from === '4') return ['disapprove'];
      if (from === '5' || from === '6') return ['renew'];
      return null;
    case 'inProgress':
      if (from === '4' || from === '5') return ['renew', 'start'];
      return ['start'];
    case 'awaiting':
      // Only completing leads here (with "review when completed"); the portal says which it became.
      return from === '5' ? null : ['complete'];
    case 'completed':
      return from === '4' ? ['approve'] : ['complete'];
    case 'deferred':
      if (from === '4' || from === '5') return ['renew', 'defer'];
      return ['defer'];
  }
}

/** The buttons a task's detail offers for its status (the portal refuses what the user may not do). */
export function actionsFor(status: string): TaskAction[] {
  switch (status) {
    case '1':
    case '2':
      return ['start', 'complete', 'defer'];
    case '3':
      return ['pause', 'complete', 'defer'];
    case '4':
      return ['approve', 'disapprove'];
    case '5':
      return ['renew'];
    case '6':
      return ['renew', 'complete'];
    default:
      return [];
  }
}

/** The status a task shows while an action runs (the portal's answer replaces it). */
export function statusAfter(action: TaskAction): string {
  switch (action) {
    case 'start':
      return '3';
    case 'complete':
    case 'approve':
      return '5';
    case 'defer':
      return '6';
    default:
      return '2';
  }
}

/** Priority `2` is high; `0` low and `1` normal look alike in lists. */
export const isHighPriority = (priority: unknown) => String(priority) === '2';

/** Open (not completed or deferred) and past its deadline. */
export function isOverdue(task: Record<string, unknown>, now = Date.now()): boolean {
  const deadline = typeof task.deadline === 'string' && task.deadline ? Date.parse(task.deadline) : NaN;
  return Number.isFinite(deadline) && deadline < now && ['1', '2', '3'].includes(String(task.status));
}
