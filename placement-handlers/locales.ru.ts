import type { Translation } from '../app/i18n/index.ts';
import type { ShellMessages } from './locales.ts';

// The `shell` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<ShellMessages> = {
  connecting: 'Подключение к Битрикс24…',
  outside: {
    title: 'Kontor работает внутри Битрикс24',
    body: 'Эта страница открыта отдельно, вне портала Битрикс24, поэтому работать не с чем.',
    howTo:
      'Откройте Kontor из портала: «Приложения» → Kontor в левом меню или вкладка Kontor в карточке сделки, контакта, компании, лида или задачи.',
    devHint: 'Разрабатываете? Запустите npm start и откройте портал-песочницу:',
  },
  failed: {
    title: 'Kontor не смог подключиться к порталу',
    hint: 'Перезагрузите страницу, чтобы попробовать снова. Если ошибка повторяется, проверьте, что адрес приложения в настройках портала совпадает с адресом, где работает Kontor.',
  },
  unknown: {
    title: 'Kontor нечего показать здесь',
    hint: 'Kontor не знает это место портала. Откройте Kontor из левого меню или попросите администратора переустановить приложение, чтобы обновить вкладки.',
  },
};

export default ru;
