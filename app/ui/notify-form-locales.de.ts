import type { Translation } from '../i18n/index.ts';
import type { NotifyFormMessages } from './notify-form-locales.ts';

// The `notifyForm` namespace in German; fetched only when the page is in this language.
const de: Translation<NotifyFormMessages> = {
  title: 'Benachrichtigung',
  to: 'An:',
  kind: 'Senden als',
  personal: 'Von mir',
  system: 'Von Kontor',
  personalHint: 'Zeigt Ihren Namen und Ihr Foto in den Benachrichtigungen des Empfängers.',
  systemHint: 'Erscheint als Benachrichtigung der Kontor-App.',
  message: 'Nachricht',
  messageRequired: 'Schreiben Sie eine Nachricht.',
  send: 'Benachrichtigung senden',
  cancel: 'Abbrechen',
};

export default de;
