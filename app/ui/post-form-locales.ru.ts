import type { Translation } from '../i18n/index.ts';
import type { PostFormMessages } from './post-form-locales.ts';

// The `postForm` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<PostFormMessages> = {
  title: 'Сообщение в Ленту',
  postTitle: 'Заголовок',
  message: 'Текст',
  messageRequired: 'Напишите текст сообщения.',
  recipients: 'Получатели',
  all: 'Все сотрудники',
  users: 'Сотрудники',
  departments: 'Отделы (вместе с подотделами)',
  groups: 'Рабочие группы',
  nothingFound: 'Ничего не найдено',
  recipientsRequired:
    'Выберите, кто увидит сообщение: все сотрудники или хотя бы один сотрудник, отдел или рабочая группа.',
  publish: 'Опубликовать',
  cancel: 'Отмена',
};

export default ru;
