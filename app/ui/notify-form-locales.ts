import { registerLocales } from '../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
const en = {
  title: 'Notification',
  to: 'To:',
  kind: 'Send as',
  personal: 'From me',
  system: 'From Kontor',
  personalHint: 'Shows your name and photo in their notifications.',
  systemHint: 'Shows as a notification from the Kontor app.',
  message: 'Message',
  messageRequired: 'Write a message.',
  send: 'Send notification',
  cancel: 'Cancel',
};

/** The `notifyForm` namespace's messages; `notify-form-locales.<lang>.ts` translate exactly these keys. */
export type NotifyFormMessages = typeof en;

registerLocales('notifyForm', {
  en,
  da: () => import('./notify-form-locales.da.ts'),
  de: () => import('./notify-form-locales.de.ts'),
  ru: () => import('./notify-form-locales.ru.ts'),
});
