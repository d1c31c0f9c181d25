import type { Translation } from '../../../i18n/index.ts';
import type { CrmTabFormMessages } from './form-locales.ts';

// The `crmTabForms` namespace in German; fetched only when the page is in this language.
const de: Translation<CrmTabFormMessages> = {
  cancel: 'Abbrechen',
  required: 'Pflichtfeld',
  taskTitle: 'Titel der Aufgabe',
  responsible: 'Verantwortlich',
  change: 'Ändern',
  nobody: 'Niemand',
  deadline: 'Frist',
  createTask: 'Aufgabe erstellen',
  meetingName: 'Titel',
  meetingDefault: 'Termin: {{title}}',
  starts: 'Beginn',
  duration: 'Dauer',
  minutes: '{{count}} Min.',
  attendees: 'Eingeladen: {{names}}',
  schedule: 'Planen',
  commentText: 'Kommentar',
  addComment: 'Kommentar hinzufügen',
  message: 'Nachricht',
  notifyDefault: 'Bitte sehen Sie sich diesen Datensatz an.',
  send: 'Senden',
  taskCreated: 'Aufgabe erstellt und mit diesem Datensatz verknüpft.',
  meetingScheduled: 'Termin geplant.',
  commentAdded: 'Kommentar hinzugefügt.',
  notified: '{{name}} wurde benachrichtigt.',
  noResponsible: 'Dieser Datensatz hat keinen Verantwortlichen.',
  someone: 'der Verantwortliche',
};

export default de;
