import type { Translation } from '../i18n/index.ts';
import type { UiMessages } from './locales.ts';

// The `ui` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<UiMessages> = {
  yes: 'Да',
  no: 'Нет',
  loading: 'Загрузка…',
  retry: 'Повторить',
  reload: 'Перезагрузить',
  errorTitle: 'Что-то пошло не так',
  errorHint:
    'Попробуйте ещё раз. Если ошибка повторится, перезагрузите страницу или обратитесь к администратору Битрикс24.',
  crashTitle: 'Этот экран перестал работать',
  crashMessage:
    'Kontor столкнулся с непредвиденной ошибкой при отображении экрана. Ваши данные в Битрикс24 в безопасности.',
};

export default ru;
