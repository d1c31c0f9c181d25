import { Avatar, Badge, Button, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import type { Department } from '../../data/providers/department-provider.ts';
import { useDepartmentUsers } from '../../data/query/departments-users.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';

export interface DepartmentPeopleProps {
  department: Department;
  onOpen: (userId: string) => void;
}

/** A department's employees (head first), 50 at a time; each opens their card. */
export function DepartmentPeople({ department, onOpen }: DepartmentPeopleProps) {
  const t = useT('directory');
  const people = useDepartmentUsers(department.id);

  const heading = (
    <Title order={3} size="h5">
      {t('people.members', { name: department.name })}
    </Title>
  );
  if (people.error)
    return (
      <Stack>
        {heading}
        <ErrorState
          message={`${t(errorMessageKey(people.error))} ${t('people.membersFailed')}`}
          onRetry={() => void people.refetch()}
        />
      </Stack>
    );
  if (!people.data)
    return (
      <Stack>
        {heading}
        <LoadingState />
      </Stack>
    );
  const users = people.data.pages.flatMap((p) => p.users);
  // The head first, the rest by last name as the portal sent them.
  const ordered = [
    ...users.filter((u) => u.id === department.headId),
    ...users.filter((u) => u.id !== department.headId),
  ];

  return (
    <Stack gap="xs">
      {heading}
      {ordered.length === 0 ? <EmptyState title={t('people.noMembers')} hint={t('people.noMembersHint')} /> : null}
      <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {ordered.map((u) => (
          <li key={u.id}>
            <UnstyledButton
              onClick={() => onOpen(u.id)}
              w="100%"
              p="xs"
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            >
              <Group gap="sm" wrap="nowrap">
                <Avatar src={u.photo || null} name={u.fullName} color="initials" size={36} radius="xl" />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {u.fullName || `#${u.id}`}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {u.workPosition}
                  </Text>
                </div>
                {u.id === department.headId ? (
                  <Badge variant="light" size="sm">
                    {t('people.headBadge')}
                  </Badge>
                ) : null}
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      {people.hasNextPage ? (
        <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
          {t('people.showMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
