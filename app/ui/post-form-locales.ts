import { registerLocales } from '../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
const en = {
  title: 'Post to the activity stream',
  postTitle: 'Title',
  message: 'Text',
  messageRequired: 'Write the text of the post.',
  recipients: 'Recipients',
  all: 'All employees',
  users: 'Employees',
  departments: 'Departments (with their sub-departments)',
  groups: 'Workgroups',
  nothingFound: 'Nothing found',
  recipientsRequired: 'Choose who sees the post: all employees, or at least one employee, department or workgroup.',
  publish: 'Publish',
  cancel: 'Cancel',
};

/** The `postForm` namespace's messages; `post-form-locales.<lang>.ts` translate exactly these keys. */
export type PostFormMessages = typeof en;

registerLocales('postForm', {
  en,
  da: () => import('./post-form-locales.da.ts'),
  de: () => import('./post-form-locales.de.ts'),
  ru: () => import('./post-form-locales.ru.ts'),
});
