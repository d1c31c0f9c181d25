import { Alert, Box, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import IconArrowLeft from '@tabler/icons-react/icons/IconArrowLeft';
import IconSpeakerphone from '@tabler/icons-react/icons/IconSpeakerphone';
import { useState } from 'react';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useDepartments } from '../../data/query/departments-tree.ts';
import { useUserNames } from '../../data/query/get-users.ts';
import { useUserSearch } from '../../data/query/search-users.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { UserPicker } from '../../ui/user-picker.tsx';
import { DepartmentPeople } from './department-people.tsx';
import { DepartmentTree } from './department-tree.tsx';
import './locales.ts';
import { PostDialog } from './post-dialog.tsx';
import { usePortalUserDialog } from './portal-user-dialog.ts';
import { UserCardView } from './user-card.tsx';

/**
 * The People section of the workspace: the company structure (department.get) as a tree with heads, the
 * employees of the chosen department, a search over all employees, a user card with contacts and the
 * "Notify" action, and "Post to activity stream".
 */
export default function PeopleSection() {
  const t = useT('directory');
  const structure = useDepartments();
  const users = useUserSearch();
  const portalDialog = usePortalUserDialog(false);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const [posted, setPosted] = useState(false);
  const heads = useUserNames(structure.data?.departments.map((d) => d.headId) ?? []);

  const tree = structure.data?.tree ?? [];
  const current = departmentId ?? tree[0]?.id ?? null;
  const department = current ? structure.data?.byId.get(current) : undefined;

  const structurePanel = structure.error ? (
    <ErrorState
      message={`${t(errorMessageKey(structure.error))} ${t('people.structureFailed')}`}
      onRetry={() => void structure.refetch()}
    />
  ) : !structure.data ? (
    <LoadingState />
  ) : tree.length === 0 ? (
    <EmptyState title={t('people.noDepartments')} hint={t('people.pickDepartment')} />
  ) : (
    <DepartmentTree
      tree={tree}
      heads={heads}
      selected={current}
      onSelect={(id) => {
        setDepartmentId(id);
        setUserId(null);
      }}
    />
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('people.title')}
        </Title>
        <Button
          variant="light"
          leftSection={<IconSpeakerphone size={16} />}
          onClick={() => {
            setPosted(false);
            setPosting(true);
          }}
        >
          {t('people.postToStream')}
        </Button>
      </Group>
      {posted ? (
        <Alert color="green" variant="light" role="status" withCloseButton onClose={() => setPosted(false)}>
          {t('post.posted')}
        </Alert>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder radius="md" p="sm" component="section" aria-label={t('people.structure')}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb="xs">
              {t('people.structure')}
            </Text>
            {structurePanel}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <UserPicker
              label={t('people.find')}
              placeholder={t('people.findPlaceholder')}
              value={userId}
              onChange={setUserId}
              search={users.search}
              resolve={users.resolve}
              onPortalDialog={portalDialog}
            />
            {userId ? (
              <Box>
                {department ? (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconArrowLeft size={14} />}
                    onClick={() => setUserId(null)}
                    mb="xs"
                  >
                    {t('card.back')}
                  </Button>
                ) : null}
                <UserCardView
                  userId={userId}
                  departments={structure.data?.byId ?? new Map()}
                  onDepartment={(id) => {
                    setDepartmentId(id);
                    setUserId(null);
                  }}
                />
              </Box>
            ) : department ? (
              <DepartmentPeople department={department} onOpen={setUserId} />
            ) : structure.data ? (
              <Text c="dimmed">{t('people.pickDepartment')}</Text>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
      <PostDialog
        opened={posting}
        onClose={() => setPosting(false)}
        onPosted={() => {
          setPosting(false);
          setPosted(true);
        }}
      />
    </Stack>
  );
}
