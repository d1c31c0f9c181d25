import { Avatar, Badge, Group, Table, Text } from '@mantine/core';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import type { GroupRole } from '../../data/providers/group-provider.ts';
import { useGroupMembers } from '../../data/query/groups-detail.ts';
import { useUserNames } from '../../data/query/get-users.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { UserLink } from '../../ui/user-link.tsx';
import './locales.ts';

const ROLE_COLOR: Record<GroupRole, string> = { owner: 'blue', moderator: 'teal', member: 'gray' };

/** A workgroup's members with their roles, owner first; names from one `user.get` for all of them. */
export function GroupMembers({ groupId }: { groupId: string }) {
  const t = useT('directory');
  const members = useGroupMembers(groupId);
  const names = useUserNames(members.data?.map((m) => m.userId) ?? []);

  if (members.error)
    return (
      <ErrorState
        message={`${t(errorMessageKey(members.error))} ${t('group.membersFailed')}`}
        onRetry={() => void members.refetch()}
      />
    );
  if (!members.data) return <LoadingState />;
  if (members.data.length === 0) return <EmptyState title={t('group.noMembers')} hint={t('group.noMembersHint')} />;

  return (
    <Table verticalSpacing="xs" aria-label={t('group.membersTab')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('group.member')}</Table.Th>
          <Table.Th>{t('group.role')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.data.map((m) => {
          const user = names[m.userId];
          const name = user?.fullName || t('group.userId', { id: m.userId });
          return (
            <Table.Tr key={m.userId}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <Avatar src={user?.photo || null} name={name} color="initials" size={28} radius="xl" />
                  <div>
                    <UserLink id={m.userId} text={name} />
                    {user?.workPosition ? (
                      <Text size="xs" c="dimmed">
                        {user.workPosition}
                      </Text>
                    ) : null}
                  </div>
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge color={ROLE_COLOR[m.role]} variant="light">
                  {t(`group.role_${m.role}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
