import { Loader, ThemeIcon } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconX from '@tabler/icons-react/icons/IconX';
import type { StepOutcome } from '../../data/platform/index.ts';
import { useT } from '../../i18n/index.ts';
import './locales.ts';

/** A step's state icon: spinner while running, check when done, cross when failed; nothing for unchanged steps. */
export function StepStatus({
  outcome,
  running,
  changes,
}: {
  outcome?: StepOutcome;
  running: boolean;
  changes: boolean;
}) {
  const t = useT('install');
  if (outcome && !outcome.ok) {
    return (
      <ThemeIcon color="red" size="sm" radius="xl" aria-label={t('stepFailed')}>
        <IconX size={14} />
      </ThemeIcon>
    );
  }
  if (outcome && changes) {
    return (
      <ThemeIcon color="teal" size="sm" radius="xl" aria-label={t('stepDone')}>
        <IconCheck size={14} />
      </ThemeIcon>
    );
  }
  if (running && changes) return <Loader size={16} aria-hidden />;
  return null;
}
