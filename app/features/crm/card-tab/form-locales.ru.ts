import type { Translation } from '../../../i18n/index.ts';
import type { CrmTabFormMessages } from './form-locales.ts';

// The `crmTabForms` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<CrmTabFormMessages> = {
  cancel: 'Отмена',
  required: 'Обязательное поле',
  taskTitle: 'Название задачи',
  responsible: 'Ответственный',
  change: 'Изменить',
  nobody: 'Никто',
  deadline: 'Крайний срок',
  createTask: 'Создать задачу',
  meetingName: 'Название',
  meetingDefault: 'Встреча: {{title}}',
  starts: 'Начало',
  duration: 'Длительность',
  minutes: '{{count}} мин',
  attendees: 'Приглашены: {{names}}',
  schedule: 'Назначить',
  commentText: 'Комментарий',
  addComment: 'Добавить комментарий',
  message: 'Сообщение',
  notifyDefault: 'Пожалуйста, посмотрите эту запись.',
  send: 'Отправить',
  taskCreated: 'Задача создана и привязана к этой записи.',
  meetingScheduled: 'Встреча назначена.',
  commentAdded: 'Комментарий добавлен.',
  notified: 'Уведомление для {{name}} отправлено.',
  noResponsible: 'У этой записи нет ответственного.',
  someone: 'ответственного',
};

export default ru;
