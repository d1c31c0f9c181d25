import { Anchor, Group, Table, Text, Title } from '@mantine/core';
import {
  errorDetail,
  errorMessageKey,
  stageOf,
  useFields,
  useRecordList,
  userIdOf,
  useStages,
  useUserNames,
  type FieldMeta,
  type Resource,
} from '../../data/index.ts';
import { useFrame } from '../../b24/index.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { crmCardPath } from '../../ui/crm-path.ts';
import { formatValue } from '../../ui/format-value.ts';
import { recordTitle } from '../../ui/record-title.ts';
import { StageBadge } from '../../ui/stage-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { UserLink } from '../../ui/user-link.tsx';

const PAGE = { page: 1, perPage: 50 };
const NEWEST_FIRST = { field: 'id', order: 'DESC' } as const;
const MAX_COLUMNS = 4;

/** The first page of a CRM resource: name (opens the card in a slider) and a few default columns. */
export function ResourceTable({ resource }: { resource: Resource }) {
  const t = useT('workspace');
  const lang = useLanguage();
  const frame = useFrame();
  const list = useRecordList(resource.name, { pagination: PAGE, sort: NEWEST_FIRST });
  const fields = useFields(resource.name);
  // Same render as the list: the stages join its batch. The users need the rows: one call for the whole page.
  const stages = useStages(resource.name);
  const columns = resource.defaultColumns
    .filter((c) => c !== resource.titleField && c !== 'currencyId' && c !== 'name')
    .slice(0, MAX_COLUMNS);
  const byName = new Map((fields.data ?? []).map((f) => [f.name, f]));
  const userColumns = columns.filter((c) => isUserColumn(c, byName.get(c)));
  const users = useUserNames((list.data?.data ?? []).flatMap((row) => userColumns.map((c) => row[c])));
  const heading = resource.titles[lang];

  if (list.error) {
    const detail = errorDetail(list.error);
    const key = errorMessageKey(list.error);
    return <ErrorState message={detail ? `${t(key)} (${detail})` : t(key)} onRetry={() => void list.refetch()} />;
  }
  if (list.isPending || fields.isPending || stages.isLoading) return <LoadingState label={t('loadingList')} />;
  if (list.data.data.length === 0)
    return <EmptyState title={t('emptyTitle', { what: heading })} hint={t('emptyHint')} />;

  const entityTypeId = resource.entityTypeId ?? 0;

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={2}>{heading}</Title>
        <Text size="sm" c="dimmed">
          {t('shown', { shown: list.data.data.length, total: list.data.total })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover verticalSpacing="xs" aria-label={heading}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{byName.get(resource.titleField)?.title ?? resource.titleField}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c}>{byName.get(c)?.title ?? c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.data.map((row) => {
              const title = recordTitle(row, resource.titleField);
              const currency = typeof row.currencyId === 'string' ? row.currencyId : undefined;
              return (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      ta="left"
                      aria-label={t('openCard', { title })}
                      onClick={() => void frame.openPath(crmCardPath(entityTypeId, row.id)).catch(() => undefined)}
                    >
                      {title}
                    </Anchor>
                  </Table.Td>
                  {columns.map((c) => {
                    const stage = c === 'stageId' ? stageOf(stages.data, row[c]) : undefined;
                    const userId = userColumns.includes(c) ? userIdOf(row[c]) : '';
                    return (
                      <Table.Td key={c}>
                        {stage ? (
                          <StageBadge name={stage.name} color={stage.color} />
                        ) : userId ? (
                          <UserLink id={userId} text={users[userId]?.fullName || t('userId', { id: userId })} />
                        ) : (
                          formatValue(row[c], byName.get(c), currency ? { lang, currency } : { lang })
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** Single-user columns (responsible, creator): shown by name, as a link to the employee card. */
function isUserColumn(name: string, field: FieldMeta | undefined): boolean {
  return (field?.kind === 'user' && !field.multiple) || name === 'assignedById' || name === 'responsibleId';
}
