import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { useGroupSearch } from '../../data/query/groups-list.ts';
import { useT } from '../../i18n/index.ts';
import './card-locales.ts';

export interface GroupSelectProps {
  label: ReactNode;
  /** A workgroup id or `''` for none. */
  value: string;
  onChange: (id: string) => void;
  /** Groups already known by name (the task's own, those of listed tasks): offered even if the search is not allowed. */
  known?: readonly { id: string; name: string }[];
  placeholder?: string;
  disabled?: boolean;
}

/**
 * Picks a workgroup or project by name (`sonet_group.get`, searched as the user types). Where the portal
 * refuses the search (no `sonet_group` scope), the groups the screen already knows are still offered.
 */
export function GroupSelect({ label, value, onChange, known = [], placeholder, disabled }: GroupSelectProps) {
  const t = useT('taskCard');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const groups = useGroupSearch(debounced);
  const data = useMemo(() => {
    const byId = new Map<string, string>();
    for (const g of known) if (g.id && g.name) byId.set(g.id, g.name);
    for (const page of groups.data?.pages ?? []) for (const g of page.groups) byId.set(g.id, g.name);
    if (value && !byId.has(value)) byId.set(value, `#${value}`);
    return [...byId].map(([id, name]) => ({ value: id, label: name }));
  }, [known, groups.data, value]);

  return (
    <Select
      label={label}
      placeholder={placeholder ?? t('noGroup')}
      searchable
      clearable
      disabled={disabled}
      data={data}
      value={value || null}
      onChange={(id) => onChange(id ?? '')}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={groups.isFetching ? t('searching') : t('nothingFound')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
