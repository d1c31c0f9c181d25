import { registerLocales } from '../../../i18n/index.ts';

// The quick-action forms' strings: a namespace of their own, registered by the forms' lazy chunks, so the
// tab's first paint does not carry them (quick-actions.tsx waits for the page language's translation before showing one).
const en = {
  cancel: 'Cancel',
  required: 'Required',
  taskTitle: 'Task title',
  responsible: 'Responsible',
  change: 'Change',
  nobody: 'Nobody',
  deadline: 'Deadline',
  createTask: 'Create task',
  meetingName: 'Title',
  meetingDefault: 'Meeting: {{title}}',
  starts: 'Starts',
  duration: 'Duration',
  minutes: '{{count}} min',
  attendees: 'Invited: {{names}}',
  schedule: 'Schedule',
  commentText: 'Comment',
  addComment: 'Add comment',
  message: 'Message',
  notifyDefault: 'Please have a look at this record.',
  send: 'Send',
  taskCreated: 'Task created and bound to this record.',
  meetingScheduled: 'Meeting scheduled.',
  commentAdded: 'Comment added.',
  notified: '{{name}} has been notified.',
  noResponsible: 'This record has no responsible person.',
  someone: 'the responsible person',
};

/** The `crmTabForms` namespace's messages; `form-locales.<lang>.ts` translate exactly these keys. */
export type CrmTabFormMessages = typeof en;

registerLocales('crmTabForms', {
  en,
  da: () => import('./form-locales.da.ts'),
  de: () => import('./form-locales.de.ts'),
  ru: () => import('./form-locales.ru.ts'),
});
