import { Paper, Stack, Text, Title } from '@mantine/core';
import { errorDetail, errorMessageKey, useRecordList, useResources } from '../../data/index.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { CrmBindingRow } from './crm-binding-row.tsx';
import './locales.ts';
import { parseCrmBinding, type CrmBinding } from './parse-crm-binding.ts';

// tasks.task.get leaves user fields out unless selected, so the task is read as a one-row list with
// UF_CRM_TASK in its select (the same single request).
const SELECT = ['title', 'ufCrmTask'];

/** TASK_VIEW_TAB: the task's title and the CRM items it is linked to, each resolved to its name. */
export default function TaskTab({ taskId }: { taskId: string }) {
  const t = useT('tasks');
  const task = useRecordList('tasks', { filter: { id: taskId }, select: SELECT, pagination: { page: 1, perPage: 1 } });
  const resources = useResources();

  if (task.error) {
    const detail = errorDetail(task.error);
    const key = errorMessageKey(task.error);
    return <ErrorState message={detail ? `${t(key)} (${detail})` : t(key)} onRetry={() => void task.refetch()} />;
  }
  if (task.isPending || resources.isPending) return <LoadingState label={t('loading')} />;
  const row = task.data.data.find((r) => r.id === taskId);
  if (!row) return <EmptyState title={t('goneTitle')} hint={t('goneHint')} />;

  const codes = Array.isArray(row.ufCrmTask) ? row.ufCrmTask.map(String) : [];
  const bindings = codes.map((code) => ({ code, binding: parseCrmBinding(code) }));
  const title = typeof row.title === 'string' && row.title.trim() ? row.title : `#${taskId}`;

  return (
    <Paper p="lg" radius="md" withBorder>
      <Stack gap="md">
        <Title order={2} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        {bindings.length === 0 ? (
          <EmptyState title={t('noBindingsTitle')} hint={t('noBindingsHint')} />
        ) : (
          <Stack gap="xs" component="section" aria-label={t('bindings')}>
            <Text fw={600}>{t('bindings')}</Text>
            {bindings.map(({ code, binding }) =>
              binding ? (
                <CrmBindingRow key={code} binding={binding} resource={resourceOf(resources.data, binding)} />
              ) : (
                <Text key={code} c="dimmed">
                  {t('unknownBinding', { code })}
                </Text>
              ),
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function resourceOf<R extends { name: string }>(list: R[] | undefined, binding: CrmBinding): R | undefined {
  return list?.find((r) => r.name === binding.resource);
}
