import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useId, type DragEvent, type ReactNode } from 'react';
import type { Stage } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { StageBadge } from '../../../ui/stage-badge.tsx';
import { CARD_MIME } from './kanban-card.tsx';
import './locales.ts';

export interface KanbanColumnProps {
  stage: Stage;
  count: number;
  /** The column's amounts as text (one per currency), or `''`. */
  sums: string;
  /** Cards not rendered yet (the column shows a page of them at a time). */
  hidden: number;
  /** A card is being dragged over this column: highlight it as the drop target. */
  over: boolean;
  /** The id of the card being dragged on this board, if any. */
  dragging: string | null;
  onShowMore: (stageId: string) => void;
  onDragOver: (stageId: string | null) => void;
  onDrop: (recordId: string, stage: Stage) => void;
  /** The rendered cards. */
  children: ReactNode;
}

/** Whether a drag carries one of our cards (the data itself is only readable on drop). */
function carriesCard(e: DragEvent, dragging: string | null): boolean {
  return dragging !== null || Array.from(e.dataTransfer.types).includes(CARD_MIME);
}

/**
 * One stage of the board: a header with the stage's name and colour, its count and totals, then its
 * cards. The whole column is a drop target for cards dragged from another column.
 */
export function KanbanColumn({
  stage,
  count,
  sums,
  hidden,
  over,
  dragging,
  onShowMore,
  onDragOver,
  onDrop,
  children,
}: KanbanColumnProps) {
  const t = useT('crmKanban');
  const headingId = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      data-stage-id={stage.id}
      withBorder
      radius="md"
      w={272}
      onDragOver={(e: DragEvent) => {
        if (!carriesCard(e, dragging)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) onDragOver(stage.id);
      }}
      onDragLeave={(e: DragEvent) => {
        // Moving onto a card inside the column is not leaving it.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onDragOver(null);
      }}
      onDrop={(e: DragEvent) => {
        const id = e.dataTransfer.getData(CARD_MIME) || dragging;
        if (!id) return;
        e.preventDefault();
        onDrop(id, stage);
      }}
      style={{
        flexShrink: 0,
        borderTop: `3px solid ${stage.color || 'var(--mantine-color-gray-4)'}`,
        background: over ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)',
        outline: over ? '2px dashed var(--mantine-color-blue-4)' : undefined,
      }}
    >
      <Stack gap={4} p="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text component="h3" id={headingId} m={0} style={{ minWidth: 0 }}>
            <StageBadge name={stage.name} color={stage.color} />
          </Text>
          <Badge
            variant="light"
            color="gray"
            radius="sm"
            aria-label={t('count', { count })}
            title={t('count', { count })}
          >
            {count}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" mih={18} style={{ overflowWrap: 'anywhere' }}>
          {sums}
        </Text>
      </Stack>
      <Stack gap="xs" p="xs" mah={560} style={{ overflowY: 'auto' }}>
        {count === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('empty')}
          </Text>
        ) : (
          children
        )}
        {hidden > 0 ? (
          <Button variant="subtle" size="xs" onClick={() => onShowMore(stage.id)}>
            {t('showMore', { count: hidden })}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
