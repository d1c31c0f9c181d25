import { registerLocales } from '../i18n/index.ts';

registerLocales('ui', {
  en: {
    yes: 'Yes',
    no: 'No',
    loading: 'Loading…',
    retry: 'Try again',
    reload: 'Reload',
    errorTitle: 'Something went wrong',
    errorHint: 'Try again. If it keeps happening, reload the page or ask your Bitrix24 administrator.',
    crashTitle: 'This screen stopped working',
    crashMessage: 'Kontor ran into an unexpected problem while showing this screen. Your data in Bitrix24 is safe.',
  },
  da: {
    yes: 'Ja',
    no: 'Nej',
    loading: 'Indlæser…',
    retry: 'Prøv igen',
    reload: 'Genindlæs',
    errorTitle: 'Noget gik galt',
    errorHint: 'Prøv igen. Sker det igen, så genindlæs siden eller kontakt din Bitrix24-administrator.',
    crashTitle: 'Denne skærm holdt op med at virke',
    crashMessage: 'Kontor stødte på et uventet problem, da skærmen skulle vises. Dine data i Bitrix24 er i sikkerhed.',
  },
  de: {
    yes: 'Ja',
    no: 'Nein',
    loading: 'Wird geladen…',
    retry: 'Erneut versuchen',
    reload: 'Neu laden',
    errorTitle: 'Etwas ist schiefgelaufen',
    errorHint:
      'Versuchen Sie es erneut. Wenn es wieder passiert, laden Sie die Seite neu oder wenden Sie sich an Ihren Bitrix24-Administrator.',
    crashTitle: 'Diese Ansicht funktioniert nicht mehr',
    crashMessage:
      'Kontor ist beim Anzeigen dieser Ansicht auf ein unerwartetes Problem gestoßen. Ihre Daten in Bitrix24 sind sicher.',
  },
  ru: {
    yes: 'Да',
    no: 'Нет',
    loading: 'Загрузка…',
    retry: 'Повторить',
    reload: 'Перезагрузить',
    errorTitle: 'Что-то пошло не так',
    errorHint:
      'Попробуйте ещё раз. Если ошибка повторится, перезагрузите страницу или обратитесь к администратору Битрикс24.',
    crashTitle: 'Этот экран перестал работать',
    crashMessage:
      'Kontor столкнулся с непредвиденной ошибкой при отображении экрана. Ваши данные в Битрикс24 в безопасности.',
  },
});
