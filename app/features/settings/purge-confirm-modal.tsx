import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { errorMessageKey } from '../../data/index.ts';
import { usePurgeInventory } from '../../data/platform/index.ts';
import { useT } from '../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';

export interface PurgeConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  removing: boolean;
}

/** Lists exactly what "remove all Kontor data" deletes (read from the portal) before the admin confirms. */
export function PurgeConfirmModal({ opened, onClose, onConfirm, removing }: PurgeConfirmModalProps) {
  const t = useT('settings');
  const inventory = usePurgeInventory(opened);
  return (
    <Modal opened={opened} onClose={onClose} title={t('purge.confirmTitle')} centered>
      {inventory.isPending ? <LoadingState /> : null}
      {inventory.isError ? (
        <ErrorState message={t(errorMessageKey(inventory.error))} onRetry={() => void inventory.refetch()} />
      ) : null}
      {inventory.data ? (
        <Stack gap="sm" data-testid="purge-inventory">
          <Text size="sm">{t('purge.whatGoes')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>
              {inventory.data.appOptions.length
                ? t('purge.options', { names: inventory.data.appOptions.join(', ') })
                : t('purge.noOptions')}
            </List.Item>
            <List.Item>
              {inventory.data.storages.length
                ? t('purge.storages', {
                    names: inventory.data.storages.map((s) => `${s.name} (${s.entity})`).join(', '),
                  })
                : t('purge.noStorages')}
            </List.Item>
          </List>
          <Text size="sm" c="dimmed">
            {t('purge.whatStays')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={removing}>
              {t('purge.cancel')}
            </Button>
            <Button color="red" onClick={onConfirm} loading={removing}>
              {t('purge.confirm')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
