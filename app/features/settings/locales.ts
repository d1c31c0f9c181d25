import { registerLocales } from '../../i18n/index.ts';

const en = {
  title: 'Settings',
  language: {
    label: 'Language',
    description: 'Kontor follows your Bitrix24 language unless you choose another one here. Only you are affected.',
    portal: 'Bitrix24 language ({{lang}})',
    saved: 'Saved.',
  },
  purge: {
    title: 'Remove all Kontor data',
    description:
      'Uninstalling Kontor leaves its settings and stored data on the portal. Remove them here first if you want a clean portal.',
    button: 'Remove all Kontor data…',
    adminOnly: 'Only a Bitrix24 administrator can remove Kontor data.',
    confirmTitle: 'Remove all Kontor data?',
    whatGoes: 'This removes, for every user of the portal:',
    options: 'Kontor settings: {{names}}',
    noOptions: 'Kontor settings: none stored',
    storages: 'Stored Kontor data: {{names}}',
    noStorages: 'Stored Kontor data: none',
    whatStays: 'Your CRM records, tasks and the Kontor tabs stay. This cannot be undone.',
    cancel: 'Cancel',
    confirm: 'Remove',
    done: 'All Kontor data was removed.',
    failed: 'Some data could not be removed:',
  },
};

registerLocales('settings', {
  en,
  da: {
    title: 'Indstillinger',
    language: {
      label: 'Sprog',
      description: 'Kontor følger dit Bitrix24-sprog, medmindre du vælger et andet her. Det gælder kun for dig.',
      portal: 'Bitrix24-sprog ({{lang}})',
      saved: 'Gemt.',
    },
    purge: {
      title: 'Fjern alle Kontor-data',
      description:
        'Når Kontor afinstalleres, bliver indstillinger og gemte data liggende på portalen. Fjern dem her først, hvis du vil have en ren portal.',
      button: 'Fjern alle Kontor-data…',
      adminOnly: 'Kun en Bitrix24-administrator kan fjerne Kontor-data.',
      confirmTitle: 'Fjern alle Kontor-data?',
      whatGoes: 'Dette fjerner for alle portalens brugere:',
      options: 'Kontor-indstillinger: {{names}}',
      noOptions: 'Kontor-indstillinger: ingen gemt',
      storages: 'Gemte Kontor-data: {{names}}',
      noStorages: 'Gemte Kontor-data: ingen',
      whatStays: 'Dine CRM-poster, opgaver og Kontor-fanerne bliver. Det kan ikke fortrydes.',
      cancel: 'Annullér',
      confirm: 'Fjern',
      done: 'Alle Kontor-data blev fjernet.',
      failed: 'Nogle data kunne ikke fjernes:',
    },
  },
  de: {
    title: 'Einstellungen',
    language: {
      label: 'Sprache',
      description: 'Kontor folgt Ihrer Bitrix24-Sprache, außer Sie wählen hier eine andere. Das gilt nur für Sie.',
      portal: 'Bitrix24-Sprache ({{lang}})',
      saved: 'Gespeichert.',
    },
    purge: {
      title: 'Alle Kontor-Daten entfernen',
      description:
        'Beim Deinstallieren bleiben die Einstellungen und gespeicherten Daten von Kontor im Portal. Entfernen Sie sie zuerst hier, wenn Sie ein sauberes Portal möchten.',
      button: 'Alle Kontor-Daten entfernen…',
      adminOnly: 'Nur ein Bitrix24-Administrator kann Kontor-Daten entfernen.',
      confirmTitle: 'Alle Kontor-Daten entfernen?',
      whatGoes: 'Damit wird für alle Benutzer des Portals entfernt:',
      options: 'Kontor-Einstellungen: {{names}}',
      noOptions: 'Kontor-Einstellungen: keine gespeichert',
      storages: 'Gespeicherte Kontor-Daten: {{names}}',
      noStorages: 'Gespeicherte Kontor-Daten: keine',
      whatStays:
        'Ihre CRM-Daten, Aufgaben und die Kontor-Tabs bleiben erhalten. Das lässt sich nicht rückgängig machen.',
      cancel: 'Abbrechen',
      confirm: 'Entfernen',
      done: 'Alle Kontor-Daten wurden entfernt.',
      failed: 'Einige Daten konnten nicht entfernt werden:',
    },
  },
  ru: {
    title: 'Настройки',
    language: {
      label: 'Язык',
      description:
        'Kontor использует язык вашего Битрикс24, если вы не выберете здесь другой. Это касается только вас.',
      portal: 'Язык Битрикс24 ({{lang}})',
      saved: 'Сохранено.',
    },
    purge: {
      title: 'Удалить все данные Kontor',
      description:
        'При удалении приложения настройки и сохранённые данные Kontor остаются на портале. Удалите их здесь, если нужен чистый портал.',
      button: 'Удалить все данные Kontor…',
      adminOnly: 'Удалить данные Kontor может только администратор Битрикс24.',
      confirmTitle: 'Удалить все данные Kontor?',
      whatGoes: 'Будет удалено для всех пользователей портала:',
      options: 'Настройки Kontor: {{names}}',
      noOptions: 'Настройки Kontor: не сохранены',
      storages: 'Сохранённые данные Kontor: {{names}}',
      noStorages: 'Сохранённые данные Kontor: нет',
      whatStays: 'Записи CRM, задачи и вкладки Kontor останутся. Это действие нельзя отменить.',
      cancel: 'Отмена',
      confirm: 'Удалить',
      done: 'Все данные Kontor удалены.',
      failed: 'Не удалось удалить часть данных:',
    },
  },
});
