import type { Translation } from '../i18n/index.ts';
import type { UserPickerMessages } from './user-picker-locales.ts';

// The `userPicker` namespace in Danish; fetched only when the page is in this language.
const da: Translation<UserPickerMessages> = {
  placeholder: 'Skriv et navn',
  searching: 'Søger…',
  nothingFound: 'Ingen fundet',
  failed: 'Søgningen mislykkedes. Skriv igen for at prøve igen.',
  clear: 'Ryd',
  remove: 'Fjern {{name}}',
  portalDialog: 'Vælg i Bitrix24',
};

export default da;
