import { Alert, Button, Stack, Text } from '@mantine/core';
import type { CatalogSyncResult } from '../../data/sync/run-sync.ts';
import { useT } from '../../i18n/index.ts';
import { FeedErrors } from './feed-errors.tsx';
import './locales.ts';
import { WriteReport, type WriteReportItem } from './write-report.tsx';

const WRITES = new Set(['create', 'update', 'deactivate']);

export interface CatalogResultProps {
  result: CatalogSyncResult;
  /** The user cancelled this run. */
  cancelled: boolean;
  /** A responsible person was to be notified. */
  notified: boolean;
  /** Runs again, taking over a run that looks alive (SYNC_BUSY). */
  onTakeOver: () => void;
}

/**
 * A catalog sync's outcome, exactly: counts, and which products were written, which failed (with the
 * portal's reason) and which were not written at all (cancelled or stopped) — from the plan the run
 * made and the apply's own lists.
 */
export function CatalogResult({ result, cancelled, notified, onTakeOver }: CatalogResultProps) {
  const t = useT('sync');
  if (result.status === 'refused')
    return <FeedErrors errors={result.errors} more={result.moreErrors} title={t('result.refused')} />;
  if (result.error?.code === 'SYNC_BUSY')
    return (
      <Alert role="alert" color="orange" title={t('result.busyTitle')}>
        <Stack gap="xs">
          <Text size="sm">{t('result.busy')}</Text>
          <Text size="xs" c="dimmed">
            {result.error.message}
          </Text>
          <Button variant="light" color="orange" onClick={onTakeOver} w="fit-content">
            {t('result.takeOver')}
          </Button>
        </Stack>
      </Alert>
    );

  const { plan, apply, run } = result;
  const toWrite = plan?.items.filter((i) => WRITES.has(i.action)) ?? [];
  const conflicts: WriteReportItem[] =
    plan?.items
      .filter((i) => i.action === 'conflict')
      .map((i) => ({ id: i.externalId, line: i.line, reason: i.reason ?? t('plan.action.conflict') })) ?? [];
  const failed: WriteReportItem[] = [
    ...(apply?.failures.map((f) => ({ id: f.externalId, line: f.line, reason: f.error })) ?? []),
    ...conflicts,
  ];
  const notWritten = apply ? apply.notAttempted : toWrite.map((i) => i.externalId);
  const failedIds = new Set(failed.map((f) => f.id));
  const pending = new Set(notWritten);
  const written = apply
    ? toWrite.filter((i) => !failedIds.has(i.externalId) && !pending.has(i.externalId)).map((i) => i.externalId)
    : [];
  // A run that resumes an earlier one counts what both wrote; the lists are this attempt's.
  const counts = run?.counts ?? null;
  const stoppedEarly = !apply;
  const status = cancelled && stoppedEarly ? 'aborted' : result.status;
  return (
    <Stack gap="xs">
      {run?.resumedFrom ? (
        <Text size="sm" c="dimmed">
          {t('result.resumed')}
        </Text>
      ) : null}
      <WriteReport
        status={status}
        error={cancelled && stoppedEarly ? null : result.error}
        summary={result.summary}
        warnings={result.warnings}
        notified={notified && !stoppedEarly}
        cancelledEarly={cancelled && stoppedEarly}
        counts={[
          { label: t('result.created'), value: counts?.created ?? apply?.counts.created ?? 0 },
          { label: t('result.updated'), value: counts?.updated ?? apply?.counts.updated ?? 0 },
          { label: t('result.deactivated'), value: counts?.deactivated ?? apply?.counts.deactivated ?? 0 },
          { label: t('result.failedCount'), value: failed.length },
          { label: t('result.notWritten'), value: notWritten.length },
          { label: t('result.sections'), value: counts?.sections ?? apply?.counts.sections ?? 0 },
        ]}
        written={written}
        failed={failed}
        notWritten={notWritten}
      />
    </Stack>
  );
}
