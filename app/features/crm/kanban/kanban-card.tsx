import { ActionIcon, Anchor, ColorSwatch, Group, Menu, Paper, Text } from '@mantine/core';
import IconArrowsExchange from '@tabler/icons-react/icons/IconArrowsExchange';
import { memo, type DragEvent } from 'react';
import type { Stage } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import './locales.ts';

/** The MIME type a dragged card carries (its record id), so drops from elsewhere are ignored. */
export const CARD_MIME = 'application/x-kontor-card';

export interface KanbanCardProps {
  id: string;
  /** Portal text, shown as text. */
  title: string;
  /** The amount as text, or `''` when the record has none. */
  amount: string;
  responsible: string;
  stageId: string;
  /** The stages of its pipeline: where the "Move to" menu can send it. */
  stages: readonly Stage[];
  dragging: boolean;
  onOpen: (id: string) => void;
  onMove: (id: string, stage: Stage) => void;
  onDragStart: (id: string) => void;
  onDragEnd: () => void;
}

/**
 * One record on the board. It drags to another column (native HTML5 drag and drop), and its move button
 * opens a "Move to stage" menu — the same move for keyboards and screen readers. Memoised: a drag
 * re-renders the board, not every card on it.
 */
export const KanbanCard = memo(function KanbanCard({
  id,
  title,
  amount,
  responsible,
  stageId,
  stages,
  dragging,
  onOpen,
  onMove,
  onDragStart,
  onDragEnd,
}: KanbanCardProps) {
  const t = useT('crmKanban');
  const start = (e: DragEvent) => {
    e.dataTransfer.setData(CARD_MIME, id);
    e.dataTransfer.setData('text/plain', title);
    e.dataTransfer.effectAllowed = 'move';
    onDragStart(id);
  };
  return (
    <Paper
      component="article"
      aria-label={title}
      data-record-id={id}
      withBorder
      radius="sm"
      p="xs"
      draggable
      onDragStart={start}
      onDragEnd={onDragEnd}
      style={{ cursor: 'grab', opacity: dragging ? 0.5 : 1 }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
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
        <Menu position="bottom-end" shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('moveButton', { title })}>
              <IconArrowsExchange size={14} stroke={1.5} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('moveMenu')}</Menu.Label>
            {stages.map((s) => (
              <Menu.Item
                key={s.id}
                disabled={s.id === stageId}
                leftSection={<ColorSwatch color={s.color || 'transparent'} size={10} withShadow={false} aria-hidden />}
                onClick={() => onMove(id, s)}
              >
                {s.name}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {amount ? (
        <Text size="sm" mt={4}>
          {amount}
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
