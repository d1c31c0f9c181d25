import type { Translation } from '../../i18n/index.ts';
import type { CrmMessages } from './locales.ts';

// The `crm` namespace in German; fetched only when the page is in this language.
const de: Translation<CrmMessages> = {
  goneHint: 'Schließen Sie diese Karte und öffnen Sie den Datensatz erneut aus der CRM-Liste.',
  loading: 'Datensatz wird geladen…',
  keyFields: 'Das Wichtigste',
  stage: 'Phase',
  responsible: 'Verantwortlich',
  amount: 'Betrag',
  userId: 'Benutzer #{{id}}',
  record: 'Datensatz #{{id}}',
  emptyTitle: 'Noch nichts ausgefüllt',
  emptyHint: 'Füllen Sie die Felder im Haupttab der Karte aus; das Wichtigste erscheint dann hier.',
  editField: '{{field}} bearbeiten',
  save: 'Speichern',
  cancel: 'Abbrechen',
  notSet: 'Nicht angegeben',
};

export default de;
