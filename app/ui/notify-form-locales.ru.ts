import type { Translation } from '../i18n/index.ts';
import type { NotifyFormMessages } from './notify-form-locales.ts';

// The `notifyForm` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<NotifyFormMessages> = {
  title: 'Уведомление',
  to: 'Кому:',
  kind: 'Отправить',
  personal: 'От меня',
  system: 'От Kontor',
  personalHint: 'В уведомлениях получателя будут ваше имя и фото.',
  systemHint: 'Придёт как уведомление от приложения Kontor.',
  message: 'Сообщение',
  messageRequired: 'Напишите сообщение.',
  send: 'Отправить уведомление',
  cancel: 'Отмена',
};

export default ru;
