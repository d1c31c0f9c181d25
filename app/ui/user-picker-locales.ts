import { registerLocales } from '../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
const en = {
  placeholder: 'Type a name',
  searching: 'Searching…',
  nothingFound: 'No one found',
  failed: 'The search did not work. Type again to retry.',
  clear: 'Clear',
  remove: 'Remove {{name}}',
  portalDialog: 'Choose in Bitrix24',
};

/** The `userPicker` namespace's messages; `user-picker-locales.<lang>.ts` translate exactly these keys. */
export type UserPickerMessages = typeof en;

registerLocales('userPicker', {
  en,
  da: () => import('./user-picker-locales.da.ts'),
  de: () => import('./user-picker-locales.de.ts'),
  ru: () => import('./user-picker-locales.ru.ts'),
});
