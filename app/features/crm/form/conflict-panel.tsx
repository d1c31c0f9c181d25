import { Alert, Button, Group, Table, Text } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import { useEffect, useId, useRef } from 'react';
import type { FieldConflict } from '../../../data/query/save-record.ts';
import type { FieldMeta, ResourceName } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import '../record/locales.ts';
import { FieldValue } from './field-value.tsx';

export interface ConflictPanelProps {
  conflicts: readonly FieldConflict[];
  fields: readonly FieldMeta[];
  resource: ResourceName;
  /** The currency beside amounts on each side. */
  currencies: { original: unknown; mine: unknown; portal: unknown };
  busy?: boolean;
  onKeepMine: () => void;
  onTakePortal: () => void;
}

/**
 * What changed in the portal while the user edited: per field, the user's value, the portal's and the one
 * the form opened with, and the two ways out. Shown in the page flow (not a modal: the frame fits its
 * content, so an overlay could sit outside what the user sees).
 */
export function ConflictPanel({
  conflicts,
  fields,
  resource,
  currencies,
  busy,
  onKeepMine,
  onTakePortal,
}: ConflictPanelProps) {
  const t = useT('crmRecord');
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // In braces: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
    void ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  const cell = (field: FieldMeta, value: unknown, currencyId: unknown) => (
    <FieldValue field={field} record={{ [field.name]: value, currencyId }} resource={resource} />
  );
  return (
    <Alert
      ref={ref}
      role="alertdialog"
      aria-labelledby={titleId}
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={<span id={titleId}>{t('conflict.title')}</span>}
    >
      <Text size="sm" mb="sm">
        {t('conflict.text')}
      </Text>
      <Table withTableBorder withColumnBorders layout="fixed" aria-label={t('conflict.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('conflict.field')}</Table.Th>
            <Table.Th>{t('conflict.yours')}</Table.Th>
            <Table.Th>{t('conflict.portal')}</Table.Th>
            <Table.Th>{t('conflict.original')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflicts.map((c) => {
            const field = fields.find((f) => f.name === c.field);
            if (!field) return null;
            return (
              <Table.Tr key={c.field}>
                <Table.Th scope="row">{field.title}</Table.Th>
                <Table.Td>{cell(field, c.mine, currencies.mine)}</Table.Td>
                <Table.Td>{cell(field, c.portal, currencies.portal)}</Table.Td>
                <Table.Td>{cell(field, c.original, currencies.original)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group mt="md" gap="sm">
        <Button onClick={onKeepMine} loading={busy}>
          {t('conflict.keepMine')}
        </Button>
        <Button variant="default" onClick={onTakePortal} disabled={busy}>
          {t('conflict.takePortal')}
        </Button>
      </Group>
    </Alert>
  );
}
