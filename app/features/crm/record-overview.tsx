import { Badge, DataList, Group, Paper, Stack, Text, Title } from '@mantine/core';
// Specific files, not the data barrel: the barrel would pull every write and platform module into this chunk.
import { errorDetail, errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useFields } from '../../data/query/get-fields.ts';
import { useRecord } from '../../data/query/get-record.ts';
import { useResources } from '../../data/query/get-resources.ts';
import { useStage } from '../../data/query/get-stages.ts';
import { userIdOf, useUserNames } from '../../data/query/get-users.ts';
import type { RecordData, ResourceName, UserBrief } from '../../data/types.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { formatValue } from '../../ui/format-value.ts';
import { recordTitle } from '../../ui/record-title.ts';
import { StageBadge } from '../../ui/stage-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { UserLink } from '../../ui/user-link.tsx';
import { keyFieldsOf, type KeyField } from './key-fields.ts';
import './locales.ts';

export interface RecordOverviewProps {
  resource: ResourceName;
  id: string;
}

/**
 * The CRM card tab: the record's name, stage, amount, responsible and the resource's key columns, read-only.
 * Record, field metadata, the resource catalogue and the stages are read in the same render, so the client
 * sends them as one batch — one HTTP request; the users' names follow in a second one (they need the record).
 */
export default function RecordOverview({ resource, id }: RecordOverviewProps) {
  const t = useT('crm');
  const lang = useLanguage();
  const record = useRecord(resource, id);
  const fields = useFields(resource);
  const resources = useResources();
  const stage = useStage(resource, record.data?.stageId);
  const users = useUserNames(userValues(record.data, fields.data));

  if (record.error) {
    const key = errorMessageKey(record.error);
    const detail = errorDetail(record.error);
    // A deleted record will not come back on retry; anything else might.
    if (key === 'errors:notFound') return <ErrorState message={t(key)} hint={t('goneHint')} />;
    return <ErrorState message={detail ? `${t(key)} (${detail})` : t(key)} onRetry={() => void record.refetch()} />;
  }
  // Stages arrive with the record (same batch); isLoading, not isPending: resources without stages never load them.
  if (record.isPending || fields.isPending || resources.isPending || stage.isLoading)
    return <LoadingState label={t('loading')} />;

  const def = resources.data?.find((r) => r.name === resource);
  // Field metadata only labels the rows; without it the values still show under our own labels.
  const keyFields = keyFieldsOf(def, fields.data ?? [], record.data);
  const rows = keyFields
    .map((k) => ({ key: k, text: valueText(k, record.data, lang, t, users) }))
    .filter((row) => row.text !== '');

  return (
    <Paper p="lg" radius="md" withBorder>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="baseline">
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {def ? recordTitle(record.data, def.titleField) : t('record', { id })}
          </Title>
          {def ? (
            <Badge variant="light" radius="sm" style={{ flexShrink: 0 }}>
              {def.titles[lang]}
            </Badge>
          ) : null}
        </Group>
        {rows.length === 0 ? (
          <EmptyState title={t('emptyTitle')} hint={t('emptyHint')} />
        ) : (
          <DataList withDivider labelWidth="180px" aria-label={t('keyFields')}>
            {rows.map(({ key, text }) => (
              <DataList.Item key={key.name}>
                <DataList.ItemLabel>{labelOf(key, t)}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {isUserField(key) && userIdOf(record.data[key.name]) ? (
                    <UserLink id={userIdOf(record.data[key.name])} text={text} />
                  ) : key.name === 'stageId' && stage.data ? (
                    <StageBadge name={stage.data.name} color={stage.data.color} />
                  ) : (
                    <Text span>{text}</Text>
                  )}
                </DataList.ItemValue>
              </DataList.Item>
            ))}
          </DataList>
        )}
      </Stack>
    </Paper>
  );
}

type T = ReturnType<typeof useT>;

function labelOf(key: KeyField, t: T): string {
  if (key.labelKey) return t(key.labelKey);
  return key.field?.title || key.name;
}

const isUserField = (key: KeyField) => key.field?.kind === 'user' || key.name === 'assignedById';

/** The ids of the record's single-user fields (responsible, creator, …), to read their names in one call. */
function userValues(record: RecordData | undefined, fields: { name: string; kind: string }[] | undefined): unknown[] {
  if (!record) return [];
  const names = new Set(['assignedById', ...(fields ?? []).filter((f) => f.kind === 'user').map((f) => f.name)]);
  return [...names].flatMap((n) => record[n]);
}

function valueText(
  key: KeyField,
  record: RecordData,
  lang: string,
  t: T,
  users: Record<string, UserBrief | null>,
): string {
  const value = record[key.name];
  if (isUserField(key)) {
    // Until the name arrives (and for a user the portal does not show) the id stands in.
    const nameOf = (id: string) => users[id]?.fullName || t('userId', { id });
    const ids = (Array.isArray(value) ? value : [value]).map(userIdOf).filter(Boolean);
    return ids.map(nameOf).join(', ');
  }
  const currency = typeof record.currencyId === 'string' ? record.currencyId : undefined;
  const field = key.field ?? (key.name === 'opportunity' ? { kind: 'money' } : undefined);
  return formatValue(value, field, currency ? { lang, currency } : { lang });
}
