import { registerLocales } from '../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
const en = {
  yes: 'Yes',
  no: 'No',
  loading: 'Loading…',
  retry: 'Try again',
  reload: 'Reload',
  errorTitle: 'Something went wrong',
  errorHint: 'Try again. If it keeps happening, reload the page or ask your Bitrix24 administrator.',
  crashTitle: 'This screen stopped working',
  crashMessage: 'Kontor ran into an unexpected problem while showing this screen. Your data in Bitrix24 is safe.',
};

/** The `ui` namespace's messages; `locales.<lang>.ts` translate exactly these keys. */
export type UiMessages = typeof en;

registerLocales('ui', {
  en,
  da: () => import('./locales.da.ts'),
  de: () => import('./locales.de.ts'),
  ru: () => import('./locales.ru.ts'),
});
