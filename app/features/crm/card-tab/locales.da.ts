import type { Translation } from '../../../i18n/index.ts';
import type { CrmTabMessages } from './locales.ts';

// The `crmTab` namespace in Danish; fetched only when the page is in this language.
const da: Translation<CrmTabMessages> = {
  loading: 'Indlæser posten…',
  related: 'Relateret arbejde',
  companies: 'Virksomhed',
  contacts: 'Kontakter',
  deals: 'Aftaler',
  tasks: 'Opgaver',
  todos: 'Åbne gøremål',
  events: 'Kommende begivenheder',
  comments: 'Kommentarer',
  noCompanies: 'Ingen virksomhed tilknyttet.',
  noContacts: 'Ingen kontakter tilknyttet.',
  noDeals: 'Ingen aftaler.',
  noTasks: 'Ingen åbne opgaver knyttet til posten.',
  noTodos: 'Ingen åbne gøremål.',
  noEvents: 'Ingen kommende begivenheder knyttet til posten.',
  noComments: 'Ingen kommentarer endnu.',
  noItems: 'Ingen poster henviser til denne.',
  partError: 'Denne del kunne ikke indlæses: {{message}}',
  showAll: 'Vis alle ({{count}})',
  showFewer: 'Vis færre',
  overdue: 'Forfalden',
  noDeadline: 'Ingen frist',
  allDay: 'hele dagen',
  taskStatus: {
    s2: 'Afventer',
    s3: 'I gang',
    s4: 'Afventer kontrol',
    s6: 'Udskudt',
  },
  closed: 'Lukket',
  actions: 'Hurtige handlinger',
  newTask: 'Ny opgave',
  meeting: 'Planlæg et møde',
  comment: 'Kommentar',
  notify: 'Giv den ansvarlige besked',
};

export default da;
