import { Button, Checkbox, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import IconColumns from '@tabler/icons-react/icons/IconColumns';
import { memo, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import type { GridColumn } from './columns.ts';
import './locales.ts';

export interface ColumnChooserProps {
  /** Every column the user can pick, in the portal's field order. */
  options: readonly GridColumn[];
  /** The names shown now, in their order. */
  value: readonly string[];
  label: (column: GridColumn) => string;
  onChange: (names: string[]) => void;
  onReset: () => void;
  /** Why the last choice was not saved, already translated. */
  error?: string;
}

/** "Columns": a checkbox per field; a new column joins at the end, and the choice is remembered per user. */
export const ColumnChooser = memo(function ColumnChooser({
  options,
  value,
  label,
  onChange,
  onReset,
  error,
}: ColumnChooserProps) {
  const t = useT('crmGrid');
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = needle ? options.filter((c) => label(c).toLowerCase().includes(needle)) : options;
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...value.filter((n) => n !== name), name] : value.filter((n) => n !== name));

  return (
    <Popover width={300} position="bottom-end" shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} stroke={1.5} />}>
          {t('columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('columns')}>
        <TextInput
          size="xs"
          mb="xs"
          aria-label={t('columnsSearch')}
          placeholder={t('columnsSearch')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <ScrollArea.Autosize mah={300} type="auto">
          <Stack gap={6} pr="xs">
            {shown.map((c) => (
              <Checkbox
                key={c.name}
                size="xs"
                label={label(c)}
                checked={value.includes(c.name)}
                onChange={(e) => toggle(c.name, e.currentTarget.checked)}
              />
            ))}
            {shown.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('columnsNone')}
              </Text>
            ) : null}
          </Stack>
        </ScrollArea.Autosize>
        {error ? (
          <Text size="xs" c="red" mt="xs" role="alert">
            {error}
          </Text>
        ) : null}
        <Button variant="subtle" size="xs" mt="xs" onClick={onReset}>
          {t('columnsDefault')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
});
