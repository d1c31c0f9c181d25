import { MultiSelect, Select, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useUserNames } from '../../../data/query/get-users.ts';
import { useUserSearch } from '../../../data/query/lookup-records.ts';
import { useT } from '../../../i18n/index.ts';
import '../record/locales.ts';
import { useStableData, type InputChrome } from './option-select.tsx';

export interface UserSelectProps extends InputChrome {
  value: string | string[];
  multiple: boolean;
  onChange: (value: string | string[]) => void;
}

// The portal matched already (names by word prefix, titles and ids): filtering again would hide its matches.
const keepAll: OptionsFilter = ({ options }) => options;

/**
 * Employees by name: the chosen ones are named from the user cache (one `user.get` for all), the choices
 * come from `user.search` as the user types (the first 50 before that). Nothing is read until the list opens.
 */
export function UserSelect({
  value,
  multiple,
  onChange,
  label,
  ariaLabel,
  required,
  error,
  disabled,
}: UserSelectProps) {
  const t = useT('crmRecord');
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const chosen = (Array.isArray(value) ? value : [value]).filter(Boolean);
  const names = useUserNames(chosen);
  // A single select shows the chosen name as its search text: that is no search, offer everyone.
  const query = !multiple && chosen[0] && debounced === names[chosen[0]]?.fullName ? '' : debounced;
  const found = useUserSearch(query, opened);

  const options = new Map<string, string>();
  for (const id of chosen) options.set(id, names[id]?.fullName || t('userId', { id }));
  for (const u of found.data ?? []) if (!options.has(u.id)) options.set(u.id, u.fullName || t('userId', { id: u.id }));
  const data = useStableData([...options].map(([id, name]) => ({ value: id, label: name })));

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
