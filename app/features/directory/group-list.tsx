import { Anchor, Badge, Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import IconSearch from '@tabler/icons-react/icons/IconSearch';
import { useState } from 'react';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useGroupSearch } from '../../data/query/groups-list.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';

/** The workgroups the user can see, searched by name as they type, 50 at a time. */
export function GroupList({ onOpen }: { onOpen: (groupId: string) => void }) {
  const t = useT('directory');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const groups = useGroupSearch(debounced);
  const rows = groups.data?.pages.flatMap((p) => p.groups) ?? [];

  return (
    <Stack gap="sm">
      <TextInput
        label={t('groups.search')}
        placeholder={t('groups.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        type="search"
      />
      {groups.error && !groups.data ? (
        <ErrorState
          message={`${t(errorMessageKey(groups.error))} ${t('groups.failed')}`}
          onRetry={() => void groups.refetch()}
        />
      ) : !groups.data ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <EmptyState title={t('groups.none')} hint={t('groups.noneHint')} />
      ) : (
        <Table highlightOnHover verticalSpacing="xs" aria-busy={groups.isFetching || undefined}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('groups.name')}</Table.Th>
              <Table.Th>{t('groups.kind')}</Table.Th>
              <Table.Th ta="right">{t('groups.members')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component="button" type="button" ta="left" onClick={() => onOpen(g.id)}>
                      {g.name || `#${g.id}`}
                    </Anchor>
                    {g.closed ? (
                      <Badge color="gray" variant="light" size="xs">
                        {t('groups.archived')}
                      </Badge>
                    ) : null}
                    {!g.visible ? (
                      <Badge color="gray" variant="outline" size="xs">
                        {t('groups.hidden')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{g.project ? t('groups.project') : t('groups.workgroup')}</Table.Td>
                <Table.Td ta="right">{g.memberCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {groups.hasNextPage ? (
        <Button variant="default" onClick={() => void groups.fetchNextPage()} loading={groups.isFetchingNextPage}>
          {t('groups.showMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
