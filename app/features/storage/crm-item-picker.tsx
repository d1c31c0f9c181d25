import { ActionIcon, Group, Loader, Select, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import IconAddressBook from '@tabler/icons-react/icons/IconAddressBook';
import { useMemo, useState } from 'react';
import { useFrame } from '../../b24/index.ts';
import { useRecordSearch } from '../../data/query/lookup-records.ts';
import { STATIC_RESOURCES } from '../../data/resources/static-resources.ts';
import type { ResourceName } from '../../data/types.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { recordTitle } from '../../ui/record-title.ts';
import { useCrmTitles } from './crm-refs.ts';
import './locales.ts';

/** What the picker searches: the fixed CRM types (a smart-process item can still be typed as `T406_5`). */
const SEARCHED: ResourceName[] = ['deals', 'contacts', 'companies', 'leads'];
const PORTAL_TYPES = ['deal', 'contact', 'company', 'lead'];
const PREFIX: Record<number, string> = { 1: 'L', 2: 'D', 3: 'C', 4: 'CO' };

export interface CrmItemPickerProps {
  label: string;
  /** The binding code (`D_12`) or `''`. */
  value: string;
  onChange: (code: string) => void;
  error?: string;
  disabled?: boolean;
}

/**
 * Picks the CRM item a storage item references: search-as-you-type over deals, contacts, companies and
 * leads (by title or name; a number finds that id), grouped by type, or the portal's own CRM dialog.
 * Hands on the binding code (`D_12`), the form the card tab looks for. Titles are portal text, as text.
 */
export function CrmItemPicker({ label, value, onChange, error, disabled }: CrmItemPickerProps) {
  const t = useT('storage');
  const lang = useLanguage();
  const frame = useFrame();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  // After a pick the input shows the chosen label (`Roof repair (D_12)`): that is not a search.
  const query = value && search.endsWith(`(${value})`) ? '' : search.trim();
  const [debounced] = useDebouncedValue(query, 250);
  const found = useRecordSearch(SEARCHED, debounced, opened);
  const titles = useCrmTitles(value ? [value] : []);

  const data = useMemo(() => {
    const groups = STATIC_RESOURCES.filter((r) => SEARCHED.includes(r.name)).map((r) => ({
      group: r.titles[lang],
      items: (found.results[r.name] ?? []).map((record) => ({
        value: `${PREFIX[r.entityTypeId!]}_${record.id}`,
        label: `${recordTitle(record, r.titleField)} (${PREFIX[r.entityTypeId!]}_${record.id})`,
      })),
    }));
    // The chosen value must be among the options for the input to name it.
    if (value && !groups.some((g) => g.items.some((o) => o.value === value)))
      groups.unshift({ group: '', items: [{ value, label: titles[value] ? `${titles[value]} (${value})` : value }] });
    return groups.filter((g) => g.items.length > 0);
  }, [found.results, lang, value, titles]);

  const pickInPortal = async () => {
    const [first] = await frame.selectCrm(PORTAL_TYPES, false).catch(() => []);
    if (first) onChange(first.id);
  };

  return (
    <Group gap={4} align="flex-start" wrap="nowrap">
      <Select
        label={label}
        placeholder={t('items.crmPlaceholder')}
        searchable
        clearable
        disabled={disabled}
        error={error}
        data={data}
        value={value || null}
        searchValue={search}
        onSearchChange={setSearch}
        onDropdownOpen={() => setOpened(true)}
        onDropdownClose={() => setOpened(false)}
        // The portal filters; the options are its matches.
        filter={({ options }) => options}
        nothingFoundMessage={found.isFetching ? t('items.searching') : t('items.nothingFound')}
        rightSection={found.isFetching ? <Loader size={14} /> : undefined}
        onChange={(code) => onChange(code ?? '')}
        comboboxProps={{ withinPortal: true }}
        style={{ flex: 1 }}
      />
      <Tooltip label={t('items.crmDialog')} withinPortal>
        <ActionIcon
          variant="default"
          size={36}
          mt={25}
          aria-label={t('items.crmDialog')}
          disabled={disabled}
          onClick={() => void pickInPortal()}
        >
          <IconAddressBook size={18} stroke={1.5} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
