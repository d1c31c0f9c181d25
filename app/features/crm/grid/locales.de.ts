import type { Translation } from '../../../i18n/index.ts';
import type { CrmGridMessages } from './locales.ts';

// The `crmGrid` namespace in German; fetched only when the page is in this language.
const de: Translation<CrmGridMessages> = {
  search: 'Suchen',
  searchPlaceholder: 'Name oder ID',
  filters: 'Filter',
  filtersCount: 'Filter ({{count}})',
  resetFilters: 'Filter zurücksetzen',
  stage: 'Phase',
  responsible: 'Verantwortlich',
  responsiblePlaceholder: 'Namen eingeben',
  from: '{{field}} von',
  to: '{{field}} bis',
  any: 'Alle',
  yes: 'Ja',
  no: 'Nein',
  customFields: 'Benutzerdefinierte Felder',
  columns: 'Spalten',
  columnsSearch: 'Feld suchen',
  columnsDefault: 'Standardspalten',
  columnsNone: 'Kein Feld passt.',
  columnsSaveFailed: 'Ihre Spaltenauswahl konnte nicht gespeichert werden: {{message}}',
  new: 'Neu',
  name: 'Name',
  phone: 'Telefon',
  email: 'E-Mail',
  count: 'Datensätze: {{count}}',
  loadingMore: 'Wird geladen… bisher {{count}}',
  capped:
    'Die ersten {{shown}} von {{total}} werden angezeigt. Schränken Sie die Suche oder die Filter ein, um den Rest zu sehen.',
  loading: 'Datensätze werden geladen…',
  emptyTitle: 'Noch keine Datensätze',
  emptyHint: 'Legen Sie den ersten mit „Neu“ an oder erfassen Sie ihn im Bitrix24-CRM.',
  noMatchTitle: 'Keine Treffer',
  noMatchHint: 'Ändern Sie die Suche oder die Filter oder setzen Sie sie zurück.',
  loadFailed: 'Nicht alle Datensätze konnten geladen werden.',
  fieldsFailed: 'Die Felder dieses CRM-Typs konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  selectAll: 'Alle geladenen Datensätze auswählen',
  selectRow: '{{title}} auswählen',
  openRecord: '{{title}} öffnen',
  sortBy: 'Nach {{field}} sortieren',
  userId: 'Benutzer #{{id}}',
};

export default de;
