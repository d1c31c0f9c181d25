import { Alert, ScrollArea, Stack, Table, Text } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import type { FeedErrorInit } from '../../data/sync/feed-error.ts';
import { useT } from '../../i18n/index.ts';
import './locales.ts';

export interface FeedErrorsProps {
  /** What was wrong, each with where (line, column) and the value at fault. */
  errors: readonly FeedErrorInit[];
  /** Faults beyond the listed ones. */
  more?: number;
  title?: string;
}

/**
 * A refused feed's faults as a table: line, column, value and what is wrong (translated by code, the
 * engine's own sentence beside it). Feed values are shown as text.
 */
export function FeedErrors({ errors, more = 0, title }: FeedErrorsProps) {
  const t = useT('sync');
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? t('errors.title', { count: errors.length + more })}
    >
      <Stack gap="xs">
        <Text size="sm">{t('errors.nothingWritten')}</Text>
        <ScrollArea.Autosize mah={360} type="auto">
          <Table striped withTableBorder fz="sm" aria-label={t('errors.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('errors.line')}</Table.Th>
                <Table.Th>{t('errors.field')}</Table.Th>
                <Table.Th>{t('errors.value')}</Table.Th>
                <Table.Th>{t('errors.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.map((e, i) => (
                <Table.Tr key={i} data-code={e.code}>
                  <Table.Td>{e.line ? `${e.line}${e.column ? `:${e.column}` : ''}` : '—'}</Table.Td>
                  <Table.Td>{e.field ?? '—'}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{e.value ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`feedError.${e.code}`)}</Text>
                    <Text size="xs" c="dimmed">
                      {e.message}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {more > 0 ? (
          <Text size="sm" c="dimmed">
            {t('errors.more', { count: more })}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
