import { Modal } from '@mantine/core';
import { useSendNotification } from '../../data/query/notify.ts';
import { useT } from '../../i18n/index.ts';
import { NotifyForm } from '../../ui/notify-form.tsx';
import { useErrorText } from './error-text.ts';
import './locales.ts';

export interface NotifyDialogProps {
  /** The recipient; null closes the dialog. */
  user: { id: string; fullName: string } | null;
  onClose: () => void;
  /** The notification went out (its id). */
  onSent: (notificationId: string) => void;
}

/** "Notify" from a user card: a personal or system notification to that user's bell. */
export function NotifyDialog({ user, onClose, onSent }: NotifyDialogProps) {
  const t = useT('directory');
  const errorText = useErrorText();
  const notify = useSendNotification();
  const name = user?.fullName || `#${user?.id ?? ''}`;
  const error = notify.error
    ? (notify.error as { code?: string }).code === 'NOT_DELIVERED'
      ? t('notify.notDelivered')
      : errorText(notify.error)
    : null;
  const close = () => {
    notify.reset();
    onClose();
  };
  return (
    <Modal opened={user !== null} onClose={close} title={t('notify.title', { name })} centered>
      {user ? (
        <NotifyForm
          recipient={name}
          submitting={notify.isPending}
          error={error}
          onCancel={close}
          onSubmit={(values) =>
            notify.mutate(
              { userId: user.id, ...values },
              {
                onSuccess: (id) => {
                  notify.reset();
                  onSent(id);
                },
              },
            )
          }
        />
      ) : null}
    </Modal>
  );
}
