import { MultiSelect, type ComboboxItem, type ComboboxItemGroup, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useManyRecords, useRecordSearch } from '../../data/query/lookup-records.ts';
import { STATIC_RESOURCES } from '../../data/resources/static-resources.ts';
import type { RecordData, ResourceName } from '../../data/types.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { recordTitle } from '../../ui/record-title.ts';

/** The CRM types an event links to, and their prefixes in `UF_CRM_CAL_EVENT` (`D_12`, `CO_3`). */
const TYPES: { resource: ResourceName; prefix: string }[] = [
  { resource: 'deals', prefix: 'D' },
  { resource: 'contacts', prefix: 'C' },
  { resource: 'companies', prefix: 'CO' },
  { resource: 'leads', prefix: 'L' },
];
const RESOURCES = TYPES.map((t) => t.resource);

/**
 * A CRM binding code → its resource and id; other codes (quotes, smart processes) give null and are kept
 * as they are.
 * @example parseCrmCode('CO_3') // { resource: 'companies', id: '3' }
 */
export function parseCrmCode(code: string): { resource: ResourceName; id: string } | null {
  const m = /^([A-Z]+)_([1-9]\d*)$/.exec(code);
  const type = m ? TYPES.find((t) => t.prefix === m[1]) : undefined;
  return type ? { resource: type.resource, id: m![2]! } : null;
}

function codeOf(resource: ResourceName, id: string): string {
  return `${TYPES.find((t) => t.resource === resource)!.prefix}_${id}`;
}

function titleOf(resource: ResourceName, record: RecordData): string {
  return recordTitle(record, STATIC_RESOURCES.find((r) => r.name === resource)?.titleField ?? 'title');
}

// The portal matched already (titles, names, ids): filtering again would hide its matches.
const keepAll: OptionsFilter = ({ options }) => options;

export interface CrmLinksProps {
  value: string[];
  onChange: (codes: string[]) => void;
  disabled?: boolean;
}

/**
 * The CRM records an event is linked to: chosen ones named from the portal (one batch for all types), new
 * ones found by title as the user types (deals, contacts, companies, leads, grouped). Names are portal
 * text, shown as text.
 */
export function CrmLinks({ value, onChange, disabled }: CrmLinksProps) {
  const t = useT('calendar');
  const lang = useLanguage();
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);

  const parsed = value.map((code) => ({ code, ref: parseCrmCode(code) }));
  const refs = RESOURCES.map((resource) => ({
    resource,
    ids: parsed.flatMap(({ ref }) => (ref?.resource === resource ? [ref.id] : [])),
  })).filter((r) => r.ids.length > 0);
  const { records } = useManyRecords(refs);
  const found = useRecordSearch(RESOURCES, debounced, opened);

  const typeTitle = (resource: ResourceName) =>
    STATIC_RESOURCES.find((r) => r.name === resource)?.titles[lang] ?? resource;
  const groups: ComboboxItemGroup<ComboboxItem>[] = TYPES.map(({ resource }) => {
    const items = new Map<string, string>();
    for (const { code, ref } of parsed) {
      if (ref?.resource !== resource) continue;
      const record = records[resource]?.find((r) => r.id === ref.id);
      items.set(code, record ? titleOf(resource, record) : `#${ref.id}`);
    }
    for (const r of found.results[resource] ?? []) {
      const code = codeOf(resource, r.id);
      if (!items.has(code)) items.set(code, titleOf(resource, r));
    }
    return { group: typeTitle(resource), items: [...items].map(([v, label]) => ({ value: v, label })) };
  });
  // Codes of other kinds stay chosen, named by their code.
  const others = parsed.filter((p) => !p.ref).map((p) => ({ value: p.code, label: p.code }));
  const data = others.length ? [...groups, { group: '—', items: others }] : groups;

  return (
    <MultiSelect
      label={t('form.crm')}
      placeholder={value.length ? undefined : t('form.crmSearch')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      filter={keepAll}
      nothingFoundMessage={found.isFetching ? undefined : t('form.crmNothingFound')}
      disabled={disabled}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}
