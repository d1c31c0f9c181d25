import type { Translation } from '../i18n/index.ts';
import type { UiMessages } from './locales.ts';

// The `ui` namespace in Danish; fetched only when the page is in this language.
const da: Translation<UiMessages> = {
  yes: 'Ja',
  no: 'Nej',
  loading: 'Indlæser…',
  retry: 'Prøv igen',
  reload: 'Genindlæs',
  errorTitle: 'Noget gik galt',
  errorHint: 'Prøv igen. Sker det igen, så genindlæs siden eller kontakt din Bitrix24-administrator.',
  crashTitle: 'Denne skærm holdt op med at virke',
  crashMessage: 'Kontor stødte på et uventet problem, da skærmen skulle vises. Dine data i Bitrix24 er i sikkerhed.',
};

export default da;
