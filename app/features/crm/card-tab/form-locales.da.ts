import type { Translation } from '../../../i18n/index.ts';
import type { CrmTabFormMessages } from './form-locales.ts';

// The `crmTabForms` namespace in Danish; fetched only when the page is in this language.
const da: Translation<CrmTabFormMessages> = {
  cancel: 'Annuller',
  required: 'Skal udfyldes',
  taskTitle: 'Opgavens titel',
  responsible: 'Ansvarlig',
  change: 'Skift',
  nobody: 'Ingen',
  deadline: 'Frist',
  createTask: 'Opret opgave',
  meetingName: 'Titel',
  meetingDefault: 'Møde: {{title}}',
  starts: 'Starter',
  duration: 'Varighed',
  minutes: '{{count}} min.',
  attendees: 'Inviteret: {{names}}',
  schedule: 'Planlæg',
  commentText: 'Kommentar',
  addComment: 'Tilføj kommentar',
  message: 'Besked',
  notifyDefault: 'Kig venligst på denne post.',
  send: 'Send',
  taskCreated: 'Opgaven er oprettet og knyttet til posten.',
  meetingScheduled: 'Mødet er planlagt.',
  commentAdded: 'Kommentaren er tilføjet.',
  notified: '{{name}} har fået besked.',
  noResponsible: 'Posten har ingen ansvarlig.',
  someone: 'den ansvarlige',
};

export default da;
