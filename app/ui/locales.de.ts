import type { Translation } from '../i18n/index.ts';
import type { UiMessages } from './locales.ts';

// The `ui` namespace in German; fetched only when the page is in this language.
const de: Translation<UiMessages> = {
  yes: 'Ja',
  no: 'Nein',
  loading: 'Wird geladen…',
  retry: 'Erneut versuchen',
  reload: 'Neu laden',
  errorTitle: 'Etwas ist schiefgelaufen',
  errorHint:
    'Versuchen Sie es erneut. Wenn es wieder passiert, laden Sie die Seite neu oder wenden Sie sich an Ihren Bitrix24-Administrator.',
  crashTitle: 'Diese Ansicht funktioniert nicht mehr',
  crashMessage:
    'Kontor ist beim Anzeigen dieser Ansicht auf ein unerwartetes Problem gestoßen. Ihre Daten in Bitrix24 sind sicher.',
};

export default de;
