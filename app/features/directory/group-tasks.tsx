import { Table, Text } from '@mantine/core';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useUserNames } from '../../data/query/get-users.ts';
import { useGroupTasks } from '../../data/query/groups-detail.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';

const STATUSES = new Set(['1', '2', '3', '4', '5', '6', '7']);

/** A workgroup's tasks, read-only: title, status, deadline and responsible (the Tasks section edits them). */
export function GroupTasks({ groupId }: { groupId: string }) {
  const t = useT('directory');
  const lang = useLanguage();
  const tasks = useGroupTasks(groupId);
  const rows = tasks.data?.data ?? [];
  const names = useUserNames(rows.map((r) => r.responsibleId));
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });

  if (tasks.error)
    return (
      <ErrorState
        message={`${t(errorMessageKey(tasks.error))} ${t('group.tasksFailed')}`}
        onRetry={() => void tasks.refetch()}
      />
    );
  if (!tasks.data) return <LoadingState />;
  if (rows.length === 0) return <EmptyState title={t('group.noTasks')} hint={t('group.noTasksHint')} />;

  return (
    <>
      <Table verticalSpacing="xs" aria-label={t('group.tasksTab')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('group.task')}</Table.Th>
            <Table.Th>{t('group.status')}</Table.Th>
            <Table.Th>{t('group.deadline')}</Table.Th>
            <Table.Th>{t('group.responsible')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((task) => {
            const status = String(task.status ?? '');
            const deadline = typeof task.deadline === 'string' && task.deadline ? Date.parse(task.deadline) : NaN;
            const responsible = String(task.responsibleId ?? '');
            return (
              <Table.Tr key={task.id}>
                <Table.Td>{String(task.title ?? '')}</Table.Td>
                <Table.Td>{STATUSES.has(status) ? t(`group.status_${status}`) : status}</Table.Td>
                <Table.Td>{Number.isFinite(deadline) ? date.format(deadline) : t('group.noDeadline')}</Table.Td>
                <Table.Td>
                  {names[responsible]?.fullName ?? (responsible ? t('group.userId', { id: responsible }) : '')}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {tasks.data.hasNextPage ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('group.moreTasks', { count: rows.length })}
        </Text>
      ) : null}
    </>
  );
}
