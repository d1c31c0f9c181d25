import type { Translation } from '../../i18n/index.ts';
import type { CrmMessages } from './locales.ts';

// The `crm` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<CrmMessages> = {
  goneHint: 'Закройте карточку и откройте запись заново из списка CRM.',
  loading: 'Загрузка записи…',
  keyFields: 'Главное',
  stage: 'Стадия',
  responsible: 'Ответственный',
  amount: 'Сумма',
  userId: 'Пользователь #{{id}}',
  record: 'Запись #{{id}}',
  emptyTitle: 'Пока ничего не заполнено',
  emptyHint: 'Заполните поля на основной вкладке карточки — главное появится здесь.',
  editField: 'Изменить: {{field}}',
  save: 'Сохранить',
  cancel: 'Отмена',
  notSet: 'Не указано',
};

export default ru;
