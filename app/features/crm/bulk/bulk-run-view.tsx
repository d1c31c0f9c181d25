import { Alert, Badge, Button, Group, Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconInfoCircle from '@tabler/icons-react/icons/IconInfoCircle';
import IconPlayerStop from '@tabler/icons-react/icons/IconPlayerStop';
import IconRefresh from '@tabler/icons-react/icons/IconRefresh';
import { errorDetail, errorMessageKey } from '../../../data/errors/error-message-key.ts';
import type { BulkProgress, BulkResult, BulkWrite } from '../../../data/query/bulk-write.ts';
import { useT } from '../../../i18n/index.ts';
import { idsWith, rowsForDisplay, summarize, type RowState, type RowStates } from './bulk-model.ts';
import './locales.ts';

/** Rows listed at most: a selection may hold thousands; the ones needing attention come first. */
const MAX_LISTED = 500;

export interface BulkRunViewProps {
  kind: BulkWrite['kind'];
  rows: RowStates;
  /** Record names as they were before the run (`#id` stands in for a record without one). */
  names: ReadonlyMap<string, string>;
  progress: BulkProgress | null;
  running: boolean;
  stopping: boolean;
  /** The last run's result: whether it was cancelled or stopped by a failed request. */
  last: BulkResult | null;
  /** A failure of the run itself (not of a record). */
  runError: unknown;
  onStop: () => void;
  /** Sends these records again (the failed ones, or the ones not attempted). */
  onSend: (ids: string[]) => void;
  onClose: () => void;
}

type T = ReturnType<typeof useT>;

function messageOf(error: unknown, t: T): string {
  return t(errorMessageKey(error));
}

/**
 * A bulk run on screen: while it runs, a bar of what the portal has answered (changed and failed) and
 * a stop button that takes effect between batches; afterwards the totals in words — changed, failed,
 * not attempted — and every record's own result, the failed ones with the portal's reason.
 */
export function BulkRunView(props: BulkRunViewProps) {
  const { kind, rows, names, progress, running, stopping, last, runError, onStop, onSend, onClose } = props;
  const t = useT('crmBulk');
  const summary = summarize(rows);
  const failed = idsWith(rows, 'failed');
  const notAttempted = idsWith(rows, 'notAttempted');

  if (running) {
    const total = progress?.total ?? 0;
    const pct = (n: number) => (total > 0 ? (100 * n) / total : 0);
    return (
      <Stack gap="sm">
        <Progress.Root
          size="xl"
          role="progressbar"
          aria-label={t('progress')}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={progress?.done ?? 0}
        >
          <Progress.Section value={pct(progress?.ok ?? 0)} color="teal" withAria={false} />
          <Progress.Section value={pct(progress?.failed ?? 0)} color="red" withAria={false} />
        </Progress.Root>
        <Text size="sm" aria-live="polite">
          {t('sending', { done: progress?.done ?? 0, total })}
        </Text>
        <Text size="sm" c="dimmed">
          {t(kind === 'delete' ? 'soFarDelete' : 'soFarUpdate', {
            ok: progress?.ok ?? 0,
            failed: progress?.failed ?? 0,
          })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" leftSection={<IconPlayerStop size={16} />} onClick={onStop} disabled={stopping}>
            {stopping ? t('stopping') : t('stop')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const everythingDone = summary.failed === 0 && summary.notAttempted === 0 && summary.pending === 0;
  const listed = rowsForDisplay(rows).slice(0, MAX_LISTED);
  return (
    <Stack gap="sm">
      <Text fw={600} role="status">
        {t(kind === 'delete' ? 'summaryDelete' : 'summaryUpdate', {
          ok: summary.ok,
          failed: summary.failed,
          notAttempted: summary.notAttempted,
        })}
      </Text>
      {summary.skipped > 0 ? (
        <Text size="sm" c="dimmed">
          {t('summarySkipped', { count: summary.skipped })}
        </Text>
      ) : null}
      {everythingDone && summary.ok > 0 ? (
        <Alert color="teal" icon={<IconCheck size={18} />}>
          {t(kind === 'delete' ? 'allDeleted' : 'allDone')}
        </Alert>
      ) : null}
      {last?.cancelled ? (
        <Alert color="yellow" icon={<IconInfoCircle size={18} />}>
          {t('cancelled')}
        </Alert>
      ) : null}
      {last?.stoppedBy ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />}>
          {t('stopped', { message: messageOf(last.stoppedBy, t) })}
        </Alert>
      ) : null}
      {runError ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />}>
          {t('runFailed', { message: messageOf(runError, t) })}
        </Alert>
      ) : null}

      <ScrollArea.Autosize mah={320} type="auto">
        <Table striped withTableBorder verticalSpacing={4} aria-label={t('results')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('record')}</Table.Th>
              <Table.Th>{t('result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listed.map(([id, row]) => (
              <Table.Tr key={id}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{names.get(id) || `#${id}`}</Table.Td>
                <Table.Td>
                  <RowResult kind={kind} row={row} t={t} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {rows.size > listed.length ? (
        <Text size="xs" c="dimmed">
          {t('moreRows', { shown: listed.length, total: rows.size })}
        </Text>
      ) : null}

      <Group justify="flex-end" gap="xs">
        {failed.length > 0 ? (
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => onSend(failed)}>
            {t('retryFailed', { count: failed.length })}
          </Button>
        ) : null}
        {notAttempted.length > 0 ? (
          <Button variant="default" onClick={() => onSend(notAttempted)}>
            {t('sendRest', { count: notAttempted.length })}
          </Button>
        ) : null}
        <Button onClick={onClose}>{t('close')}</Button>
      </Group>
    </Stack>
  );
}

/** One record's result: a badge, and for a failure the translated reason with the portal's own words under it. */
function RowResult({ kind, row, t }: { kind: BulkWrite['kind']; row: RowState; t: T }) {
  switch (row.status) {
    case 'ok':
      return (
        <Badge color="teal" variant="light" radius="sm" tt="none">
          {row.alreadyGone ? t('statusAlreadyGone') : t(kind === 'delete' ? 'statusDeleted' : 'statusChanged')}
        </Badge>
      );
    case 'failed': {
      const detail = errorDetail(row.error);
      return (
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Badge color="red" variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }}>
              {t('statusFailed')}
            </Badge>
            <Text size="sm">{messageOf(row.error, t)}</Text>
          </Group>
          {detail ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {detail}
            </Text>
          ) : null}
        </Stack>
      );
    }
    case 'notAttempted':
      return (
        <Badge color="gray" variant="light" radius="sm" tt="none">
          {t('statusNotAttempted')}
        </Badge>
      );
    case 'skipped':
      return (
        <Badge color="gray" variant="outline" radius="sm" tt="none">
          {t('statusSkipped')}
        </Badge>
      );
    default:
      return (
        <Badge color="blue" variant="light" radius="sm" tt="none">
          {t('statusPending')}
        </Badge>
      );
  }
}
