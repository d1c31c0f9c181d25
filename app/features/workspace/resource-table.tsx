import { Anchor, Group, Table, Text, Title } from '@mantine/core';
import { errorDetail, errorMessageKey, useFields, useRecordList, type Resource } from '../../data/index.ts';
import { useFrame } from '../../b24/index.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { crmCardPath } from '../../ui/crm-path.ts';
import { formatValue } from '../../ui/format-value.ts';
import { recordTitle } from '../../ui/record-title.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';

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
  const heading = resource.titles[lang];

  if (list.error) {
    const detail = errorDetail(list.error);
    const key = errorMessageKey(list.error);
    return <ErrorState message={detail ? `${t(key)} (${detail})` : t(key)} onRetry={() => void list.refetch()} />;
  }
  if (list.isPending || fields.isPending) return <LoadingState label={t('loadingList')} />;
  if (list.data.data.length === 0)
    return <EmptyState title={t('emptyTitle', { what: heading })} hint={t('emptyHint')} />;

  const byName = new Map((fields.data ?? []).map((f) => [f.name, f]));
  // The title is the first column; currency is shown with the amount, not on its own.
  const columns = resource.defaultColumns
    .filter((c) => c !== resource.titleField && c !== 'currencyId' && c !== 'name')
    .slice(0, MAX_COLUMNS);
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
                  {columns.map((c) => (
                    <Table.Td key={c}>
                      {formatValue(row[c], byName.get(c), currency ? { lang, currency } : { lang })}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
