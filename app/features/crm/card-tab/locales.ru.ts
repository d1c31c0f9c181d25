import type { Translation } from '../../../i18n/index.ts';
import type { CrmTabMessages } from './locales.ts';

// The `crmTab` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<CrmTabMessages> = {
  loading: 'Загрузка записи…',
  related: 'Связанная работа',
  companies: 'Компания',
  contacts: 'Контакты',
  deals: 'Сделки',
  tasks: 'Задачи',
  todos: 'Открытые дела',
  events: 'Предстоящие события',
  comments: 'Комментарии',
  noCompanies: 'Компания не привязана.',
  noContacts: 'Контакты не привязаны.',
  noDeals: 'Сделок нет.',
  noTasks: 'Нет открытых задач по этой записи.',
  noTodos: 'Нет открытых дел.',
  noEvents: 'Нет предстоящих событий по этой записи.',
  noComments: 'Комментариев пока нет.',
  noItems: 'Нет записей, ссылающихся на эту.',
  partError: 'Не удалось загрузить эту часть: {{message}}',
  showAll: 'Показать все ({{count}})',
  showFewer: 'Свернуть',
  overdue: 'Просрочено',
  noDeadline: 'Без срока',
  allDay: 'весь день',
  taskStatus: {
    s2: 'Ждёт выполнения',
    s3: 'Выполняется',
    s4: 'Ждёт контроля',
    s6: 'Отложена',
  },
  closed: 'Закрыта',
  actions: 'Быстрые действия',
  newTask: 'Новая задача',
  meeting: 'Назначить встречу',
  comment: 'Комментарий',
  notify: 'Уведомить ответственного',
};

export default ru;
