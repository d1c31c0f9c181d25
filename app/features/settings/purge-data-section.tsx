import { Alert, Button, List, Stack, Text, Title } from '@mantine/core';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useState } from 'react';
import { useInitInfo } from '../../b24/react.tsx';
import { errorMessageKey } from '../../data/index.ts';
import { usePurgeKontorData } from '../../data/platform/index.ts';
import { useT } from '../../i18n/index.ts';
import './locales.ts';
import { PurgeConfirmModal } from './purge-confirm-modal.tsx';

/** "Remove all Kontor data" (admins): confirmation listing what goes, then the result. */
export function PurgeDataSection() {
  const t = useT('settings');
  const { isAdmin } = useInitInfo();
  const [opened, setOpened] = useState(false);
  const purge = usePurgeKontorData();
  const report = purge.data;
  return (
    <Stack gap="xs" align="flex-start">
      <Title order={4}>{t('purge.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('purge.description')}
      </Text>
      {isAdmin ? (
        <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setOpened(true)}>
          {t('purge.button')}
        </Button>
      ) : (
        <Text size="sm">{t('purge.adminOnly')}</Text>
      )}
      {report?.ok ? (
        <Alert color="teal" data-testid="purge-done">
          {t('purge.done')}
        </Alert>
      ) : null}
      {report && !report.ok ? (
        <Alert color="red" title={t('purge.failed')} data-testid="purge-failed">
          <List size="sm">
            {report.failures.map((f) => (
              <List.Item key={f.what}>
                {f.what}: {t(errorMessageKey(f.error))}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {purge.isError ? (
        <Alert color="red" title={t('purge.failed')}>
          {t(errorMessageKey(purge.error))}
        </Alert>
      ) : null}
      <PurgeConfirmModal
        opened={opened}
        onClose={() => setOpened(false)}
        removing={purge.isPending}
        onConfirm={() => purge.mutate(undefined, { onSettled: () => setOpened(false) })}
      />
    </Stack>
  );
}
