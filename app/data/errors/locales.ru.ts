import type { Translation } from '../../i18n/index.ts';
import type { ErrorMessages } from './locales.ts';

// The `errors` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<ErrorMessages> = {
  notFound: 'Эта запись больше не существует. Возможно, её удалили.',
  accessDenied: 'У вас нет прав на это действие в Битрикс24. Обратитесь к администратору портала.',
  rateLimit: 'Битрикс24 перегружен запросами. Подождите немного и повторите попытку.',
  auth: 'Сессия Битрикс24 завершилась. Перезагрузите страницу, чтобы войти снова.',
  network: 'Не удалось связаться с Битрикс24. Проверьте подключение и повторите попытку.',
  validation: 'Битрикс24 не принял значения. Проверьте отмеченные поля и повторите попытку.',
  unknown: 'При обращении к Битрикс24 что-то пошло не так. Повторите попытку.',
};

export default ru;
