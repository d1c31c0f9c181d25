import { Alert, Button, Group, Text } from '@mantine/core';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useEffect, useId, useRef } from 'react';
import { useT } from '../../../i18n/index.ts';
import './locales.ts';

export interface DeleteConfirmProps {
  /** The record's name (portal text, shown as text). */
  title: string;
  busy: boolean;
  /** The portal's refusal, already in the user's language. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Delete this record?" in the page flow, saying that the portal cannot bring it back (crm.item.delete has
 * no undo; the portal's recycle bin is not reachable over REST). Not a modal: the frame fits its content.
 */
export function DeleteConfirm({ title, busy, error, onConfirm, onCancel }: DeleteConfirmProps) {
  const t = useT('crmRecord');
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus.
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <Alert
      role="alertdialog"
      aria-labelledby={titleId}
      color="red"
      variant="light"
      icon={<IconTrash size={18} />}
      title={<span id={titleId}>{t('deleteConfirm.title', { title })}</span>}
    >
      <Text size="sm">{t('deleteConfirm.text')}</Text>
      {error ? (
        <Text size="sm" c="red" mt="xs" role="alert">
          {error}
        </Text>
      ) : null}
      <Group mt="md" gap="sm">
        <Button color="red" onClick={onConfirm} loading={busy}>
          {t('deleteConfirm.confirm')}
        </Button>
        <Button ref={cancelRef} variant="default" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </Button>
      </Group>
    </Alert>
  );
}
