import { Group, Select, Text } from '@mantine/core';
import type { CatalogFeed } from '../../data/sync/catalog-feed.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import type { ReadingChoice } from './catalog-feed-setup.ts';
import { formatNumber } from './format.ts';
import './locales.ts';

export interface ReadingOptionsProps {
  choice: ReadingChoice;
  onChange: (choice: ReadingChoice) => void;
  /** The feed as read (null when it could not be): its detected format, delimiter, encoding and decimal mark. */
  feed: CatalogFeed | null;
  disabled?: boolean;
}

const delimiterKey = (d: string) => ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' })[d] ?? null;

/**
 * How the feed is read, each part detected ("Auto (;)") and overridable: format, delimiter (CSV),
 * encoding, decimal mark. A change reads the file again.
 */
export function ReadingOptions({ choice, onChange, feed, disabled }: ReadingOptionsProps) {
  const t = useT('sync');
  const lang = useLanguage();
  const auto = (detected: string | null) =>
    detected ? t('reading.autoDetected', { value: detected }) : t('reading.auto');
  const delimiterName = (d: string | null) => {
    const key = d ? delimiterKey(d) : null;
    return key ? t(`reading.delimiters.${key}`) : d;
  };
  const set = (patch: Partial<ReadingChoice>) => onChange({ ...choice, ...patch });
  return (
    <Group gap="sm" align="flex-end">
      <Select
        label={t('reading.format')}
        w={150}
        data={[
          { value: 'auto', label: auto(feed?.format.toUpperCase() ?? null) },
          { value: 'csv', label: 'CSV' },
          { value: 'json', label: 'JSON' },
          { value: 'xml', label: 'XML' },
        ]}
        value={choice.format}
        onChange={(v) => set({ format: (v ?? 'auto') as ReadingChoice['format'] })}
        allowDeselect={false}
        disabled={disabled}
      />
      {(feed ? feed.format === 'csv' : choice.format === 'csv' || choice.format === 'auto') ? (
        <Select
          label={t('reading.delimiter')}
          w={200}
          data={[
            { value: 'auto', label: auto(delimiterName(feed?.delimiter ?? null)) },
            { value: ',', label: t('reading.delimiters.comma') },
            { value: ';', label: t('reading.delimiters.semicolon') },
            { value: '\t', label: t('reading.delimiters.tab') },
            { value: '|', label: t('reading.delimiters.pipe') },
          ]}
          value={choice.delimiter}
          onChange={(v) => set({ delimiter: v ?? 'auto' })}
          allowDeselect={false}
          disabled={disabled}
        />
      ) : null}
      <Select
        label={t('reading.encoding')}
        w={180}
        data={[
          { value: 'auto', label: auto(feed?.encoding.toUpperCase() ?? null) },
          { value: 'utf-8', label: 'UTF-8' },
          { value: 'windows-1252', label: 'Windows-1252' },
        ]}
        value={choice.encoding}
        onChange={(v) => set({ encoding: (v ?? 'auto') as ReadingChoice['encoding'] })}
        allowDeselect={false}
        disabled={disabled}
      />
      <Select
        label={t('reading.decimal')}
        w={200}
        data={[
          {
            value: 'auto',
            label: auto(feed ? t(feed.decimal === ',' ? 'reading.decimals.comma' : 'reading.decimals.point') : null),
          },
          { value: '.', label: t('reading.decimals.point') },
          { value: ',', label: t('reading.decimals.comma') },
        ]}
        value={choice.decimal}
        onChange={(v) => set({ decimal: (v ?? 'auto') as ReadingChoice['decimal'] })}
        allowDeselect={false}
        disabled={disabled}
      />
      {feed ? (
        <Text size="sm" c="dimmed" pb={8}>
          {t('reading.summary', {
            rows: formatNumber(feed.rows.length, lang, 0),
            columns: formatNumber(feed.columns.length, lang, 0),
          })}
        </Text>
      ) : null}
    </Group>
  );
}
