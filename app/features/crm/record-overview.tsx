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
import { EditableValue, isEditable } from './card-tab/editable-value.tsx';
import { keyFieldsOf, type KeyField } from './key-fields.ts';
import './locales.ts';

export interface RecordOverviewProps {
  resource: ResourceName;
  id: string;
  /** Names of linked CRM records by binding code (`CO_14` → 'Kattegat Marine ApS'), shown instead of ids. */
  linkTitles?: Record<string, string>;
}

/**
 * The record's name, stage, amount, responsible and the resource's key columns; each writable one can be
 * edited in place (EditableValue). Record, field metadata, the resource catalogue and the stages are read in
 * the same render, so the client sends them as one batch. On its own the names of the shown users follow in
 * a second request (they need the record); inside the card tab the card's batch has brought everything.
 */
export default function RecordOverview({ resource, id, linkTitles = {} }: RecordOverviewProps) {
  const t = useT('crm');
  const lang = useLanguage();
  const record = useRecord(resource, id);
  const fields = useFields(resource);
  const resources = useResources();
  const stage = useStage(resource, record.data?.stageId);
  const def = resources.data?.find((r) => r.name === resource);
  // Field metadata only labels the rows; without it the values still show under our own labels.
  const keyFields = record.data ? keyFieldsOf(def, fields.data ?? [], record.data) : [];
  // Only the names on screen: asking for every user field (movedBy, lastActivityBy…) would cost a request.
  const users = useUserNames(userValues(record.data, keyFields));

  if (record.error && !record.data) {
    const key = errorMessageKey(record.error);
    const detail = errorDetail(record.error);
    // A deleted record will not come back on retry; anything else might.
    if (key === 'errors:notFound') return <ErrorState message={t(key)} hint={t('goneHint')} />;
    return <ErrorState message={detail ? `${t(key)} (${detail})` : t(key)} onRetry={() => void record.refetch()} />;
  }
  // Stages arrive with the record (same batch); isLoading, not isPending: resources without stages never load them.
  if (record.isPending || fields.isPending || resources.isPending || stage.isLoading)
    return <LoadingState label={t('loading')} />;

  const rows = keyFields
    .map((k) => ({ key: k, text: valueText(k, record.data, lang, t, users, linkTitles) }))
    // An empty fact shows only when it can be filled in here.
    .filter((row) => row.text !== '' || isEditable(row.key.field));

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
            {rows.map(({ key, text }) => {
              const userId = isUserField(key) ? userIdOf(record.data[key.name]) : '';
              const badge = key.name === 'stageId' && stage.data;
              const display = userId ? (
                <UserLink id={userId} text={text} />
              ) : badge ? (
                <StageBadge name={stage.data!.name} color={stage.data!.color} />
              ) : (
                <Text span c={text ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                  {text || t('notSet')}
                </Text>
              );
              return (
                <DataList.Item key={key.name}>
                  <DataList.ItemLabel>{labelOf(key, t)}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {isEditable(key.field) ? (
                      <EditableValue
                        resource={resource}
                        record={record.data}
                        field={key.field}
                        label={labelOf(key, t)}
                        textual={!userId && !badge}
                      >
                        {display}
                      </EditableValue>
                    ) : (
                      display
                    )}
                  </DataList.ItemValue>
                </DataList.Item>
              );
            })}
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

/** The ids in the shown user fields (the responsible, …), to read their names in one call. */
function userValues(record: RecordData | undefined, keyFields: KeyField[]): unknown[] {
  if (!record) return [];
  return keyFields.filter(isUserField).flatMap((k) => record[k.name]);
}

// A CRM link field's type → the binding code prefix of what it links to (methods.md §2.1).
const LINK_PREFIX: Record<string, string> = { crm_company: 'CO', crm_contact: 'C', crm_deal: 'D', crm_lead: 'L' };

function valueText(
  key: KeyField,
  record: RecordData,
  lang: string,
  t: T,
  users: Record<string, UserBrief | null>,
  linkTitles: Record<string, string>,
): string {
  const value = record[key.name];
  const prefix = key.field?.kind === 'crm-link' ? LINK_PREFIX[key.field.type] : undefined;
  if (prefix) {
    // A linked record by its name when the card read it; 0 and empty are "none".
    const ids = (Array.isArray(value) ? value : [value]).map(userIdOf).filter(Boolean);
    return ids.map((linked) => linkTitles[`${prefix}_${linked}`] ?? `#${linked}`).join(', ');
  }
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
