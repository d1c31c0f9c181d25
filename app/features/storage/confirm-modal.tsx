import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n/index.ts';
import './locales.ts';

export interface ConfirmModalProps {
  title: string;
  /** What will happen, in words (portal names inside are shown as text). */
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  /** Why the last attempt failed, already in words. */
  error?: string | null;
}

/** Asks before something that cannot be undone (deleting a storage, a property, an item). */
export function ConfirmModal({ title, message, confirmLabel, onConfirm, onClose, busy, error }: ConfirmModalProps) {
  const t = useT('storage');
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <Stack gap="sm">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {message}
        </Text>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
