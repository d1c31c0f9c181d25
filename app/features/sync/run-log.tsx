import { Badge, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useSyncRuns } from '../../data/query/sync-profiles.ts';
import type { RunRecord, RunStatus, SyncKind } from '../../data/sync/sync-store.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { ErrorState } from '../../ui/states.tsx';
import { formatDateTime, formatNumber } from './format.ts';
import './locales.ts';

const STATUS_COLOR: Record<RunStatus, string> = {
  planned: 'gray',
  refused: 'red',
  running: 'blue',
  done: 'green',
  failed: 'red',
  aborted: 'yellow',
  interrupted: 'orange',
};

/** A run's status as a badge. */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const t = useT('sync');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" radius="sm">
      {t(`runStatus.${status}`)}
    </Badge>
  );
}

/** What a run wrote, in one line of counts. */
export function RunCountsText({ run }: { run: RunRecord }) {
  const t = useT('sync');
  const lang = useLanguage();
  const n = (v: number) => formatNumber(v, lang, 0);
  const c = run.counts;
  return (
    <Text size="sm">
      {run.kind === 'currency'
        ? t('runs.currencyCounts', { updated: n(c.updated), added: n(c.created), failed: n(c.failed) })
        : t('runs.catalogCounts', {
            created: n(c.created),
            updated: n(c.updated),
            deactivated: n(c.deactivated),
            failed: n(c.failed),
            unchanged: n(c.unchanged),
          })}
    </Text>
  );
}

/**
 * The latest logged runs of one kind (Kontor's `entity.*` run log, shared with the CLI in app
 * context): when, which profile, how it ended, what it wrote, and the summary sent.
 */
export function RunLog({ kind }: { kind: SyncKind }) {
  const t = useT('sync');
  const lang = useLanguage();
  const runs = useSyncRuns(kind);

  return (
    <Stack gap="xs" component="section" aria-labelledby={`sync-runs-${kind}`}>
      <Title order={4} id={`sync-runs-${kind}`}>
        {t('runs.title')}
      </Title>
      {runs.error ? (
        <ErrorState message={t(errorMessageKey(runs.error))} onRetry={() => void runs.refetch()} />
      ) : runs.isPending ? (
        <Text size="sm" c="dimmed">
          {t('runs.loading')}
        </Text>
      ) : runs.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('runs.none')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420} type="auto">
          <Table striped fz="sm" aria-label={t('runs.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('runs.started')}</Table.Th>
                <Table.Th>{t('runs.profile')}</Table.Th>
                <Table.Th>{t('runs.status')}</Table.Th>
                <Table.Th>{t('runs.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.map((run) => (
                <Table.Tr key={run.id} data-run-id={run.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(run.startedAt, lang)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{run.profile}</Text>
                    {run.source ? (
                      <Text size="xs" c="dimmed">
                        {run.source}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <RunStatusBadge status={run.status} />
                      {run.dryRun ? (
                        <Badge variant="outline" color="gray" radius="sm">
                          {t('runs.dryRun')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <RunCountsText run={run} />
                    {run.summary ? (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                        {run.summary}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
