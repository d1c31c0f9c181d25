import { Button, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Text, TextInput } from '@mantine/core';
import { memo, useState } from 'react';
import { useCategories } from '../../../data/query/get-categories.ts';
import { useStages } from '../../../data/query/get-stages.ts';
import { useUserNames } from '../../../data/query/get-users.ts';
import { useUserSearch } from '../../../data/query/lookup-records.ts';
import type { FieldMeta, Resource } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import {
  AMOUNT_FILTER,
  customFilterFields,
  DATE_FILTERS,
  rangeKind,
  type FilterState,
  type RangeInput,
} from './filter-state.ts';
import './locales.ts';

export interface FilterPanelProps {
  resource: Resource;
  fields: readonly FieldMeta[];
  value: FilterState;
  onChange: (next: FilterState) => void;
  onReset: () => void;
}

/**
 * The grid's filters: stage, responsible, dates, amount and the portal's custom fields. Every input
 * is sent to the portal as a filter (FilterState → grid conditions), never applied to loaded rows only.
 */
export const FilterPanel = memo(function FilterPanel({ resource, fields, value, onChange, onReset }: FilterPanelProps) {
  const t = useT('crmGrid');
  const byName = new Map(fields.map((f) => [f.name, f]));
  const setRange = (name: string, range: RangeInput) =>
    onChange({ ...value, ranges: { ...value.ranges, [name]: range } });
  const ranged = [...DATE_FILTERS, AMOUNT_FILTER].flatMap((name) => {
    const field = byName.get(name);
    return field && rangeKind(field) ? [field] : [];
  });
  const custom = customFilterFields(fields);

  return (
    <Paper withBorder radius="md" p="sm" mb="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
        {byName.has('stageId') ? (
          <StageSelect resource={resource} value={value.stages} onChange={(stages) => onChange({ ...value, stages })} />
        ) : null}
        {byName.has('assignedById') ? (
          <ResponsibleSelect
            value={value.responsible}
            onChange={(responsible) => onChange({ ...value, responsible })}
          />
        ) : null}
        {ranged.map((field) => (
          <RangeInputs
            key={field.name}
            field={field}
            value={value.ranges[field.name]}
            onChange={(range) => setRange(field.name, range)}
          />
        ))}
      </SimpleGrid>
      {custom.length > 0 ? (
        <>
          <Text size="sm" fw={600} mt="md" mb={4}>
            {t('customFields')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
            {custom.map((field) => (
              <CustomFieldFilter key={field.name} field={field} value={value} onChange={onChange} onRange={setRange} />
            ))}
          </SimpleGrid>
        </>
      ) : null}
      <Group justify="flex-end" mt="sm">
        <Button variant="subtle" size="xs" onClick={onReset}>
          {t('resetFilters')}
        </Button>
      </Group>
    </Paper>
  );
});

/** Stages of every pipeline, grouped by pipeline when there is more than one (stage names repeat across them). */
function StageSelect({
  resource,
  value,
  onChange,
}: {
  resource: Resource;
  value: string[];
  onChange: (v: string[]) => void;
}) {
  const t = useT('crmGrid');
  const { data: stages = [] } = useStages(resource.name);
  const { data: pipelines = [] } = useCategories(resource.name);
  const options = (list: typeof stages) => list.map((s) => ({ value: s.id, label: s.name }));
  const grouped = pipelines.length > 1;
  const data = grouped
    ? pipelines
        .map((p) => ({
          group: p.name || resource.name,
          items: options(stages.filter((s) => s.entityId === p.stageEntityId)),
        }))
        .filter((g) => g.items.length > 0)
    : options(stages);
  return (
    <MultiSelect
      label={t('stage')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      maxDropdownHeight={280}
    />
  );
}

/** Employees found by name on the portal (user.search) as the user types; chosen ones keep their names. */
function ResponsibleSelect({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const t = useT('crmGrid');
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const found = useUserSearch(search, opened);
  const chosen = useUserNames(value);
  const options = new Map<string, string>();
  for (const id of value) options.set(id, chosen[id]?.fullName || t('userId', { id }));
  for (const user of found.data ?? []) options.set(user.id, user.fullName || t('userId', { id: user.id }));
  return (
    <MultiSelect
      label={t('responsible')}
      placeholder={value.length === 0 ? t('responsiblePlaceholder') : undefined}
      data={[...options].map(([id, label]) => ({ value: id, label }))}
      value={value}
      onChange={onChange}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      // The portal already matched the names; filtering again here would hide users found by e-mail.
      filter={({ options: all }) => all}
      maxDropdownHeight={280}
    />
  );
}

function RangeInputs({
  field,
  value = { from: '', to: '' },
  onChange,
}: {
  field: FieldMeta;
  value?: RangeInput;
  onChange: (v: RangeInput) => void;
}) {
  const t = useT('crmGrid');
  // Native date inputs (the portal's users get their browser's own picker); a datetime is filtered by days.
  const type = rangeKind(field) === 'number' ? 'number' : 'date';
  return (
    <Group gap="xs" grow wrap="nowrap" align="flex-end">
      <TextInput
        type={type}
        label={t('from', { field: field.title })}
        value={value.from}
        onChange={(e) => onChange({ ...value, from: e.currentTarget.value })}
      />
      <TextInput
        type={type}
        label={t('to', { field: field.title })}
        value={value.to}
        onChange={(e) => onChange({ ...value, to: e.currentTarget.value })}
      />
    </Group>
  );
}

function CustomFieldFilter({
  field,
  value,
  onChange,
  onRange,
}: {
  field: FieldMeta;
  value: FilterState;
  onChange: (next: FilterState) => void;
  onRange: (name: string, range: RangeInput) => void;
}) {
  const t = useT('crmGrid');
  if (rangeKind(field))
    return <RangeInputs field={field} value={value.ranges[field.name]} onChange={(r) => onRange(field.name, r)} />;
  if (field.kind === 'enum')
    return (
      <MultiSelect
        label={field.title}
        data={(field.items ?? []).map((i) => ({ value: i.id, label: i.value }))}
        value={value.choices[field.name] ?? []}
        onChange={(items) => onChange({ ...value, choices: { ...value.choices, [field.name]: items } })}
        clearable
      />
    );
  if (field.kind === 'boolean')
    return (
      <NativeSelect
        label={field.title}
        data={[
          { value: '', label: t('any') },
          { value: 'yes', label: t('yes') },
          { value: 'no', label: t('no') },
        ]}
        value={value.flags[field.name] ?? ''}
        onChange={(e) => {
          const flag = e.currentTarget.value === 'yes' ? 'yes' : e.currentTarget.value === 'no' ? 'no' : '';
          onChange({ ...value, flags: { ...value.flags, [field.name]: flag } });
        }}
      />
    );
  return (
    <TextInput
      label={field.title}
      value={value.texts[field.name] ?? ''}
      onChange={(e) => onChange({ ...value, texts: { ...value.texts, [field.name]: e.currentTarget.value } })}
    />
  );
}
