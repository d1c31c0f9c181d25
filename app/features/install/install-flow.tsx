import { Alert, Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import IconCircleCheck from '@tabler/icons-react/icons/IconCircleCheck';
import IconPlayerPlay from '@tabler/icons-react/icons/IconPlayerPlay';
import IconRefresh from '@tabler/icons-react/icons/IconRefresh';
import { useEffect, useRef, useState } from 'react';
import { useFrame } from '../../b24/react.tsx';
import { errorMessageKey } from '../../data/index.ts';
import { isPlanUpToDate, useInstall, useInstallPlan } from '../../data/platform/index.ts';
import { useT } from '../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';
import { StepList } from './step-list.tsx';

/**
 * The admin's install screen: the plan, Start, progress, per-step results, Retry on failure, then
 * `installFinish` — only after every step succeeded, so the portal never sees a half-installed app.
 */
export function InstallFlow({ handler }: { handler: string }) {
  const t = useT('install');
  const frame = useFrame();
  const plan = useInstallPlan(handler);
  const install = useInstall();
  const finished = useRef(false);
  const [started, setStarted] = useState(false);
  const succeeded = install.data?.report.ok === true;

  useEffect(() => {
    if (!succeeded || finished.current) return;
    finished.current = true;
    // Never awaited: the portal answers setInstallFinish by reloading the page, not with a reply.
    frame.installFinish();
  }, [succeeded, frame]);

  if (plan.isPending) return <LoadingState label={t('checking')} />;
  if (plan.isError && !install.data) {
    return (
      <ErrorState title={t('planError')} message={t(errorMessageKey(plan.error))} onRetry={() => void plan.refetch()} />
    );
  }

  const shown = install.data?.plan ?? plan.data;
  if (!shown) return null;
  const failed = install.data ? !install.data.report.ok : false;
  const start = () => {
    setStarted(true);
    install.mutate({ handler, plan: shown });
  };
  const retry = () => install.mutate({ handler });

  return (
    <Stack gap="md" p="md" maw={760}>
      <Title order={3}>{t('title')}</Title>
      <Text size="sm">{t('intro')}</Text>
      {!started && isPlanUpToDate(shown) ? (
        <Text size="sm" c="dimmed">
          {t('upToDate')}
        </Text>
      ) : null}
      <StepList plan={shown} outcomes={install.data?.report.outcomes} running={install.isPending} />
      <Text size="xs" c="dimmed">
        {t('optionsKept')}
      </Text>
      {install.isPending && install.progress ? (
        <Stack gap={4}>
          <Text size="sm">{t('running', { done: install.progress.done, total: install.progress.total })}</Text>
          <Progress
            value={install.progress.total ? (100 * install.progress.done) / install.progress.total : 0}
            animated
          />
        </Stack>
      ) : null}
      {install.isError ? (
        <ErrorState
          title={t('planError')}
          message={t(errorMessageKey(install.error))}
          onRetry={retry}
          retryLabel={t('retry')}
        />
      ) : null}
      {failed ? (
        <Alert color="red" title={t('failedTitle')} data-testid="install-failed">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('failedHint')}</Text>
            <Button color="red" leftSection={<IconRefresh size={16} />} onClick={retry} loading={install.isPending}>
              {t('retry')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {succeeded ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="install-finished">
          {t('finished')}
        </Alert>
      ) : null}
      {!started ? (
        <Group>
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={start} loading={install.isPending}>
            {t('start')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
