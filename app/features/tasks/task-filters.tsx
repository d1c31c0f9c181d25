import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import IconSearch from '@tabler/icons-react/icons/IconSearch';
import { useEffect, useState } from 'react';
import { useFrame } from '../../b24/index.ts';
import type { TaskFilter, TaskRole } from '../../data/providers/task-filter.ts';
import { useUserSearch } from '../../data/query/search-users.ts';
import { useT } from '../../i18n/index.ts';
import { UserPicker } from '../../ui/user-picker.tsx';
import { CrmRecordPicker } from './crm-record-picker.tsx';
import { GroupSelect } from './group-select.tsx';
import './section-locales.ts';

const ROLES: TaskRole[] = ['responsible', 'creator', 'auditor', 'accomplice', 'all'];
const STATUSES = ['2', '3', '4', '5', '6'];

/** The filter the section opens with: the tasks the user is responsible for, open ones first in mind. */
export const DEFAULT_FILTER: TaskFilter = { role: 'responsible' };

export interface TaskFiltersProps {
  value: TaskFilter;
  onChange: (filter: TaskFilter) => void;
  /** Workgroups of the tasks on screen, offered by name even where the portal refuses a group search. */
  knownGroups: readonly { id: string; name: string }[];
}

/** Drops empty conditions, so an unchanged filter keeps its query key (and its cached rows). */
function tidy(filter: TaskFilter): TaskFilter {
  const out: TaskFilter = {};
  for (const [key, v] of Object.entries(filter) as [keyof TaskFilter, unknown][]) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    Object.assign(out, { [key]: v });
  }
  return out;
}

/**
 * The task list's filter bar: whose tasks (mine as responsible, created by me, audited by me, helped by me,
 * all), title search, responsible users, workgroup, status, deadline range and CRM item. The portal filters
 * the whole set.
 */
export function TaskFilters({ value, onChange, knownGroups }: TaskFiltersProps) {
  const t = useT('tasksSection');
  const users = useUserSearch();
  const frame = useFrame();
  const [search, setSearch] = useState(value.search ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [crmLabel, setCrmLabel] = useState('');
  const set = (patch: Partial<TaskFilter>) => onChange(tidy({ ...value, ...patch }));

  useEffect(() => {
    if ((value.search ?? '') !== debounced) onChange(tidy({ ...value, search: debounced }));
    // Only the typed text drives this; the rest of the filter is read at that moment.
  }, [debounced]);

  return (
    <Paper component="section" aria-label={t('filters')} withBorder radius="md" p="sm" mb="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
        <Select
          label={t('role')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={value.role ?? 'all'}
          allowDeselect={false}
          onChange={(role) => set({ role: (role ?? 'all') as TaskRole })}
        />
        <TextInput
          label={t('search')}
          placeholder={t('searchPlaceholder')}
          leftSection={<IconSearch size={14} stroke={1.5} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <UserPicker
          multiple
          label={t('responsible')}
          value={value.responsibleIds ?? []}
          onChange={(ids) => set({ responsibleIds: ids })}
          disabled={value.role === 'responsible'}
          search={users.search}
          resolve={users.resolve}
          onPortalDialog={async () => (await frame.selectUsers()).map((u) => u.id)}
        />
        <GroupSelect
          label={t('group')}
          placeholder={t('anyGroup')}
          value={value.groupId ?? ''}
          onChange={(groupId) => set({ groupId })}
          known={knownGroups}
        />
        <MultiSelect
          label={t('status')}
          placeholder={value.statuses?.length ? undefined : t('anyStatus')}
          data={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          value={value.statuses ?? []}
          onChange={(statuses) => set({ statuses })}
          comboboxProps={{ withinPortal: true }}
        />
        <Group grow gap="xs" align="flex-end">
          <TextInput
            type="date"
            label={t('deadlineFrom')}
            value={value.deadlineFrom ?? ''}
            onChange={(e) => set({ deadlineFrom: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('deadlineTo')}
            value={value.deadlineTo ?? ''}
            onChange={(e) => set({ deadlineTo: e.currentTarget.value })}
          />
        </Group>
        <CrmRecordPicker
          label={t('crm')}
          value={value.crm ?? null}
          valueLabel={crmLabel}
          onPick={(code, title) => {
            setCrmLabel(title);
            set({ crm: code ?? '' });
          }}
        />
        <Group align="flex-end">
          <Button
            variant="subtle"
            onClick={() => {
              setSearch('');
              onChange(DEFAULT_FILTER);
            }}
          >
            {t('reset')}
          </Button>
        </Group>
      </SimpleGrid>
    </Paper>
  );
}
