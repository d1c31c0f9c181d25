import { registerLocales } from '../../../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
// No plural forms: counts appear in brackets ("Show all (12)"), which reads right in every language.
const en = {
  loading: 'Loading the record…',
  related: 'Related work',
  companies: 'Company',
  contacts: 'Contacts',
  deals: 'Deals',
  tasks: 'Tasks',
  todos: 'Open to-dos',
  events: 'Upcoming events',
  comments: 'Comments',
  noCompanies: 'No company linked.',
  noContacts: 'No contacts linked.',
  noDeals: 'No deals.',
  noTasks: 'No open tasks bound to this record.',
  noTodos: 'No open to-dos.',
  noEvents: 'No upcoming events linked to this record.',
  noComments: 'No comments yet.',
  noItems: 'No records refer to this one.',
  partError: 'Could not load this part: {{message}}',
  showAll: 'Show all ({{count}})',
  showFewer: 'Show fewer',
  overdue: 'Overdue',
  noDeadline: 'No deadline',
  allDay: 'all day',
  taskStatus: {
    s2: 'Pending',
    s3: 'In progress',
    s4: 'Awaiting control',
    s6: 'Deferred',
  },
  closed: 'Closed',
  actions: 'Quick actions',
  newTask: 'New task',
  meeting: 'Schedule a meeting',
  comment: 'Comment',
  notify: 'Notify responsible',
};

/** The `crmTab` namespace's messages (the CRM card tab); `locales.<lang>.ts` translate exactly these keys. */
export type CrmTabMessages = typeof en;

registerLocales('crmTab', {
  en,
  da: () => import('./locales.da.ts'),
  de: () => import('./locales.de.ts'),
  ru: () => import('./locales.ru.ts'),
});
