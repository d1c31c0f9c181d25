import { Accordion, Alert, Group, List, Paper, Stack, Text } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import IconCircleCheck from '@tabler/icons-react/icons/IconCircleCheck';
import IconPlayerStop from '@tabler/icons-react/icons/IconPlayerStop';
import type { BitrixError } from '../../b24/index.ts';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import type { RunStatus } from '../../data/sync/sync-store.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { formatNumber } from './format.ts';
import './locales.ts';

/** Lists longer than this show their first entries and a count; the run's change history has them all. */
const LISTED = 500;

export interface WriteReportItem {
  id: string;
  reason?: string;
  line?: number | null;
}

export interface WriteReportProps {
  status: RunStatus;
  /** What stopped the run. */
  error: BitrixError | null;
  /** The summary sent to the responsible person. */
  summary: string;
  warnings: string[];
  /** A responsible person was to be notified. */
  notified: boolean;
  counts: { label: string; value: number }[];
  written: string[];
  failed: WriteReportItem[];
  notWritten: string[];
  /** The run was cancelled before it wrote anything (while it was still reading). */
  cancelledEarly?: boolean;
}

function Listed({ items }: { items: WriteReportItem[] }) {
  const t = useT('sync');
  const lang = useLanguage();
  return (
    <Stack gap={4}>
      <List size="sm" spacing={2}>
        {items.slice(0, LISTED).map((item, i) => (
          <List.Item key={`${item.id}-${i}`}>
            <Text span size="sm" fw={500}>
              {item.id}
            </Text>
            {item.line ? (
              <Text span size="sm" c="dimmed">
                {` · ${t('errors.lineN', { line: item.line })}`}
              </Text>
            ) : null}
            {item.reason ? <Text span size="sm">{` — ${item.reason}`}</Text> : null}
          </List.Item>
        ))}
      </List>
      {items.length > LISTED ? (
        <Text size="xs" c="dimmed">
          {t('result.moreInHistory', { count: formatNumber(items.length - LISTED, lang, 0) })}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The outcome of a write: how it ended, exact counts, and what was written, what failed (and why) and
 * what was not written at all — so nothing is half-applied without the user seeing it.
 */
export function WriteReport(props: WriteReportProps) {
  const { status, error, summary, warnings, notified, counts, written, failed, notWritten, cancelledEarly } = props;
  const t = useT('sync');
  const lang = useLanguage();
  const nothing = written.length === 0 && failed.length === 0;
  const color = status === 'done' ? 'green' : status === 'aborted' ? 'yellow' : 'red';
  const title =
    status === 'done'
      ? t('result.done')
      : status === 'aborted'
        ? nothing
          ? t('result.abortedNothing')
          : t('result.aborted')
        : nothing
          ? t('result.failedNothing')
          : t('result.failed');
  const summaryFailed = warnings.some((w) => w.startsWith('The summary'));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('result.label')}>
      <Stack gap="sm">
        <Alert
          role={status === 'done' ? 'status' : 'alert'}
          color={color}
          variant="light"
          title={title}
          icon={
            status === 'done' ? (
              <IconCircleCheck size={18} />
            ) : status === 'aborted' ? (
              <IconPlayerStop size={18} />
            ) : (
              <IconAlertTriangle size={18} />
            )
          }
        >
          <Stack gap={4}>
            {error && !(cancelledEarly && status === 'aborted') ? (
              <Text size="sm">
                {t(errorMessageKey(error))} ({error.code}: {error.message})
              </Text>
            ) : null}
            {status !== 'done' && notWritten.length > 0 ? <Text size="sm">{t('result.rerunHint')}</Text> : null}
          </Stack>
        </Alert>
        <Group gap="xl" role="list" aria-label={t('result.countsLabel')}>
          {counts.map((c) => (
            <Stack key={c.label} gap={0} role="listitem">
              <Text size="xl" fw={700}>
                {formatNumber(c.value, lang, 0)}
              </Text>
              <Text size="xs" c="dimmed">
                {c.label}
              </Text>
            </Stack>
          ))}
        </Group>
        <Accordion multiple variant="separated" defaultValue={['failed', 'notWritten']}>
          {written.length > 0 ? (
            <Accordion.Item value="written">
              <Accordion.Control>{t('result.writtenList', { count: written.length })}</Accordion.Control>
              <Accordion.Panel>
                <Listed items={written.map((id) => ({ id }))} />
              </Accordion.Panel>
            </Accordion.Item>
          ) : null}
          {failed.length > 0 ? (
            <Accordion.Item value="failed">
              <Accordion.Control>{t('result.failedList', { count: failed.length })}</Accordion.Control>
              <Accordion.Panel>
                <Listed items={failed} />
              </Accordion.Panel>
            </Accordion.Item>
          ) : null}
          {notWritten.length > 0 ? (
            <Accordion.Item value="notWritten">
              <Accordion.Control>{t('result.notWrittenList', { count: notWritten.length })}</Accordion.Control>
              <Accordion.Panel>
                <Listed items={notWritten.map((id) => ({ id }))} />
              </Accordion.Panel>
            </Accordion.Item>
          ) : null}
        </Accordion>
        {notified && !summaryFailed ? (
          <Text size="sm" c="dimmed">
            {t('result.notified')}
          </Text>
        ) : null}
        {warnings.length > 0 ? (
          <Alert color="yellow" variant="light" title={t('result.warnings')}>
            <List size="sm">
              {warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {summary ? (
          <Stack gap={2}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('result.summary')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="run-summary">
              {summary}
            </Text>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
