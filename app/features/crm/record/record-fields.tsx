import { Button, DataList, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FieldMeta, RecordData, Resource } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { FieldValue, isFilled } from '../form/field-value.tsx';
import './locales.ts';

export interface RecordFieldsProps {
  resource: Resource;
  fields: readonly FieldMeta[];
  record: RecordData;
}

// Shown in the heading, or inside another row (the currency with the amount).
const FOLDED = new Set(['id', 'currencyId']);

/**
 * Every field of a record, read-only, in two groups — the portal's standard fields and the custom fields
 * the company added — filled ones first; the empty ones behind a toggle.
 */
export function RecordFields({ resource, fields, record }: RecordFieldsProps) {
  const t = useT('crmRecord');
  const [showEmpty, setShowEmpty] = useState(false);
  const hasMoney = fields.some((f) => f.name === 'opportunity' || f.name === 'revenue');
  const shown = fields.filter((f) => !(FOLDED.has(f.name) && (f.name !== 'currencyId' || hasMoney)));
  const groups = [
    { key: 'main' as const, fields: shown.filter((f) => !f.custom) },
    { key: 'custom' as const, fields: shown.filter((f) => f.custom) },
  ].filter((g) => g.fields.length > 0);
  const empty = shown.filter((f) => !isFilled(f, record[f.name]));

  return (
    <Stack gap="md" aria-label={t('fieldsLabel')}>
      {groups.map((g) => {
        const rows = g.fields.filter((f) => showEmpty || isFilled(f, record[f.name]));
        return (
          <Stack key={g.key} gap="xs">
            <Title order={4}>{t(`sections.${g.key}`)}</Title>
            {rows.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('nothingFilled')}
              </Text>
            ) : (
              <DataList withDivider labelWidth="200px" aria-label={t(`sections.${g.key}`)}>
                {rows.map((f) => (
                  <DataList.Item key={f.name}>
                    <DataList.ItemLabel>{f.title}</DataList.ItemLabel>
                    <DataList.ItemValue>
                      {isFilled(f, record[f.name]) ? (
                        <FieldValue field={f} record={record} resource={resource.name} />
                      ) : (
                        <Text span c="dimmed">
                          —
                        </Text>
                      )}
                    </DataList.ItemValue>
                  </DataList.Item>
                ))}
              </DataList>
            )}
          </Stack>
        );
      })}
      {empty.length > 0 ? (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setShowEmpty((v) => !v)}
          style={{ alignSelf: 'flex-start' }}
          aria-expanded={showEmpty}
        >
          {showEmpty ? t('hideEmpty') : t('showEmpty', { count: empty.length })}
        </Button>
      ) : null}
    </Stack>
  );
}
