import { Anchor, Badge, Box, Group, Text, UnstyledButton } from '@mantine/core';
import IconAlertCircle from '@tabler/icons-react/icons/IconAlertCircle';
import IconArrowDown from '@tabler/icons-react/icons/IconArrowDown';
import IconArrowUp from '@tabler/icons-react/icons/IconArrowUp';
import IconFlame from '@tabler/icons-react/icons/IconFlame';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState } from 'react';
import type { RecordData } from '../../data/types.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { formatValue } from '../../ui/format-value.ts';
import './section-locales.ts';
import { columnOf, isHighPriority, isOverdue } from './task-status.ts';
import { joinedGroup, joinedName, taskTitle } from './task-view.ts';

export type TaskSortField = 'id' | 'title' | 'status' | 'deadline' | 'responsible';
export interface TaskSort {
  field: TaskSortField;
  order: 'ASC' | 'DESC';
}

const ROW_HEIGHT = 44;
/** The list scrolls inside this height: the frame stays a fixed size and only the rows on screen exist. */
const VIEWPORT = 560;
const COLUMNS = 'minmax(200px, 3fr) 150px 200px minmax(120px, 1.3fr) minmax(120px, 1.2fr)';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortValue(task: RecordData, field: TaskSortField): string | number {
  switch (field) {
    case 'id':
      return Number(task.id);
    case 'title':
      return taskTitle(task);
    case 'status':
      return Number(task.status) || 0;
    case 'deadline': {
      const ms = typeof task.deadline === 'string' && task.deadline ? Date.parse(task.deadline) : NaN;
      return Number.isFinite(ms) ? ms : Number.MAX_SAFE_INTEGER;
    }
    case 'responsible':
      return joinedName(task, 'responsible');
  }
}

/**
 * Sorts all rows in memory: the list holds the whole filtered set (the portal filtered it), so sorting here
 * is the same as sorting on the portal, without reading the rows again.
 */
export function sortTasks(rows: readonly RecordData[], sort: TaskSort): RecordData[] {
  const dir = sort.order === 'ASC' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, key: sortValue(row, sort.field) }));
  keyed.sort((a, b) => {
    const c =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : collator.compare(String(a.key), String(b.key));
    return c * dir || Number(b.row.id) - Number(a.row.id);
  });
  return keyed.map((k) => k.row);
}

export interface TaskListProps {
  rows: readonly RecordData[];
  onOpen: (id: string) => void;
}

/**
 * The task list: a virtualised table (only the rows in view are in the DOM, so 5,000 tasks scroll as easily
 * as 50), sortable by title, status, deadline and responsible. Titles and names are portal text, shown as text.
 */
export function TaskList({ rows, onOpen }: TaskListProps) {
  const t = useT('tasksSection');
  const [sort, setSort] = useState<TaskSort>({ field: 'id', order: 'DESC' });
  const sorted = useMemo(() => sortTasks(rows, sort), [rows, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: VIEWPORT },
  });

  const header = (field: TaskSortField, label: string) => {
    const active = sort.field === field;
    const next: TaskSort = { field, order: active && sort.order === 'ASC' ? 'DESC' : 'ASC' };
    return (
      <Box
        role="columnheader"
        aria-sort={active ? (sort.order === 'ASC' ? 'ascending' : 'descending') : 'none'}
        px="xs"
        style={{ display: 'flex', alignItems: 'center' }}
      >
        <UnstyledButton onClick={() => setSort(next)} fz="xs" fw={600} c="dimmed" tt="uppercase">
          <Group gap={2} wrap="nowrap">
            {label}
            {active ? (
              sort.order === 'ASC' ? (
                <IconArrowUp size={12} aria-hidden />
              ) : (
                <IconArrowDown size={12} aria-hidden />
              )
            ) : null}
          </Group>
        </UnstyledButton>
      </Box>
    );
  };

  const height = Math.min(VIEWPORT, Math.max(sorted.length, 1) * ROW_HEIGHT);
  return (
    <Box role="table" aria-label={t('listLabel')} aria-rowcount={sorted.length + 1}>
      <Box
        role="row"
        aria-rowindex={1}
        style={{ display: 'grid', gridTemplateColumns: COLUMNS, borderBottom: '1px solid var(--mantine-color-gray-3)' }}
        py={6}
      >
        {header('title', t('columns.title'))}
        {header('status', t('columns.status'))}
        {header('deadline', t('columns.deadline'))}
        {header('responsible', t('columns.responsible'))}
        <Box role="columnheader" px="xs" fz="xs" fw={600} c="dimmed" tt="uppercase">
          {t('columns.group')}
        </Box>
      </Box>
      <Box ref={scroller} role="rowgroup" style={{ height, overflowY: 'auto', position: 'relative' }}>
        <Box style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <TaskRow
              key={sorted[item.index]!.id}
              task={sorted[item.index]!}
              index={item.index}
              top={item.start}
              onOpen={onOpen}
            />
          ))}
        </Box>
      </Box>
    </Box>
  );
}

const TaskRow = memo(function TaskRow({
  task,
  index,
  top,
  onOpen,
}: {
  task: RecordData;
  index: number;
  top: number;
  onOpen: (id: string) => void;
}) {
  const t = useT('tasksSection');
  const lang = useLanguage();
  const column = columnOf(task.status);
  const overdue = isOverdue(task);
  const deadline = formatValue(task.deadline, { kind: 'datetime' }, { lang });
  const group = joinedGroup(task);
  return (
    <Box
      role="row"
      aria-rowindex={index + 2}
      data-task-id={task.id}
      style={{
        display: 'grid',
        gridTemplateColumns: COLUMNS,
        alignItems: 'center',
        position: 'absolute',
        top,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        borderBottom: '1px solid var(--mantine-color-gray-2)',
      }}
    >
      <Group role="cell" px="xs" gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
        {isHighPriority(task.priority) ? (
          <IconFlame size={14} color="var(--mantine-color-red-6)" aria-label={t('highPriority')} />
        ) : null}
        <Anchor component="button" type="button" size="sm" truncate onClick={() => onOpen(task.id)} ta="left">
          {taskTitle(task)}
        </Anchor>
      </Group>
      <Box role="cell" px="xs">
        <Badge variant="light" color={column?.color ?? 'gray'} radius="sm" size="sm">
          {t(`statuses.${String(task.status)}`, { defaultValue: String(task.status ?? '') })}
        </Badge>
      </Box>
      <Group role="cell" px="xs" gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
        {overdue ? (
          <IconAlertCircle
            size={14}
            color="var(--mantine-color-red-6)"
            aria-label={t('overdue')}
            style={{ flexShrink: 0 }}
          />
        ) : null}
        <Text size="sm" c={overdue ? 'red' : undefined} truncate>
          {deadline || '—'}
        </Text>
      </Group>
      <Box role="cell" px="xs" style={{ minWidth: 0 }}>
        <Text size="sm" truncate>
          {joinedName(task, 'responsible')}
        </Text>
      </Box>
      <Box role="cell" px="xs" style={{ minWidth: 0 }}>
        <Text size="sm" c="dimmed" truncate>
          {group?.name ?? ''}
        </Text>
      </Box>
    </Box>
  );
});
