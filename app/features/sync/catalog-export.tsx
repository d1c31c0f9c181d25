import { Alert, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import IconDownload from '@tabler/icons-react/icons/IconDownload';
import { useState } from 'react';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useCatalogExport } from '../../data/query/sync-catalog.ts';
import type { ExportFormat } from '../../data/sync/export-catalog.ts';
import type { PortalMeta } from '../../data/sync/portal-catalog.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { downloadText } from './download.ts';
import { formatNumber } from './format.ts';
import './locales.ts';

/** The file name a webshop's import is pointed at; the same every time. */
export const exportFileName = (format: ExportFormat) => `kontor-catalog.${format}`;

/**
 * The webshop feed: the catalog's active products (section path, stock, price in the chosen currency)
 * as JSON, CSV or XML, made in the browser and downloaded. The CLI writes the same file for cron
 * (`npx kontor export catalog --format … --out …`).
 */
export function CatalogExport({ meta }: { meta: PortalMeta }) {
  const t = useT('sync');
  const lang = useLanguage();
  const exportFeed = useCatalogExport();
  const [format, setFormat] = useState<ExportFormat>('json');
  const [currency, setCurrency] = useState(meta.baseCurrency);
  const [includeInactive, setIncludeInactive] = useState(false);

  const download = async () => {
    const file = await exportFeed.mutateAsync({ format, currency, includeInactive }).catch(() => null);
    if (file) downloadText(exportFileName(file.format), file.body, file.mimeType);
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="catalog-export-title">
      <Stack gap={2}>
        <Title order={4} id="catalog-export-title">
          {t('export.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('export.intro')}
        </Text>
      </Stack>
      <Group align="flex-end" gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="export-format-label">
            {t('export.format')}
          </Text>
          <SegmentedControl
            aria-labelledby="export-format-label"
            value={format}
            onChange={(v) => setFormat(v as ExportFormat)}
            data={[
              { value: 'json', label: 'JSON' },
              { value: 'csv', label: 'CSV' },
              { value: 'xml', label: 'XML' },
            ]}
          />
        </Stack>
        <Select
          label={t('export.currency')}
          data={meta.currencies.map((c) => ({
            value: c.code,
            label: c.name && c.name !== c.code ? `${c.code} — ${c.name}` : c.code,
          }))}
          value={currency}
          onChange={(v) => v && setCurrency(v)}
          allowDeselect={false}
          searchable
          w={240}
        />
        <Checkbox
          label={t('export.includeInactive')}
          checked={includeInactive}
          onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <Group gap="sm">
        <Button leftSection={<IconDownload size={16} />} onClick={() => void download()} loading={exportFeed.isPending}>
          {t('export.download', { file: exportFileName(format) })}
        </Button>
        {exportFeed.data && !exportFeed.isPending ? (
          <Text size="sm" c="dimmed" role="status">
            {t('export.done', {
              count: formatNumber(exportFeed.data.count, lang, 0),
              file: exportFileName(exportFeed.data.format),
              currency: exportFeed.data.currency,
            })}
          </Text>
        ) : null}
      </Group>
      {exportFeed.error ? (
        <Alert role="alert" color="red" title={t('export.failed')}>
          {t(errorMessageKey(exportFeed.error))} ({exportFeed.error.message})
        </Alert>
      ) : null}
    </Stack>
  );
}
