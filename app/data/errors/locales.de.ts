import type { Translation } from '../../i18n/index.ts';
import type { ErrorMessages } from './locales.ts';

// The `errors` namespace in German; fetched only when the page is in this language.
const de: Translation<ErrorMessages> = {
  notFound: 'Dieser Datensatz existiert nicht mehr. Er wurde möglicherweise gelöscht.',
  accessDenied: 'Dafür haben Sie in Bitrix24 keine Berechtigung. Bitten Sie den Portaladministrator um Zugriff.',
  rateLimit: 'Bitrix24 ist mit zu vielen Anfragen ausgelastet. Warten Sie kurz und versuchen Sie es erneut.',
  auth: 'Ihre Bitrix24-Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich erneut anzumelden.',
  network: 'Bitrix24 ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  validation: 'Bitrix24 hat die Werte nicht akzeptiert. Prüfen Sie die markierten Felder und versuchen Sie es erneut.',
  unknown: 'Bei der Kommunikation mit Bitrix24 ist ein Fehler aufgetreten. Versuchen Sie es erneut.',
};

export default de;
