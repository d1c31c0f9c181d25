// The shared contract names app/ui/i18n.ts; the implementation is the leaf module app/i18n (data may use it too).
export {
  initI18n,
  registerLocales,
  resolveLanguage,
  useT,
  translate,
  LANGUAGES,
  type Language,
} from '../i18n/index.ts';
