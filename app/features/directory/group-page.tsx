import { Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import IconArrowLeft from '@tabler/icons-react/icons/IconArrowLeft';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useGroup } from '../../data/query/groups-detail.ts';
import { useT } from '../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { GroupCalendar } from './group-calendar.tsx';
import { GroupMembers } from './group-members.tsx';
import { GroupTasks } from './group-tasks.tsx';
import './locales.ts';

/** One workgroup: name and description, then its members with roles, its tasks and its upcoming events. */
export function GroupPage({ groupId, onBack }: { groupId: string; onBack: () => void }) {
  const t = useT('directory');
  const group = useGroup(groupId);

  const back = (
    <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={onBack}>
      {t('group.back')}
    </Button>
  );
  if (group.error)
    return (
      <Stack gap="sm" align="flex-start">
        {back}
        <ErrorState
          message={`${t(errorMessageKey(group.error))} ${t('group.failed')}`}
          onRetry={() => void group.refetch()}
        />
      </Stack>
    );
  if (!group.data)
    return (
      <Stack gap="sm" align="flex-start">
        {back}
        <LoadingState />
      </Stack>
    );
  const g = group.data;

  return (
    <Stack gap="md">
      <div>{back}</div>
      <Stack gap={4}>
        <Group gap="xs">
          <Title order={2} size="h3">
            {g.name || `#${g.id}`}
          </Title>
          <Badge variant="light">{g.project ? t('groups.project') : t('groups.workgroup')}</Badge>
          {g.closed ? (
            <Badge color="gray" variant="light">
              {t('groups.archived')}
            </Badge>
          ) : null}
        </Group>
        {g.description ? (
          <Text c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {g.description}
          </Text>
        ) : null}
      </Stack>
      <Tabs defaultValue="members" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">{t('group.membersTab')}</Tabs.Tab>
          <Tabs.Tab value="tasks">{t('group.tasksTab')}</Tabs.Tab>
          <Tabs.Tab value="calendar">{t('group.calendarTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="md">
          <GroupMembers groupId={g.id} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <GroupTasks groupId={g.id} />
        </Tabs.Panel>
        <Tabs.Panel value="calendar" pt="md">
          <GroupCalendar groupId={g.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
