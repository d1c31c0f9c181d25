import type { Translation } from '../i18n/index.ts';
import type { UserPickerMessages } from './user-picker-locales.ts';

// The `userPicker` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<UserPickerMessages> = {
  placeholder: 'Введите имя',
  searching: 'Поиск…',
  nothingFound: 'Никто не найден',
  failed: 'Поиск не удался. Введите текст ещё раз, чтобы повторить.',
  clear: 'Очистить',
  remove: 'Убрать: {{name}}',
  portalDialog: 'Выбрать в Битрикс24',
};

export default ru;
