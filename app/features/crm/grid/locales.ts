import { registerLocales } from '../../../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
const en = {
  search: 'Search',
  searchPlaceholder: 'Name or ID',
  filters: 'Filters',
  filtersCount: 'Filters ({{count}})',
  resetFilters: 'Reset filters',
  stage: 'Stage',
  responsible: 'Responsible',
  responsiblePlaceholder: 'Type a name',
  from: '{{field}} from',
  to: '{{field}} to',
  any: 'Any',
  yes: 'Yes',
  no: 'No',
  customFields: 'Custom fields',
  columns: 'Columns',
  columnsSearch: 'Find a field',
  columnsDefault: 'Default columns',
  columnsNone: 'No field matches.',
  columnsSaveFailed: 'Your column choice could not be saved: {{message}}',
  new: 'New',
  name: 'Name',
  phone: 'Phone',
  email: 'E-mail',
  count: 'Records: {{count}}',
  loadingMore: 'Loading… {{count}} so far',
  capped: 'Showing the first {{shown}} of {{total}}. Narrow the search or the filters to see the rest.',
  loading: 'Loading records…',
  emptyTitle: 'No records yet',
  emptyHint: 'Create the first one with “New”, or add them in Bitrix24 CRM.',
  noMatchTitle: 'Nothing matches',
  noMatchHint: 'Change the search or the filters, or reset them.',
  loadFailed: 'Not every record could be loaded.',
  fieldsFailed: 'The fields of this CRM type could not be loaded.',
  retry: 'Try again',
  selectAll: 'Select all loaded records',
  selectRow: 'Select {{title}}',
  openRecord: 'Open {{title}}',
  sortBy: 'Sort by {{field}}',
  userId: 'User #{{id}}',
};

/** The `crmGrid` namespace's messages; `locales.<lang>.ts` translate exactly these keys. */
export type CrmGridMessages = typeof en;

registerLocales('crmGrid', {
  en,
  da: () => import('./locales.da.ts'),
  de: () => import('./locales.de.ts'),
  ru: () => import('./locales.ru.ts'),
});
