import { Alert, Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import './notify-form-locales.ts';

/** `personal`: from the current user; `system`: from the app (the data layer's NotificationKind). */
export type NotifyKind = 'personal' | 'system';

export interface NotifyFormValues {
  kind: NotifyKind;
  message: string;
}

export interface NotifyFormProps {
  /** Who gets it: a name (shown as text) or a control to choose them (a UserPicker). */
  recipient: ReactNode;
  /** False while no recipient is chosen: sending waits for one. */
  canSend?: boolean;
  onSubmit: (values: NotifyFormValues) => void;
  onCancel?: () => void;
  /** The send is in flight: the form is locked. */
  submitting?: boolean;
  /** Why the last send failed (text). */
  error?: ReactNode;
  defaultMessage?: string;
  defaultKind?: NotifyKind;
}

// The portal trims and stores notifications as BB-code text; a bell entry is short by nature.
const MAX_LENGTH = 2000;

/**
 * A notification to one user's bell: personal (from me) or system (from Kontor), and the message.
 * Presentational: the caller sends (the data layer's `useSendNotification`) and shows what happened.
 * @example
 * const notify = useSendNotification();
 * <NotifyForm recipient={card.fullName} submitting={notify.isPending} error={notify.error && t(errorMessageKey(notify.error))}
 *   onSubmit={(v) => notify.mutate({ userId: card.id, ...v })} />
 */
export function NotifyForm({
  recipient,
  canSend = true,
  onSubmit,
  onCancel,
  submitting = false,
  error,
  defaultMessage = '',
  defaultKind = 'personal',
}: NotifyFormProps) {
  const t = useT('notifyForm');
  const [kind, setKind] = useState<NotifyKind>(defaultKind);
  const [message, setMessage] = useState(defaultMessage);
  const [touched, setTouched] = useState(false);
  const kindLabel = useId();
  const empty = message.trim() === '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (empty || !canSend || submitting) return;
    onSubmit({ kind, message: message.trim() });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('title')}>
      <Stack gap="sm">
        {typeof recipient === 'string' ? (
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              {t('to')}{' '}
            </Text>
            {recipient}
          </Text>
        ) : (
          recipient
        )}
        <div>
          <Text size="sm" fw={500} mb={4} id={kindLabel}>
            {t('kind')}
          </Text>
          <SegmentedControl
            aria-labelledby={kindLabel}
            value={kind}
            onChange={(v) => setKind(v as NotifyKind)}
            disabled={submitting}
            data={[
              { value: 'personal', label: t('personal') },
              { value: 'system', label: t('system') },
            ]}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {kind === 'personal' ? t('personalHint') : t('systemHint')}
          </Text>
        </div>
        <Textarea
          label={t('message')}
          required
          autosize
          minRows={3}
          maxRows={8}
          maxLength={MAX_LENGTH}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          error={touched && empty ? t('messageRequired') : undefined}
          disabled={submitting}
        />
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={submitting}>
              {t('cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={submitting} disabled={!canSend}>
            {t('send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
