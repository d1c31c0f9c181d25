import type { Translation } from '../../../i18n/index.ts';
import type { CrmKanbanMessages } from './locales.ts';

// The `crmKanban` namespace in Russian; fetched only when the page is in this language.
const ru: Translation<CrmKanbanMessages> = {
  board: 'Канбан-доска',
  pipeline: 'Воронка',
  pipelineNumber: 'Воронка {{id}}',
  loading: 'Загрузка доски…',
  hint: 'Перетащите карточку в другую стадию или воспользуйтесь кнопкой перемещения на карточке.',
  noStagesTitle: 'В этой воронке нет стадий',
  noStagesHint: 'Добавьте стадии в настройках CRM Битрикс24 — здесь они появятся как колонки.',
  count: 'Записей в стадии: {{count}}',
  empty: 'Нет записей',
  showMore: 'Показать ещё (не показано: {{count}})',
  moveButton: 'Переместить «{{title}}» в другую стадию',
  moveMenu: 'Переместить в стадию',
  userId: 'Пользователь #{{id}}',
  moved: 'Карточка «{{title}}» перемещена в стадию «{{stage}}».',
  refusedTitle: 'Карточка не перемещена',
  refused: 'Битрикс24 не переместил «{{title}}» в «{{stage}}», карточка возвращена в «{{from}}».',
  reason: 'Причина: {{reason}}',
  keptTitle: 'Стадия не изменилась',
  kept: 'Битрикс24 оставил «{{title}}» в стадии «{{stage}}».',
  dismiss: 'Закрыть',
  funnel: 'Воронка продаж',
  funnelHint:
    'Каждая полоса показывает записи, дошедшие до стадии: те, что сейчас в ней, и те, что продвинулись дальше, включая успешные. Проигранные считаются отдельно.',
  reached: 'Дошли: {{count}}',
  inStage: 'В этой стадии: {{count}}',
  conversion: '{{percent}} от предыдущей стадии',
  lost: 'Проиграно: {{count}}',
  funnelEmpty: 'В этой воронке пока нет записей.',
};

export default ru;
