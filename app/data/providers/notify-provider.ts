import { BitrixError, type B24Client } from '../../b24/index.ts';

/**
 * `personal`: from the current user, with their name and photo (`im.notify.personal.add`);
 * `system`: from the app itself (`im.notify.system.add`), for reports of automatic changes.
 */
export type NotificationKind = 'personal' | 'system';

export interface NotificationInput {
  userId: string;
  /** BB-code is allowed (`[b]`, `[url=…]…[/url]`); the portal trims it. */
  message: string;
  kind: NotificationKind;
  /** A new notification with the same tag replaces the older one (per app), e.g. `kontor|sync|deal-12`. */
  tag?: string;
}

/**
 * Puts a notification in a user's bell; resolves with its id. The portal answers `false` when it cannot
 * deliver (an unknown or inactive user): that is a `NOT_DELIVERED` error here.
 * @example await sendNotification(client, { userId: '3', message: 'Price list updated', kind: 'system' })
 */
export async function sendNotification(client: B24Client, input: NotificationInput): Promise<string> {
  const method = input.kind === 'system' ? 'im.notify.system.add' : 'im.notify.personal.add';
  const userId = /^[1-9]\d*$/.test(input.userId) ? Number(input.userId) : 0;
  if (!userId) throw new BitrixError('USER_ID_EMPTY', 'Nobody to notify', 0, method);
  const message = input.message.trim();
  if (!message) throw new BitrixError('MESSAGE_EMPTY', "Message can't be empty", 0, method);
  const { result } = await client.call(method, {
    USER_ID: userId,
    MESSAGE: message,
    ...(input.tag ? { TAG: input.tag } : {}),
  });
  if (result === false || result === null || result === undefined)
    throw new BitrixError('NOT_DELIVERED', 'The portal could not deliver the notification', 0, method);
  return String(result);
}
