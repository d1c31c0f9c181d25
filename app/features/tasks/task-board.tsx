import { Alert, Badge, Box, Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useCallback, useId, useMemo, useState, type DragEvent, type ReactNode } from 'react';
import { useTaskTransition } from '../../data/query/task-write.ts';
import type { RecordData } from '../../data/types.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { formatValue } from '../../ui/format-value.ts';
import './section-locales.ts';
import { TASK_CARD_MIME, TaskCard } from './task-card.tsx';
import {
  BOARD_COLUMNS,
  columnOf,
  isHighPriority,
  isOverdue,
  planMove,
  type BoardColumn,
  type BoardColumnId,
} from './task-status.ts';
import { joinedName, messageOf, taskTitle } from './task-view.ts';

/** Cards rendered per column at first and per "Show more": a column never holds thousands of DOM cards. */
export const CARDS_PER_PAGE = 20;

type Notice =
  | { kind: 'refused'; title: string; to: BoardColumnId; from: BoardColumnId; error: unknown }
  | { kind: 'kept'; title: string; to: BoardColumnId }
  | { kind: 'impossible'; title: string; to: BoardColumnId };

export interface TaskBoardProps {
  rows: readonly RecordData[];
  onOpen: (id: string) => void;
}

/**
 * The tasks by status: new and pending, in progress, awaiting control, completed, deferred. Moving a card
 * (drag, or its "Move to" menu) runs the task's own actions — start, pause, complete, defer, renew, approve,
 * return — shown at once and undone, with the portal's reason, if the portal refuses.
 */
export function TaskBoard({ rows, onOpen }: TaskBoardProps) {
  const t = useT('tasksSection');
  const lang = useLanguage();
  const move = useTaskTransition({ silent: true });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Cards moved on this board, most recent first: they lead their new column, so the user sees them land.
  const [pinned, setPinned] = useState<string[]>([]);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<BoardColumnId | null>(null);
  const [shown, setShown] = useState<Partial<Record<BoardColumnId, number>>>({});

  const columns = useMemo(() => {
    const byColumn = new Map<BoardColumnId, RecordData[]>(BOARD_COLUMNS.map((c) => [c.id, []]));
    for (const row of rows) {
      const column = columnOf(row.status);
      if (column) byColumn.get(column.id)!.push(row);
    }
    const rank = new Map(pinned.map((id, i) => [id, i]));
    for (const list of byColumn.values())
      list.sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || Number(b.id) - Number(a.id));
    return BOARD_COLUMNS.map((column) => ({ column, tasks: byColumn.get(column.id)! }));
  }, [rows, pinned]);

  const moveCard = useCallback(
    (id: string, to: BoardColumnId) => {
      setDragging(null);
      setOver(null);
      const task = rows.find((r) => r.id === id);
      if (!task) return;
      const from = columnOf(task.status)?.id;
      const title = taskTitle(task);
      const actions = planMove(String(task.status), to);
      if (!from || from === to) return;
      if (!actions) {
        setNotice({ kind: 'impossible', title, to });
        return;
      }
      const target = BOARD_COLUMNS.find((c) => c.id === to)!.target;
      setPinned((p) => [id, ...p.filter((x) => x !== id)]);
      setNotice(null);
      setAnnouncement(t('moved', { title, column: t(`stages.${to}`) }));
      move.mutateAsync({ id, actions, status: target }).then(
        (saved) => {
          // "Complete" may land in "awaiting control" (or the other way round): say where it went.
          const landed = columnOf(saved.status)?.id;
          if (landed && landed !== to) setNotice({ kind: 'kept', title, to: landed });
        },
        (error: unknown) => setNotice({ kind: 'refused', title, to, from, error }),
      );
    },
    // `move.mutateAsync` is stable; `move` itself changes with every state of the mutation.
    [rows, t, move.mutateAsync],
  );
  const endDrag = useCallback(() => {
    setDragging(null);
    setOver(null);
  }, []);

  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t('boardHint')}
      </Text>
      {notice ? (
        <Alert
          color={notice.kind === 'refused' ? 'red' : 'yellow'}
          title={
            notice.kind === 'refused'
              ? t('refusedTitle')
              : notice.kind === 'kept'
                ? t('keptTitle')
                : t('impossibleTitle')
          }
          withCloseButton
          closeButtonLabel={t('dismiss')}
          onClose={() => setNotice(null)}
        >
          {notice.kind === 'refused' ? (
            <>
              <Text size="sm">
                {t('refused', {
                  title: notice.title,
                  column: t(`stages.${notice.to}`),
                  from: t(`stages.${notice.from}`),
                })}
              </Text>
              <Text size="sm">{t('reason', { reason: messageOf(t, notice.error) })}</Text>
            </>
          ) : notice.kind === 'kept' ? (
            <Text size="sm">{t('kept', { title: notice.title, column: t(`stages.${notice.to}`) })}</Text>
          ) : (
            <Text size="sm">{t('impossible', { title: notice.title, column: t(`stages.${notice.to}`) })}</Text>
          )}
        </Alert>
      ) : null}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <Box role="group" aria-label={t('board')} style={{ overflowX: 'auto' }} pb="xs">
        <Group align="flex-start" wrap="nowrap" gap="sm">
          {columns.map(({ column, tasks }) => {
            const limit = shown[column.id] ?? CARDS_PER_PAGE;
            return (
              <BoardColumnView
                key={column.id}
                column={column}
                count={tasks.length}
                hidden={Math.max(0, tasks.length - limit)}
                over={over === column.id}
                dragging={dragging}
                onShowMore={() => setShown((s) => ({ ...s, [column.id]: limit + CARDS_PER_PAGE }))}
                onDragOver={setOver}
                onDrop={moveCard}
              >
                {tasks.slice(0, limit).map((task) => (
                  <TaskCard
                    key={task.id}
                    id={task.id}
                    title={taskTitle(task)}
                    column={column.id}
                    deadline={formatValue(task.deadline, { kind: 'datetime' }, { lang })}
                    overdue={isOverdue(task)}
                    responsible={joinedName(task, 'responsible')}
                    high={isHighPriority(task.priority)}
                    dragging={dragging === task.id}
                    onOpen={onOpen}
                    onMove={moveCard}
                    onDragStart={setDragging}
                    onDragEnd={endDrag}
                  />
                ))}
              </BoardColumnView>
            );
          })}
        </Group>
      </Box>
    </Stack>
  );
}

interface BoardColumnViewProps {
  column: BoardColumn;
  count: number;
  hidden: number;
  over: boolean;
  dragging: string | null;
  onShowMore: () => void;
  onDragOver: (id: BoardColumnId | null) => void;
  onDrop: (taskId: string, to: BoardColumnId) => void;
  children: ReactNode;
}

/** Whether a drag carries one of our cards (the data itself is only readable on drop). */
function carriesCard(e: DragEvent, dragging: string | null): boolean {
  return dragging !== null || Array.from(e.dataTransfer.types).includes(TASK_CARD_MIME);
}

/** One status column: its name and count, then its cards; the whole column is a drop target. */
function BoardColumnView({
  column,
  count,
  hidden,
  over,
  dragging,
  onShowMore,
  onDragOver,
  onDrop,
  children,
}: BoardColumnViewProps) {
  const t = useT('tasksSection');
  const headingId = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      data-column={column.id}
      withBorder
      radius="md"
      w={228}
      style={{ flexShrink: 0, outline: over ? '2px solid var(--mantine-color-b24Blue-5)' : undefined }}
      onDragOver={(e: DragEvent) => {
        if (!carriesCard(e, dragging)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) onDragOver(column.id);
      }}
      onDragLeave={(e: DragEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onDragOver(null);
      }}
      onDrop={(e: DragEvent) => {
        const id = e.dataTransfer.getData(TASK_CARD_MIME) || dragging;
        if (!id) return;
        e.preventDefault();
        onDrop(id, column.id);
      }}
    >
      <Group
        justify="space-between"
        p="xs"
        style={{ borderBottom: `3px solid var(--mantine-color-${column.color}-5)` }}
      >
        <Text id={headingId} fw={600} size="sm">
          {t(`stages.${column.id}`)}
        </Text>
        <Badge variant="light" color={column.color} aria-label={t('columnCount', { count })}>
          {count}
        </Badge>
      </Group>
      <Stack gap={6} p="xs" mih={80}>
        {count === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="sm">
            {t('columnEmpty')}
          </Text>
        ) : (
          children
        )}
        {hidden > 0 ? (
          <Button variant="subtle" size="xs" onClick={onShowMore}>
            {t('showMore', { count: hidden })}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
