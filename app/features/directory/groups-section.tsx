import { Button, Group, Stack, Text, Title } from '@mantine/core';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import { useState } from 'react';
import { useInitInfo } from '../../b24/index.ts';
import { useT } from '../../i18n/index.ts';
import { CreateGroupDialog } from './create-group-dialog.tsx';
import { GroupList } from './group-list.tsx';
import { GroupPage } from './group-page.tsx';
import './locales.ts';

/**
 * The Workgroups section of the workspace: the workgroups and projects the user can see, searchable by
 * name; a group's page with members and roles, its tasks and upcoming calendar; a new workgroup (for
 * administrators — the portal decides who else may, and Kontor keeps to the safe side).
 */
export default function GroupsSection() {
  const t = useT('directory');
  const { isAdmin } = useInitInfo();
  const [groupId, setGroupId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  if (groupId) return <GroupPage groupId={groupId} onBack={() => setGroupId(null)} />;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('groups.title')}
        </Title>
        {isAdmin ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('groups.create')}
          </Button>
        ) : null}
      </Group>
      {!isAdmin ? (
        <Text size="sm" c="dimmed">
          {t('groups.createNotAllowed')}
        </Text>
      ) : null}
      <GroupList onOpen={setGroupId} />
      <CreateGroupDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setGroupId(id);
        }}
      />
    </Stack>
  );
}
