import { mutationOptions, useMutation } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { sendNotification, type NotificationInput } from '../providers/notify-provider.ts';
import { useDataSource } from './data-context.ts';

/** Sending a notification: nothing cached changes; the form shows the error where it was made (`silent`). */
export function sendNotificationOptions(source: DataSource) {
  return mutationOptions({
    mutationKey: ['notifications', 'send'],
    mutationFn: (input: NotificationInput) => sendNotification(source.client, input),
    meta: { silent: true },
  });
}

/**
 * Sends a personal or system notification to a user's bell; resolves with its id. Sent once (an add is
 * never retried, docs/data-layer.md); `NOT_DELIVERED` when the portal could not deliver it.
 * @example
 * const notify = useSendNotification();
 * await notify.mutateAsync({ userId: '3', message: 'Deal 12 is won', kind: 'system', tag: 'kontor|deal|12' });
 */
export function useSendNotification() {
  return useMutation(sendNotificationOptions(useDataSource()));
}
