import type { Translation } from '../../../i18n/index.ts';
import type { CrmTabMessages } from './locales.ts';

// The `crmTab` namespace in German; fetched only when the page is in this language.
const de: Translation<CrmTabMessages> = {
  loading: 'Datensatz wird geladen…',
  related: 'Zugehörige Arbeit',
  companies: 'Unternehmen',
  contacts: 'Kontakte',
  deals: 'Deals',
  tasks: 'Aufgaben',
  todos: 'Offene To-dos',
  events: 'Anstehende Termine',
  comments: 'Kommentare',
  noCompanies: 'Kein Unternehmen verknüpft.',
  noContacts: 'Keine Kontakte verknüpft.',
  noDeals: 'Keine Deals.',
  noTasks: 'Keine offenen Aufgaben zu diesem Datensatz.',
  noTodos: 'Keine offenen To-dos.',
  noEvents: 'Keine anstehenden Termine zu diesem Datensatz.',
  noComments: 'Noch keine Kommentare.',
  noItems: 'Keine Einträge verweisen auf diesen Datensatz.',
  partError: 'Dieser Teil konnte nicht geladen werden: {{message}}',
  showAll: 'Alle anzeigen ({{count}})',
  showFewer: 'Weniger anzeigen',
  overdue: 'Überfällig',
  noDeadline: 'Keine Frist',
  allDay: 'ganztägig',
  taskStatus: {
    s2: 'Ausstehend',
    s3: 'In Arbeit',
    s4: 'Wartet auf Kontrolle',
    s6: 'Zurückgestellt',
  },
  closed: 'Abgeschlossen',
  actions: 'Schnellaktionen',
  newTask: 'Neue Aufgabe',
  meeting: 'Termin planen',
  comment: 'Kommentar',
  notify: 'Verantwortlichen benachrichtigen',
};

export default de;
