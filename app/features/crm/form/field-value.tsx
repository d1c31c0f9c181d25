import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useFrame } from '../../../b24/react.tsx';
import { multiFieldsOf } from '../../../data/fields/multi-fields.ts';
import { useCategories } from '../../../data/query/get-categories.ts';
import { useStatuses } from '../../../data/query/get-dictionaries.ts';
import { stageOf, useStages } from '../../../data/query/get-stages.ts';
import { userIdOf, useUserNames } from '../../../data/query/get-users.ts';
import { useManyRecords } from '../../../data/query/lookup-records.ts';
import { entityTypeIdOf } from '../../../data/resources/static-resources.ts';
import type { FieldMeta, ResourceName } from '../../../data/types.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { crmCardPath } from '../../../ui/crm-path.ts';
import { formatValue } from '../../../ui/format-value.ts';
import { recordTitle } from '../../../ui/record-title.ts';
import { StageBadge } from '../../../ui/stage-badge.tsx';
import { UserLink } from '../../../ui/user-link.tsx';
import '../record/locales.ts';
import { isYes } from './form-values.ts';
import { linkRef, linkTargets } from './link-targets.ts';

export interface FieldValueProps {
  field: FieldMeta;
  /** The record (or a record-like object) holding the value; `currencyId` beside an amount formats it. */
  record: Record<string, unknown>;
  /** The field's resource: stage names come from its pipelines. */
  resource?: ResourceName;
}

const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === null || value === undefined || value === '' ? [] : [value];

/**
 * Whether a field of a record holds anything worth a row (`0` is "no link" for links and users, `N` is a value).
 * @example isFilled({ kind: 'crm-link', … }, 0) // false
 */
export function isFilled(field: FieldMeta, value: unknown): boolean {
  if (field.kind === 'multi-field') return multiFieldsOf(value).length > 0;
  if (field.kind === 'user' || field.kind === 'crm-link') return listOf(value).some((v) => v !== 0 && v !== '0');
  if (field.kind === 'file') return listOf(value).length > 0;
  return listOf(value).some((v) => v !== null && v !== undefined && v !== '' && typeof v !== 'object');
}

/**
 * A field's value as text (and links where it names a person or a record): user names, stage, dictionary
 * and pipeline names, linked records' titles, phones by type, amounts in their currency. Always text nodes,
 * never HTML. Renders nothing for an empty value.
 */
export function FieldValue({ field, record, resource }: FieldValueProps) {
  const value = record[field.name];
  if (!isFilled(field, value)) return null;
  switch (field.kind) {
    case 'user':
      return <UserNames ids={listOf(value).map(userIdOf).filter(Boolean)} />;
    case 'crm-link':
      return <LinkedRecords field={field} values={listOf(value).map(String)} />;
    case 'multi-field':
      return <MultiFieldText value={value} />;
    case 'status':
      if (field.name === 'stageId' && resource) return <StageName resource={resource} stageId={value} />;
      if (field.type === 'crm_category' && resource) return <CategoryName resource={resource} id={value} />;
      if (field.statusType) return <StatusName entityId={field.statusType} values={listOf(value)} />;
      return <PlainValue field={field} record={record} />;
    case 'boolean':
      return <YesNo value={value} />;
    case 'file':
      return <FileCount count={listOf(value).length} />;
    default:
      return <PlainValue field={field} record={record} />;
  }
}

function PlainValue({ field, record }: { field: FieldMeta; record: Record<string, unknown> }) {
  const lang = useLanguage();
  const currency = typeof record.currencyId === 'string' ? record.currencyId : undefined;
  const value = record[field.name];
  // Custom money fields carry their currency in the value: "100|EUR".
  if (field.type === 'money' && typeof value === 'string' && value.includes('|')) {
    const [amount = '', code = ''] = value.split('|');
    return <Text span>{formatValue(amount, { kind: 'money' }, code ? { lang, currency: code } : { lang })}</Text>;
  }
  const kind = field.kind === 'url' || field.kind === 'other' ? 'string' : field.kind;
  const text = formatValue(
    value,
    { kind, ...(field.items ? { items: field.items } : {}) },
    currency ? { lang, currency } : { lang },
  );
  return (
    <Text span style={{ whiteSpace: field.kind === 'text' ? 'pre-wrap' : undefined, overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

function YesNo({ value }: { value: unknown }) {
  const t = useT('ui');
  return <Text span>{isYes(value) ? t('yes') : t('no')}</Text>;
}

function FileCount({ count }: { count: number }) {
  const t = useT('crmRecord');
  return <Text span>{t('files', { count })}</Text>;
}

function UserNames({ ids }: { ids: string[] }) {
  const t = useT('crmRecord');
  const users = useUserNames(ids);
  return (
    <Group gap="xs" wrap="wrap">
      {ids.map((id) => (
        // Until the name arrives (and for a user the portal does not show) the id stands in.
        <UserLink key={id} id={id} text={users[id]?.fullName || t('userId', { id })} />
      ))}
    </Group>
  );
}

function StageName({ resource, stageId }: { resource: ResourceName; stageId: unknown }) {
  const stages = useStages(resource);
  const stage = stageOf(stages.data, stageId);
  if (!stage) return <Text span>{String(stageId)}</Text>;
  return <StageBadge name={stage.name} color={stage.color} />;
}

function CategoryName({ resource, id }: { resource: ResourceName; id: unknown }) {
  const categories = useCategories(resource);
  const category = categories.data?.find((c) => c.id === String(id));
  return <Text span>{category?.name || String(id)}</Text>;
}

function StatusName({ entityId, values }: { entityId: string; values: unknown[] }) {
  const statuses = useStatuses(entityId);
  const names = values.map((v) => statuses.data?.find((s) => s.id === String(v))?.value ?? String(v));
  return <Text span>{names.join(', ')}</Text>;
}

function MultiFieldText({ value }: { value: unknown }) {
  const t = useT('crmRecord');
  const values = multiFieldsOf(value);
  return (
    <Stack gap={2}>
      {values.map((v, i) => (
        <Text span key={v.id ?? `new-${i}`} style={{ overflowWrap: 'anywhere' }}>
          {v.value}{' '}
          <Text span c="dimmed" size="sm">
            ({t(`multi.types.${v.typeId}`, { defaultValue: v.typeId })},{' '}
            {t(`multi.valueTypes.${v.valueType}`, { defaultValue: v.valueType })})
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

/** The name field of a resource's records (contacts are named by their names). */
export function titleFieldOf(resource: ResourceName): string {
  return entityTypeIdOf(resource) === 3 ? 'lastName' : 'title';
}

function LinkedRecords({ field, values }: { field: FieldMeta; values: string[] }) {
  const t = useT('crmRecord');
  const frame = useFrame();
  const targets = linkTargets(field);
  const refs = values.map((v) => ({ value: v, ref: linkRef(v, targets) }));
  const byResource = new Map<ResourceName, string[]>();
  for (const { ref } of refs)
    if (ref) byResource.set(ref.target.resource, [...(byResource.get(ref.target.resource) ?? []), ref.id]);
  const { records } = useManyRecords([...byResource].map(([resource, ids]) => ({ resource, ids })));
  return (
    <Group gap="xs" wrap="wrap">
      {refs.map(({ value, ref }) => {
        if (!ref)
          return (
            <Text span key={value}>
              {t('recordId', { id: value })}
            </Text>
          );
        const record = records[ref.target.resource]?.find((r) => r.id === ref.id);
        const title = record ? recordTitle(record, titleFieldOf(ref.target.resource)) : t('recordId', { id: ref.id });
        return (
          <Anchor
            key={value}
            component="button"
            type="button"
            ta="left"
            onClick={() => void frame.openPath(crmCardPath(ref.target.entityTypeId, ref.id)).catch(() => undefined)}
          >
            {title}
          </Anchor>
        );
      })}
    </Group>
  );
}
