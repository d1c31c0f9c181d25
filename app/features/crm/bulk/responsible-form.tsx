import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useUserSearch } from '../../../data/query/lookup-records.ts';
import type { UserBrief } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import type { BulkFormProps } from './bulk-dialog.tsx';
import { FormFooter } from './form-footer.tsx';
import './locales.ts';

/**
 * A new responsible person for every selected record: a searchable picker over the portal's active
 * employees (`user.search` as the user types; the first 50 before that). The portal's own
 * `assignedById` check applies per record; a refusal shows up in that record's result.
 */
export function ResponsibleForm({ ids, onSubmit, onCancel }: BulkFormProps) {
  const t = useT('crmBulk');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const users = useUserSearch(debounced);
  const [chosen, setChosen] = useState<UserBrief | null>(null);

  const found = users.data ?? [];
  // The chosen user stays among the options while a new search runs, or the field would go blank.
  const options = [...(chosen && !found.some((u) => u.id === chosen.id) ? [chosen] : []), ...found].map((u) => ({
    value: u.id,
    label: u.fullName || `#${u.id}`,
  }));

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('selectedRecords', { count: ids.length })}
      </Text>
      <Select
        label={t('responsible')}
        placeholder={t('searchUser')}
        searchable
        data={options}
        value={chosen?.id ?? null}
        onChange={(id) => setChosen(found.find((u) => u.id === id) ?? (chosen?.id === id ? chosen : null))}
        searchValue={search}
        onSearchChange={setSearch}
        // The portal has searched already; filtering its answer again by label would drop matches on e-mail or position.
        filter={({ options: all }) => all}
        nothingFoundMessage={users.isFetching ? '…' : t('noUsers')}
        maxDropdownHeight={240}
      />
      <FormFooter
        submit={t('apply', { count: ids.length })}
        disabled={!chosen}
        onSubmit={() =>
          chosen &&
          onSubmit({
            write: { kind: 'update', items: ids.map((id) => ({ id, fields: { assignedById: Number(chosen.id) } })) },
            skipped: [],
            missing: [],
          })
        }
        onCancel={onCancel}
      />
    </Stack>
  );
}
