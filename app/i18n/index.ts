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
 * A translation loaded on demand: `() => import('./locales.de.ts')`. Only the page's language is fetched,
 * so a screen does not download the strings of the three languages it does not show.
 */
export type LocaleLoader<T> = () => Promise<{ default: T }>;

// Translations registered as loaders and not fetched yet: namespace → language → loader.
const pendingBundles = new Map<string, Partial<Record<Language, LocaleLoader<Messages>>>>();
const inFlight = new Set<Promise<void>>();

/** Fetches one namespace's translation once; a failed fetch leaves English (the fallback) and may be retried. */
function loadBundle(ns: string, lang: Language): Promise<void> {
  const byLang = pendingBundles.get(ns);
  const load = byLang?.[lang];
  if (!byLang || !load) return Promise.resolve();
  delete byLang[lang];
  const done: Promise<void> = load()
    .then(
      (module) => void i18n.addResourceBundle(lang, ns, module.default, true, true),
      () => void (byLang[lang] = load),
    )
    .finally(() => inFlight.delete(done));
  inFlight.add(done);
  return done;
}

/**
 * Resolves when every translation being fetched is in, e.g. the namespaces a lazy screen registered for the
 * current language while its chunk was evaluated (the placement router waits for it, so no English flash).
 */
export async function localesReady(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/**
 * Switches the page to the portal's language (or the user's override) and returns the i18next instance.
 * The translations of that language are fetched first, so the first render is already in it.
 * @example await initI18n(initInfo.lang);
 */
export async function initI18n(lang: string | null | undefined): Promise<typeof i18n> {
  const language = resolveLanguage(lang);
  await Promise.all([...pendingBundles.keys()].map((ns) => loadBundle(ns, language)));
  await i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return i18n;
}

/**
 * Adds a module's namespace in every language: English inline (the fallback, always present), the others
 * inline or as loaders fetched only when the page is in that language. The types make every translation
 * carry exactly the English keys, so a missing string fails the typecheck rather than showing English at runtime.
 * @example registerLocales('crm', { en: { title: 'Overview' }, da: () => import('./locales.da.ts'), de: …, ru: … });
 */
export function registerLocales<const T extends Messages>(
  ns: string,
  resources: { en: T } & {
    [L in Exclude<Language, 'en'>]: NoInfer<Translation<T>> | LocaleLoader<NoInfer<Translation<T>>>;
  },
): void {
  const loaders: Partial<Record<Language, LocaleLoader<Messages>>> = { ...pendingBundles.get(ns) };
  for (const lang of LANGUAGES) {
    const bundle = resources[lang];
    if (typeof bundle === 'function') loaders[lang] = bundle as LocaleLoader<Messages>;
    else {
      delete loaders[lang];
      i18n.addResourceBundle(lang, ns, bundle, true, true);
    }
  }
  pendingBundles.set(ns, loaders);
  // A namespace registered after the language was set (a lazy screen's chunk): fetch its translation now.
  void loadBundle(ns, currentLanguage());
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
