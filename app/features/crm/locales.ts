import { registerLocales } from '../../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
const en = {
  goneHint: 'Close this card and open the record again from the CRM list.',
  loading: 'Loading the record…',
  keyFields: 'Key facts',
  stage: 'Stage',
  responsible: 'Responsible',
  amount: 'Amount',
  userId: 'User #{{id}}',
  record: 'Record #{{id}}',
  emptyTitle: 'Nothing filled in yet',
  emptyHint: 'Fill in the fields on the card’s main tab; the key facts show up here.',
  editField: 'Edit {{field}}',
  save: 'Save',
  cancel: 'Cancel',
  notSet: 'Not set',
};

/** The `crm` namespace's messages; `locales.<lang>.ts` translate exactly these keys. */
export type CrmMessages = typeof en;

registerLocales('crm', {
  en,
  da: () => import('./locales.da.ts'),
  de: () => import('./locales.de.ts'),
  ru: () => import('./locales.ru.ts'),
});
