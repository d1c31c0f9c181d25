import { Alert, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useInitInfo } from '../../b24/index.ts';
import { storagesFromOptions } from '../../data/providers/card-storages.ts';
import type { RelatedData } from '../../data/providers/task-related-data.ts';
import { useResources } from '../../data/query/get-resources.ts';
import { useTask, useTaskRelatedData } from '../../data/query/task-detail.ts';
import { useBindTaskCrm } from '../../data/query/task-write.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import './card-locales.ts';
import { CrmBindingRow } from './crm-binding-row.tsx';
import { CrmRecordPicker } from './crm-record-picker.tsx';
import './locales.ts';
import { parseCrmBinding, type CrmBinding } from './parse-crm-binding.ts';
import './section-locales.ts';
import { columnOf } from './task-status.ts';
import { bindingCodes, messageOf, taskTitle } from './task-view.ts';

/**
 * TASK_VIEW_TAB: the task's title and status, the CRM items it is linked to (each resolved to its name; all
 * reads in one request), a picker to link another one (`tasks.task.update` of `UF_CRM_TASK`), and the custom
 * data that references those CRM items (storages of the app option `kontor.storages`).
 */
export default function TaskTab({ taskId }: { taskId: string }) {
  const t = useT('tasks');
  const ts = useT('tasksSection');
  const task = useTask(taskId);
  const resources = useResources();
  const bind = useBindTaskCrm({ silent: true });
  const [bound, setBound] = useState('');

  if (task.error) {
    if ((task.error as { code?: string }).code === 'NOT_FOUND')
      return <EmptyState title={t('goneTitle')} hint={t('goneHint')} />;
    return <ErrorState message={messageOf(t, task.error)} onRetry={() => void task.refetch()} />;
  }
  if (!task.data || resources.isPending) return <LoadingState label={t('loading')} />;

  const codes = bindingCodes(task.data);
  const bindings = codes.map((code) => ({ code, binding: parseCrmBinding(code) }));
  const status = String(task.data.status ?? '');

  const add = (code: string | null, title: string) => {
    if (!code || codes.includes(code)) return;
    setBound('');
    bind.mutate({ id: taskId, codes: [...codes, code], previous: codes }, { onSuccess: () => setBound(title || code) });
  };

  return (
    <Paper p="lg" radius="md" withBorder>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="center">
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {taskTitle(task.data)}
          </Title>
          {status ? (
            <Badge variant="light" color={columnOf(status)?.color ?? 'gray'} style={{ flexShrink: 0 }}>
              {ts(`statuses.${status}`, { defaultValue: status })}
            </Badge>
          ) : null}
        </Group>
        <Stack gap="xs" component="section" aria-label={t('bindings')}>
          <Text fw={600}>{t('bindings')}</Text>
          {bindings.length === 0 ? (
            <EmptyState title={t('noBindingsTitle')} hint={t('noBindingsHint')} />
          ) : (
            bindings.map(({ code, binding }) =>
              binding ? (
                <CrmBindingRow key={code} binding={binding} resource={resourceOf(resources.data, binding)} />
              ) : (
                <Text key={code} c="dimmed">
                  {t('unknownBinding', { code })}
                </Text>
              ),
            )
          )}
          <CrmRecordPicker label={t('bindAnother')} exclude={codes} onPick={add} disabled={bind.isPending} />
          {bind.error ? (
            <Alert color="red" title={t('bindFailed')}>
              {messageOf(t, bind.error)}
            </Alert>
          ) : null}
          {bound && !bind.isPending ? (
            <Text size="sm" c="teal" role="status">
              {t('bound', { title: bound })}
            </Text>
          ) : null}
        </Stack>
        <RelatedDataSection codes={codes} />
      </Stack>
    </Paper>
  );
}

/** The custom data that references the task's CRM items, one table per storage of `kontor.storages`. */
function RelatedDataSection({ codes }: { codes: string[] }) {
  const t = useT('tasks');
  const { appOptions } = useInitInfo();
  const storages = storagesFromOptions(appOptions);
  const data = useTaskRelatedData(codes, storages);

  let body;
  if (storages.length === 0)
    body = (
      <Text c="dimmed" size="sm">
        {t('noStorages')}
      </Text>
    );
  else if (codes.length === 0)
    body = (
      <Text c="dimmed" size="sm">
        {t('noRelatedWithoutBindings')}
      </Text>
    );
  else if (data.error)
    body = (
      <Text c="red" size="sm">
        {messageOf(t, data.error)}
      </Text>
    );
  else if (!data.data)
    body = (
      <Text c="dimmed" size="sm">
        …
      </Text>
    );
  else
    body = data.data.map((part) => (
      <StorageItems key={`${part.storage.entity}:${part.storage.crmProperty}`} part={part} />
    ));

  return (
    <Stack gap="xs" component="section" aria-label={t('relatedData')}>
      <Text fw={600}>{t('relatedData')}</Text>
      {body}
    </Stack>
  );
}

function StorageItems({ part }: { part: RelatedData }) {
  const t = useT('tasks');
  const { storage, items } = part;
  return (
    <Stack gap={4} component="section" aria-label={storage.title}>
      <Text size="sm" fw={600}>
        {storage.title}
      </Text>
      {!items.ok ? (
        <Text c="dimmed" size="sm">
          {t('storageUnreadable')} ({messageOf(t, items.error)})
        </Text>
      ) : items.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('noRelatedItems')}
        </Text>
      ) : (
        <Table withTableBorder verticalSpacing={4} fz="sm">
          <Table.Tbody>
            {items.data.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td fw={500}>{item.name || `#${item.id}`}</Table.Td>
                <Table.Td c="dimmed">{item.code}</Table.Td>
                <Table.Td>
                  {Object.entries(item.values)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(' · ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function resourceOf<R extends { name: string }>(list: R[] | undefined, binding: CrmBinding): R | undefined {
  return list?.find((r) => r.name === binding.resource);
}
