import { registerLocales } from '../../i18n/index.ts';

/** Messages of the `errors` namespace: what happened and what to do, in the user's language. */
export const errorMessages = {
  notFound: 'This record no longer exists or was never there. It may have been deleted.',
  accessDenied: 'You do not have permission for this in Bitrix24. Ask your portal administrator for access.',
  rateLimit: 'Bitrix24 is busy with too many requests. Wait a moment and try again.',
  auth: 'Your Bitrix24 session has ended. Reload the page to sign in again.',
  network: 'Bitrix24 could not be reached. Check your connection and try again.',
  validation: 'Bitrix24 did not accept the values. Check the highlighted fields and try again.',
  unknown: 'Something went wrong while talking to Bitrix24. Try again.',
};

/** The `errors` namespace's messages; `locales.<lang>.ts` translate exactly these keys. */
export type ErrorMessages = typeof errorMessages;

/** Adds the `errors` namespace to i18n; idempotent (bundles are merged), called by DataProvider's module. */
export function registerErrorLocales(): void {
  registerLocales('errors', {
    en: errorMessages,
    da: () => import('./locales.da.ts'),
    de: () => import('./locales.de.ts'),
    ru: () => import('./locales.ru.ts'),
  });
}
