import { Alert, Badge, Button, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import IconArrowLeft from '@tabler/icons-react/icons/IconArrowLeft';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import { useState, type ReactNode } from 'react';
import { useResources } from '../../data/query/get-resources.ts';
import { useTask } from '../../data/query/task-detail.ts';
import { useTaskTransition } from '../../data/query/task-write.ts';
import type { TaskAction } from '../../data/types.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { formatValue } from '../../ui/format-value.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { UserLink } from '../../ui/user-link.tsx';
import { BbcodeText } from './bbcode/bbcode-text.tsx';
import './card-locales.ts';
import { CrmBindingRow } from './crm-binding-row.tsx';
import './locales.ts';
import './section-locales.ts';
import { parseCrmBinding } from './parse-crm-binding.ts';
import { TaskChecklist } from './task-checklist.tsx';
import { TaskComments } from './task-comments.tsx';
import { actionsFor, columnOf, isOverdue, statusAfter } from './task-status.ts';
import { bindingCodes, joinedGroup, joinedMembers, joinedName, messageOf, taskTitle } from './task-view.ts';

export interface TaskDetailProps {
  id: string;
  onClose: () => void;
  onEdit: () => void;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

/**
 * One task: its status with the actions it allows (start, pause, complete, defer, renew, approve, return),
 * people, deadline, priority, workgroup, description (BBCode rendered safely), CRM items, checklist and
 * comments. The task, its checklist and its comments load in one request.
 */
export function TaskDetail({ id, onClose, onEdit }: TaskDetailProps) {
  const t = useT('taskCard');
  const ts = useT('tasksSection');
  const lang = useLanguage();
  const task = useTask(id);
  const resources = useResources();
  const transition = useTaskTransition({ silent: true });
  const [failure, setFailure] = useState<unknown>(null);

  const back = (
    <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onClose} px={0}>
      {t('back')}
    </Button>
  );
  if (task.error) {
    const gone = (task.error as { code?: string }).code === 'NOT_FOUND';
    return (
      <Stack>
        <Group>{back}</Group>
        {gone ? (
          <EmptyState title={t('goneTitle')} hint={t('goneHint')} />
        ) : (
          <ErrorState message={messageOf(t, task.error)} onRetry={() => void task.refetch()} />
        )}
      </Stack>
    );
  }
  if (!task.data) return <LoadingState label={t('loading')} />;

  const data = task.data;
  const status = String(data.status ?? '');
  const column = columnOf(status);
  const run = (action: TaskAction) => {
    setFailure(null);
    transition.mutate({ id, actions: [action], status: statusAfter(action) }, { onError: setFailure });
  };
  const people = (key: 'accomplices' | 'auditors') => {
    const list = joinedMembers(data, key);
    return list.length === 0 ? (
      <Text size="sm">—</Text>
    ) : (
      <Group gap={6}>
        {list.map((m) => (
          <UserLink key={m.id} id={m.id} text={m.name || t('userId', { id: m.id })} />
        ))}
      </Group>
    );
  };
  const person = (key: 'responsible' | 'creator', idKey: 'responsibleId' | 'createdBy') => {
    const userId = String(data[idKey] ?? '');
    return userId && userId !== '0' ? (
      <UserLink id={userId} text={joinedName(data, key) || t('userId', { id: userId })} />
    ) : (
      <Text size="sm">—</Text>
    );
  };
  const codes = bindingCodes(data);
  const group = joinedGroup(data);
  const deadline = formatValue(data.deadline, { kind: 'datetime' }, { lang });
  const description = typeof data.description === 'string' ? data.description : '';

  return (
    <Stack gap="md">
      <Group justify="space-between">
        {back}
        <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
          {t('edit')}
        </Button>
      </Group>
      <Group gap="sm" align="center" wrap="nowrap">
        <Title order={2} style={{ overflowWrap: 'anywhere' }}>
          {taskTitle(data)}
        </Title>
        <Badge variant="light" color={column?.color ?? 'gray'} style={{ flexShrink: 0 }}>
          {ts(`statuses.${status}`, { defaultValue: status })}
        </Badge>
      </Group>
      <Group gap="xs" role="group" aria-label={t('actions')}>
        {actionsFor(status).map((action) => (
          <Button
            key={action}
            variant={action === 'complete' || action === 'approve' ? 'filled' : 'light'}
            loading={transition.isPending && transition.variables?.actions[0] === action}
            disabled={transition.isPending}
            onClick={() => run(action)}
          >
            {t(`action.${action}`)}
          </Button>
        ))}
      </Group>
      {failure ? (
        <Alert
          color="red"
          title={t('actionRefused')}
          withCloseButton
          closeButtonLabel={t('dismiss')}
          onClose={() => setFailure(null)}
        >
          {messageOf(t, failure)}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <Fact label={t('responsible')}>{person('responsible', 'responsibleId')}</Fact>
          <Fact label={t('creator')}>{person('creator', 'createdBy')}</Fact>
          <Fact label={t('accomplices')}>{people('accomplices')}</Fact>
          <Fact label={t('auditors')}>{people('auditors')}</Fact>
          <Fact label={t('deadline')}>
            <Text size="sm" c={isOverdue(data) ? 'red' : undefined}>
              {deadline || '—'}
            </Text>
          </Fact>
          <Fact label={t('priority')}>
            <Text size="sm">{t(`priorities.${String(data.priority ?? '1')}`, { defaultValue: '—' })}</Text>
          </Fact>
          <Fact label={t('group')}>
            <Text size="sm">{group ? group.name || `#${group.id}` : '—'}</Text>
          </Fact>
          <Fact label={t('created')}>
            <Text size="sm">{formatValue(data.createdDate, { kind: 'datetime' }, { lang }) || '—'}</Text>
          </Fact>
        </SimpleGrid>
      </Paper>
      <Stack gap={4} component="section" aria-label={t('description')}>
        <Text fw={600}>{t('description')}</Text>
        {description.trim() ? (
          <BbcodeText text={description} />
        ) : (
          <Text c="dimmed" size="sm">
            {t('noDescription')}
          </Text>
        )}
      </Stack>
      <Divider />
      <Stack gap="xs" component="section" aria-label={t('crmItems')}>
        <Text fw={600}>{t('crmItems')}</Text>
        {codes.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('noCrmItems')}
          </Text>
        ) : (
          codes.map((code) => {
            const binding = parseCrmBinding(code);
            return binding ? (
              <CrmBindingRow
                key={code}
                binding={binding}
                resource={resources.data?.find((r) => r.name === binding.resource)}
              />
            ) : (
              <Text key={code} c="dimmed" size="sm">
                {code}
              </Text>
            );
          })
        )}
      </Stack>
      <Divider />
      <Stack gap="xs" component="section" aria-label={t('checklist')}>
        <Text fw={600}>{t('checklist')}</Text>
        <TaskChecklist taskId={id} />
      </Stack>
      <Divider />
      <Stack gap="xs" component="section" aria-label={t('comments')}>
        <Text fw={600}>{t('comments')}</Text>
        <TaskComments taskId={id} />
      </Stack>
    </Stack>
  );
}
