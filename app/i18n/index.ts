import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';

/** The languages Kontor ships; every namespace must translate all of them. */
export const LANGUAGES = ['en', 'da', 'de', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

/** A namespace's messages: nested objects of strings. */
export interface Messages {
  [key: string]: string | Messages;
}

/** The same keys as `T`, any strings as values — what a translation of `T` must look like. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

// One instance for the page: react-i18next reads it through its context-free binding, and feature
// modules add their namespaces to it as their lazy chunks load.
const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: FALLBACK_LANGUAGE,
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // Bundles are added in code, so init can finish synchronously and `t` works on first render.
  initAsync: false,
  resources: {},
  ns: [],
  defaultNS: false,
  // React escapes text already; escaping twice would show `&amp;` for portal data with `&`.
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

/**
 * Maps a portal `LANG` (`de`, `DE`, `de-DE`, `ua`, `la`…) to a shipped language; anything else is English.
 * @example resolveLanguage('de-DE') // 'de'; resolveLanguage('ua') // 'en'
 */
export function resolveLanguage(lang: string | null | undefined): Language {
  const base = String(lang ?? '')
    .trim()
    .toLowerCase()
    .split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : FALLBACK_LANGUAGE;
}

/**
 * Switches the page to the portal's language (or the user's override) and returns the i18next instance.
 * @example await initI18n(initInfo.lang);
 */
export async function initI18n(lang: string | null | undefined): Promise<typeof i18n> {
  const language = resolveLanguage(lang);
  await i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return i18n;
}

/**
 * Adds a module's namespace in every language. The types make every translation carry exactly the
 * English keys, so a missing string fails the typecheck rather than showing English at runtime.
 * @example registerLocales('crm', { en: { title: 'Overview' }, da: { title: 'Overblik' }, de: …, ru: … });
 */
export function registerLocales<const T extends Messages>(
  ns: string,
  resources: { en: T } & { [L in Exclude<Language, 'en'>]: NoInfer<Translation<T>> },
): void {
  for (const lang of LANGUAGES) i18n.addResourceBundle(lang, ns, resources[lang], true, true);
}

/** The current language of the page. */
export function currentLanguage(): Language {
  return resolveLanguage(i18n.language);
}

/**
 * `t` for one namespace (keys without the `ns:` prefix; other namespaces as `errors:notFound`).
 * @example const t = useT('crm'); t('overview.title');
 */
export function useT(ns: string) {
  return useTranslation(ns).t;
}

/** A `t` outside React (error boundaries, boot screens rendered before providers). */
export const translate = i18n.t.bind(i18n);

export { i18n };

/**
 * The current language, re-rendering when it changes (Intl formatting, per-language resource titles).
 * @example const lang = useLanguage(); resource.titles[lang];
 */
export function useLanguage(): Language {
  return resolveLanguage(useTranslation().i18n.language);
}
