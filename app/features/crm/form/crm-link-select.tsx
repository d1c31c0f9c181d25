import { MultiSelect, Select, type ComboboxItem, type ComboboxItemGroup, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useResources } from '../../../data/query/get-resources.ts';
import { useManyRecords, useRecordSearch } from '../../../data/query/lookup-records.ts';
import type { RecordData, ResourceName } from '../../../data/types.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { recordTitle } from '../../../ui/record-title.ts';
import '../record/locales.ts';
import { titleFieldOf } from './field-value.tsx';
import { linkRef, linkValue, type LinkTarget } from './link-targets.ts';
import { useStableData, type InputChrome } from './option-select.tsx';

export interface CrmLinkSelectProps extends InputChrome {
  targets: readonly LinkTarget[];
  value: string | string[];
  multiple: boolean;
  onChange: (value: string | string[]) => void;
}

// The portal matched already (names by word prefix, titles and ids): filtering again would hide its matches.
const keepAll: OptionsFilter = ({ options }) => options;

/**
 * A link to CRM records (a deal's company and contacts, a custom `crm` field): the chosen records are named
 * from `getMany`, the choices found by title as the user types (`crm.item.list` with `%title`, contacts by
 * name). Several entity types show as groups. Nothing is searched until the list opens.
 */
export function CrmLinkSelect({
  targets,
  value,
  multiple,
  onChange,
  label,
  ariaLabel,
  required,
  error,
  disabled,
}: CrmLinkSelectProps) {
  const t = useT('crmRecord');
  const lang = useLanguage();
  const resources = useResources();
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);

  const chosen = (Array.isArray(value) ? value : [value]).filter(Boolean);
  const refs = chosen.map((v) => ({ value: v, ref: linkRef(v, targets) }));
  const ids = new Map<ResourceName, string[]>();
  for (const { ref } of refs) if (ref) ids.set(ref.target.resource, [...(ids.get(ref.target.resource) ?? []), ref.id]);
  const { records } = useManyRecords([...ids].map(([resource, list]) => ({ resource, ids: list })));

  const titleOf = (target: LinkTarget, r: RecordData) => recordTitle(r, titleFieldOf(target.resource));
  const chosenLabels = new Map<string, string>();
  for (const { value: v, ref } of refs) {
    const record = ref ? records[ref.target.resource]?.find((r) => r.id === ref.id) : undefined;
    chosenLabels.set(v, ref && record ? titleOf(ref.target, record) : t('recordId', { id: ref?.id ?? v }));
  }
  const query = !multiple && chosen[0] && debounced === chosenLabels.get(chosen[0]) ? '' : debounced;
  const found = useRecordSearch(
    targets.map((tg) => tg.resource),
    query,
    opened,
  );

  const buckets = targets.map((target) => ({ target, items: new Map<string, string>() }));
  for (const { value: v, ref } of refs)
    (buckets.find((b) => b.target === ref?.target) ?? buckets[0])?.items.set(v, chosenLabels.get(v) ?? v);
  for (const { target, items } of buckets)
    for (const r of found.results[target.resource] ?? []) {
      const v = linkValue(target, r.id);
      if (!items.has(v)) items.set(v, titleOf(target, r));
    }
  const groups: ComboboxItemGroup<ComboboxItem>[] = buckets.map(({ target, items }) => ({
    group: resources.data?.find((r) => r.name === target.resource)?.titles[lang] ?? target.resource,
    items: [...items].map(([v, l]) => ({ value: v, label: l })),
  }));
  const data = useStableData(targets.length > 1 ? groups : (groups[0]?.items ?? []));

  const common = {
    label,
    'aria-label': ariaLabel,
    withAsterisk: required,
    error,
    disabled,
    data,
    searchable: true,
    placeholder: t('search'),
    nothingFoundMessage: found.isFetching ? undefined : t('nothingFound'),
    onDropdownOpen: () => setOpened(true),
    onSearchChange: setSearch,
    filter: keepAll,
    comboboxProps: { withinPortal: true },
  };
  if (multiple) return <MultiSelect {...common} value={chosen} onChange={onChange} clearable />;
  return (
    <Select
      {...common}
      value={chosen[0] ?? null}
      onChange={(v) => onChange(v ?? '')}
      clearable={!required}
      allowDeselect={!required}
    />
  );
}
