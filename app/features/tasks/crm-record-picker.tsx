import { ActionIcon, Group, Loader, Select, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import IconAddressBook from '@tabler/icons-react/icons/IconAddressBook';
import { useMemo, useState, type ReactNode } from 'react';
import { useFrame } from '../../b24/index.ts';
import { useRecordSearch } from '../../data/query/lookup-records.ts';
import { STATIC_RESOURCES } from '../../data/resources/static-resources.ts';
import type { ResourceName } from '../../data/types.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { recordTitle } from '../../ui/record-title.ts';
import './card-locales.ts';
import { bindingCode } from './parse-crm-binding.ts';

/** What a task can be bound to from the picker: the CRM types `UF_CRM_TASK` takes by default. */
const SEARCHED: ResourceName[] = ['deals', 'contacts', 'companies', 'leads'];
const PORTAL_TYPES = ['deal', 'contact', 'company', 'lead'];

export interface CrmRecordPickerProps {
  label: ReactNode;
  /** The chosen binding code (`D_12`) or null; leave out for an "add" picker that empties after a pick. */
  value?: string | null;
  /** The chosen code's name, when the caller knows it (the search may not have listed it). */
  valueLabel?: string;
  onPick: (code: string | null, title: string) => void;
  /** Codes not offered (already bound). */
  exclude?: readonly string[];
  disabled?: boolean;
}

/**
 * Finds a CRM record to bind to a task: search-as-you-type over deals, contacts, companies and leads (by
 * title or name; a number also finds that id), grouped by type, plus the portal's own CRM dialog. Hands the
 * record's binding code (`D_12`, `C_3`, `CO_4`, `L_5`) to `onPick`. Titles are portal text, shown as text.
 */
export function CrmRecordPicker({ label, value, valueLabel, onPick, exclude = [], disabled }: CrmRecordPickerProps) {
  const t = useT('taskCard');
  const lang = useLanguage();
  const frame = useFrame();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useRecordSearch(SEARCHED, debounced, opened);
  const adding = value === undefined;

  const data = useMemo(() => {
    const groups = STATIC_RESOURCES.filter((r) => SEARCHED.includes(r.name)).map((r) => ({
      group: r.titles[lang],
      items: (found.results[r.name] ?? [])
        .map((record) => ({
          value: bindingCode(r.entityTypeId!, record.id),
          label: recordTitle(record, r.titleField),
        }))
        .filter((o) => !exclude.includes(o.value)),
    }));
    // The chosen value must be among the options for the input to name it.
    if (value && !groups.some((g) => g.items.some((o) => o.value === value)))
      groups.unshift({ group: '', items: [{ value, label: valueLabel || value }] });
    return groups.filter((g) => g.items.length > 0);
  }, [found.results, lang, exclude, value, valueLabel]);

  const labelOf = (code: string) => data.flatMap((g) => g.items).find((o) => o.value === code)?.label ?? code;

  const pickInPortal = async () => {
    const picked = await frame.selectCrm(PORTAL_TYPES, false).catch(() => []);
    const first = picked.find((p) => !exclude.includes(p.id));
    if (first) onPick(first.id, first.title);
  };

  return (
    <Group gap={4} align="flex-end" wrap="nowrap">
      <Select
        label={label}
        placeholder={t('crmSearchPlaceholder')}
        searchable
        clearable={!adding}
        disabled={disabled}
        data={data}
        value={adding ? null : value}
        searchValue={search}
        onSearchChange={setSearch}
        onDropdownOpen={() => setOpened(true)}
        onDropdownClose={() => setOpened(false)}
        // The portal filters; the options are its matches.
        filter={({ options }) => options}
        nothingFoundMessage={found.isFetching ? t('searching') : t('nothingFound')}
        rightSection={found.isFetching ? <Loader size={14} /> : undefined}
        onChange={(code) => {
          onPick(code, code ? labelOf(code) : '');
          if (adding) setSearch('');
        }}
        comboboxProps={{ withinPortal: true }}
        style={{ flex: 1 }}
      />
      <Tooltip label={t('crmPortalDialog')} withinPortal>
        <ActionIcon
          variant="default"
          size={36}
          aria-label={t('crmPortalDialog')}
          disabled={disabled}
          onClick={() => void pickInPortal()}
        >
          <IconAddressBook size={18} stroke={1.5} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
