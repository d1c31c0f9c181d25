import type { Translation } from '../i18n/index.ts';
import type { NotifyFormMessages } from './notify-form-locales.ts';

// The `notifyForm` namespace in Danish; fetched only when the page is in this language.
const da: Translation<NotifyFormMessages> = {
  title: 'Notifikation',
  to: 'Til:',
  kind: 'Send som',
  personal: 'Fra mig',
  system: 'Fra Kontor',
  personalHint: 'Viser dit navn og foto i modtagerens notifikationer.',
  systemHint: 'Vises som en notifikation fra Kontor-appen.',
  message: 'Besked',
  messageRequired: 'Skriv en besked.',
  send: 'Send notifikation',
  cancel: 'Annuller',
};

export default da;
