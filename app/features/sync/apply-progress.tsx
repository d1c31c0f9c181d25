import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import IconPlayerStop from '@tabler/icons-react/icons/IconPlayerStop';
import type { SyncProgress } from '../../data/sync/run-sync.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { formatDuration, formatNumber } from './format.ts';
import './locales.ts';

export interface ApplyProgressProps {
  progress: SyncProgress | null;
  onCancel: () => void;
  cancelling: boolean;
}

/**
 * A catalog sync while it writes: the phase, a progress bar over the products to write, the counts so
 * far and the time left; Cancel stops before the next request (what was sent is answered and counted).
 */
export function ApplyProgress({ progress, onCancel, cancelling }: ApplyProgressProps) {
  const t = useT('sync');
  const lang = useLanguage();
  const n = (v: number) => formatNumber(v, lang, 0);
  const phase = progress?.phase ?? 'parse';
  const value = progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('apply.progressLabel')}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} aria-live="polite">
            {t(`phase.${phase}`)}
            {phase === 'read' && progress?.read ? ` — ${t('apply.read', { count: n(progress.read) })}` : ''}
          </Text>
          <Button
            color="red"
            variant="light"
            leftSection={<IconPlayerStop size={16} />}
            onClick={onCancel}
            loading={cancelling}
          >
            {t('actions.cancel')}
          </Button>
        </Group>
        <Progress
          value={value}
          animated={phase !== 'products' || value < 100}
          aria-label={t('apply.progressBar')}
          size="lg"
        />
        {progress ? (
          <Group justify="space-between" gap="xs">
            <Text size="sm" data-testid="apply-counts">
              {t('apply.counts', {
                done: n(progress.done),
                total: n(progress.total),
                created: n(progress.created),
                updated: n(progress.updated),
                deactivated: n(progress.deactivated),
                failed: n(progress.failed),
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {progress.etaMs === null || progress.total === 0
                ? t('apply.etaUnknown')
                : progress.etaMs === 0
                  ? t('apply.almostDone')
                  : t('apply.eta', { time: formatDuration(progress.etaMs, lang) })}
            </Text>
          </Group>
        ) : null}
        {cancelling ? (
          <Text size="sm" c="dimmed">
            {t('apply.cancelling')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
