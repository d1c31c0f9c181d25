import { Alert, Button, Group, SegmentedControl, Text, Title } from '@mantine/core';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import { useMemo, useState } from 'react';
import type { TaskFilter } from '../../data/providers/task-filter.ts';
import { useTaskList } from '../../data/query/task-list.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import './section-locales.ts';
import { TaskBoard } from './task-board.tsx';
import { TaskDetail } from './task-detail.tsx';
import { DEFAULT_FILTER, TaskFilters } from './task-filters.tsx';
import { TaskForm } from './task-form.tsx';
import { TaskList } from './task-list.tsx';
import { joinedGroup, messageOf } from './task-view.ts';

type Board = 'list' | 'kanban';
type View =
  | { kind: Board }
  | { kind: 'detail'; id: string; from: Board }
  | { kind: 'create'; from: Board }
  | { kind: 'edit'; id: string; from: Board };

/** The board's "new and pending" column is one filter choice: new tasks (status 1) go with pending ones. */
function queryFilter(filter: TaskFilter): TaskFilter {
  if (!filter.statuses?.includes('2') || filter.statuses.includes('1')) return filter;
  return { ...filter, statuses: ['1', ...filter.statuses] };
}

/**
 * The workspace's task section: the filtered list (virtualised, 5,000 tasks and more) or the kanban by
 * status, a task's detail, and the create and edit forms. The filter survives opening a task and coming back;
 * the list is read only while it is on screen.
 */
export default function TasksSection() {
  const [view, setView] = useState<View>({ kind: 'list' });
  const [filter, setFilter] = useState<TaskFilter>(DEFAULT_FILTER);

  if (view.kind === 'detail')
    return (
      <TaskDetail
        id={view.id}
        onClose={() => setView({ kind: view.from })}
        onEdit={() => setView({ kind: 'edit', id: view.id, from: view.from })}
      />
    );
  if (view.kind === 'create' || view.kind === 'edit')
    return (
      <TaskForm
        {...(view.kind === 'edit' ? { id: view.id } : {})}
        onSaved={(id) => setView({ kind: 'detail', id, from: view.from })}
        onCancel={() =>
          setView(view.kind === 'edit' ? { kind: 'detail', id: view.id, from: view.from } : { kind: view.from })
        }
      />
    );
  return (
    <TaskBrowser
      board={view.kind}
      filter={filter}
      onFilter={setFilter}
      onBoard={(kind) => setView({ kind })}
      onOpen={(id) => setView({ kind: 'detail', id, from: view.kind })}
      onCreate={() => setView({ kind: 'create', from: view.kind })}
    />
  );
}

interface TaskBrowserProps {
  board: Board;
  filter: TaskFilter;
  onFilter: (filter: TaskFilter) => void;
  onBoard: (board: Board) => void;
  onOpen: (id: string) => void;
  onCreate: () => void;
}

/** The section's title bar, filters and the list or board of the tasks matching them. */
function TaskBrowser({ board, filter, onFilter, onBoard, onOpen, onCreate }: TaskBrowserProps) {
  const t = useT('tasksSection');
  const tasks = useTaskList(queryFilter(filter));
  const rows = tasks.data?.data;
  const knownGroups = useMemo(() => {
    const byId = new Map<string, { id: string; name: string }>();
    for (const row of rows ?? []) {
      const g = joinedGroup(row);
      if (g && !byId.has(g.id)) byId.set(g.id, g);
    }
    return [...byId.values()];
  }, [rows]);

  let body;
  if (tasks.error && !tasks.data)
    body = <ErrorState message={messageOf(t, tasks.error)} onRetry={() => void tasks.refetch()} />;
  else if (!tasks.data) body = <LoadingState label={t('loading')} />;
  else if (tasks.data.data.length === 0 && tasks.data.complete)
    body = <EmptyState title={t('emptyTitle')} hint={t('emptyHint')} />;
  else
    body =
      board === 'kanban' ? (
        <TaskBoard rows={tasks.data.data} onOpen={onOpen} />
      ) : (
        <TaskList rows={tasks.data.data} onOpen={onOpen} />
      );

  return (
    <>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2}>{t('title')}</Title>
        <Group gap="sm" wrap="nowrap">
          <SegmentedControl
            aria-label={t('view')}
            value={board}
            onChange={(v) => onBoard(v === 'kanban' ? 'kanban' : 'list')}
            data={[
              { value: 'list', label: t('list') },
              { value: 'kanban', label: t('kanban') },
            ]}
          />
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            {t('newTask')}
          </Button>
        </Group>
      </Group>
      <TaskFilters value={filter} onChange={onFilter} knownGroups={knownGroups} />
      <Text size="xs" c="dimmed" role="status" mb={6} mih={18}>
        {tasks.data
          ? tasks.data.complete
            ? t('count', { count: tasks.data.data.length })
            : t('loadingMore', { count: tasks.data.data.length })
          : ''}
      </Text>
      {tasks.data?.hasNextPage ? (
        <Alert color="yellow" mb="sm">
          {t('capped', { count: tasks.data.data.length, total: tasks.data.total ?? tasks.data.data.length })}
        </Alert>
      ) : null}
      {body}
    </>
  );
}
