import type { Translation } from '../../i18n/index.ts';
import type { CrmMessages } from './locales.ts';

// The `crm` namespace in Danish; fetched only when the page is in this language.
const da: Translation<CrmMessages> = {
  goneHint: 'Luk kortet, og åbn posten igen fra CRM-listen.',
  loading: 'Indlæser posten…',
  keyFields: 'Nøgletal',
  stage: 'Fase',
  responsible: 'Ansvarlig',
  amount: 'Beløb',
  userId: 'Bruger #{{id}}',
  record: 'Post #{{id}}',
  emptyTitle: 'Intet udfyldt endnu',
  emptyHint: 'Udfyld felterne på kortets hovedfane; nøgletallene vises her.',
  editField: 'Rediger {{field}}',
  save: 'Gem',
  cancel: 'Annuller',
  notSet: 'Ikke angivet',
};

export default da;
