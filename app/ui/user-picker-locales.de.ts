import type { Translation } from '../i18n/index.ts';
import type { UserPickerMessages } from './user-picker-locales.ts';

// The `userPicker` namespace in German; fetched only when the page is in this language.
const de: Translation<UserPickerMessages> = {
  placeholder: 'Namen eingeben',
  searching: 'Suche läuft…',
  nothingFound: 'Niemand gefunden',
  failed: 'Die Suche hat nicht funktioniert. Tippen Sie erneut, um es noch einmal zu versuchen.',
  clear: 'Leeren',
  remove: '{{name}} entfernen',
  portalDialog: 'In Bitrix24 auswählen',
};

export default de;
