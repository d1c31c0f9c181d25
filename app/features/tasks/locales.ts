import { registerLocales } from '../../i18n/index.ts';

registerLocales('tasks', {
  en: {
    loading: 'Loading the task…',
    bindings: 'Linked CRM items',
    noBindingsTitle: 'No CRM items linked',
    noBindingsHint: 'Link a deal, contact or company in the task’s CRM field, and it shows up here.',
    goneTitle: 'Task not found',
    goneHint: 'The task may have been deleted, or you no longer have access to it.',
    unknownBinding: 'Unknown CRM item {{code}}',
    unreadable: 'Cannot show this item',
  },
  da: {
    loading: 'Indlæser opgaven…',
    bindings: 'Tilknyttede CRM-poster',
    noBindingsTitle: 'Ingen CRM-poster tilknyttet',
    noBindingsHint: 'Tilknyt en aftale, kontakt eller virksomhed i opgavens CRM-felt, så vises den her.',
    goneTitle: 'Opgaven blev ikke fundet',
    goneHint: 'Opgaven er måske slettet, eller du har ikke længere adgang til den.',
    unknownBinding: 'Ukendt CRM-post {{code}}',
    unreadable: 'Posten kan ikke vises',
  },
  de: {
    loading: 'Aufgabe wird geladen…',
    bindings: 'Verknüpfte CRM-Elemente',
    noBindingsTitle: 'Keine CRM-Elemente verknüpft',
    noBindingsHint:
      'Verknüpfen Sie im CRM-Feld der Aufgabe einen Deal, Kontakt oder ein Unternehmen – dann erscheint es hier.',
    goneTitle: 'Aufgabe nicht gefunden',
    goneHint: 'Die Aufgabe wurde möglicherweise gelöscht, oder Sie haben keinen Zugriff mehr darauf.',
    unknownBinding: 'Unbekanntes CRM-Element {{code}}',
    unreadable: 'Dieses Element kann nicht angezeigt werden',
  },
  ru: {
    loading: 'Загрузка задачи…',
    bindings: 'Связанные элементы CRM',
    noBindingsTitle: 'Нет связанных элементов CRM',
    noBindingsHint: 'Привяжите сделку, контакт или компанию в CRM-поле задачи — они появятся здесь.',
    goneTitle: 'Задача не найдена',
    goneHint: 'Возможно, задача удалена или у вас больше нет к ней доступа.',
    unknownBinding: 'Неизвестный элемент CRM {{code}}',
    unreadable: 'Не удаётся показать этот элемент',
  },
});
