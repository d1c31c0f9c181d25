import { ActionIcon, Anchor, Group, Menu, Paper, Text } from '@mantine/core';
import IconArrowsExchange from '@tabler/icons-react/icons/IconArrowsExchange';
import IconFlame from '@tabler/icons-react/icons/IconFlame';
import { memo, type DragEvent } from 'react';
import { useT } from '../../i18n/index.ts';
import './section-locales.ts';
import { BOARD_COLUMNS, type BoardColumnId } from './task-status.ts';

/** The MIME type a dragged task card carries (its id), so drops from elsewhere are ignored. */
export const TASK_CARD_MIME = 'application/x-kontor-task';

export interface TaskCardProps {
  id: string;
  /** Portal text, shown as text. */
  title: string;
  column: BoardColumnId;
  deadline: string;
  overdue: boolean;
  responsible: string;
  high: boolean;
  dragging: boolean;
  onOpen: (id: string) => void;
  onMove: (id: string, to: BoardColumnId) => void;
  onDragStart: (id: string) => void;
  onDragEnd: () => void;
}

/**
 * One task on the board. It drags to another column (native HTML5 drag and drop), and its move button opens a
 * "Move to" menu — the same move for keyboards and screen readers. Memoised: a drag re-renders the board, not
 * every card on it.
 */
export const TaskCard = memo(function TaskCard({
  id,
  title,
  column,
  deadline,
  overdue,
  responsible,
  high,
  dragging,
  onOpen,
  onMove,
  onDragStart,
  onDragEnd,
}: TaskCardProps) {
  const t = useT('tasksSection');
  const start = (e: DragEvent) => {
    e.dataTransfer.setData(TASK_CARD_MIME, id);
    e.dataTransfer.setData('text/plain', title);
    e.dataTransfer.effectAllowed = 'move';
    onDragStart(id);
  };
  return (
    <Paper
      component="article"
      aria-label={title}
      data-task-id={id}
      withBorder
      radius="sm"
      p="xs"
      draggable
      onDragStart={start}
      onDragEnd={onDragEnd}
      style={{ cursor: 'grab', opacity: dragging ? 0.5 : 1 }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
        <Group gap={4} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          {high ? (
            <IconFlame
              size={14}
              color="var(--mantine-color-red-6)"
              aria-label={t('highPriority')}
              style={{ flexShrink: 0, marginTop: 3 }}
            />
          ) : null}
          <Anchor
            component="button"
            type="button"
            ta="left"
            size="sm"
            fw={500}
            onClick={() => onOpen(id)}
            style={{ overflowWrap: 'anywhere' }}
          >
            {title}
          </Anchor>
        </Group>
        <Menu position="bottom-end" shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('moveButton', { title })}>
              <IconArrowsExchange size={14} stroke={1.5} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('moveMenu')}</Menu.Label>
            {BOARD_COLUMNS.map((c) => (
              <Menu.Item key={c.id} disabled={c.id === column} onClick={() => onMove(id, c.id)}>
                {t(`stages.${c.id}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {deadline ? (
        <Text size="xs" mt={4} c={overdue ? 'red' : 'dimmed'}>
          {deadline}
        </Text>
      ) : null}
      {responsible ? (
        <Text size="xs" c="dimmed" mt={2} truncate>
          {responsible}
        </Text>
      ) : null}
    </Paper>
  );
});
