import type { Translation } from '../i18n/index.ts';
import type { PostFormMessages } from './post-form-locales.ts';

// The `postForm` namespace in German; fetched only when the page is in this language.
const de: Translation<PostFormMessages> = {
  title: 'Im Activity Stream veröffentlichen',
  postTitle: 'Titel',
  message: 'Text',
  messageRequired: 'Schreiben Sie den Text des Beitrags.',
  recipients: 'Empfänger',
  all: 'Alle Mitarbeiter',
  users: 'Mitarbeiter',
  departments: 'Abteilungen (mit Unterabteilungen)',
  groups: 'Arbeitsgruppen',
  nothingFound: 'Nichts gefunden',
  recipientsRequired:
    'Wählen Sie, wer den Beitrag sieht: alle Mitarbeiter oder mindestens einen Mitarbeiter, eine Abteilung oder eine Arbeitsgruppe.',
  publish: 'Veröffentlichen',
  cancel: 'Abbrechen',
};

export default de;
