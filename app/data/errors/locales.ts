import { registerLocales } from '../../i18n/index.ts';

/** Messages of the `errors` namespace: what happened and what to do, in the user's language. */
export const errorLocales = {
  en: {
    notFound: 'This record no longer exists or was never there. It may have been deleted.',
    accessDenied: 'You do not have permission for this in Bitrix24. Ask your portal administrator for access.',
    rateLimit: 'Bitrix24 is busy with too many requests. Wait a moment and try again.',
    auth: 'Your Bitrix24 session has ended. Reload the page to sign in again.',
    network: 'Bitrix24 could not be reached. Check your connection and try again.',
    validation: 'Bitrix24 did not accept the values. Check the highlighted fields and try again.',
    unknown: 'Something went wrong while talking to Bitrix24. Try again.',
  },
  da: {
    notFound: 'Denne post findes ikke længere. Den kan være blevet slettet.',
    accessDenied: 'Du har ikke tilladelse til dette i Bitrix24. Bed portalens administrator om adgang.',
    rateLimit: 'Bitrix24 har travlt med for mange forespørgsler. Vent et øjeblik, og prøv igen.',
    auth: 'Din Bitrix24-session er udløbet. Genindlæs siden for at logge ind igen.',
    network: 'Bitrix24 kunne ikke nås. Tjek din forbindelse, og prøv igen.',
    validation: 'Bitrix24 accepterede ikke værdierne. Tjek de markerede felter, og prøv igen.',
    unknown: 'Noget gik galt i kommunikationen med Bitrix24. Prøv igen.',
  },
  de: {
    notFound: 'Dieser Datensatz existiert nicht mehr. Er wurde möglicherweise gelöscht.',
    accessDenied: 'Dafür haben Sie in Bitrix24 keine Berechtigung. Bitten Sie den Portaladministrator um Zugriff.',
    rateLimit: 'Bitrix24 ist mit zu vielen Anfragen ausgelastet. Warten Sie kurz und versuchen Sie es erneut.',
    auth: 'Ihre Bitrix24-Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich erneut anzumelden.',
    network: 'Bitrix24 ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    validation:
      'Bitrix24 hat die Werte nicht akzeptiert. Prüfen Sie die markierten Felder und versuchen Sie es erneut.',
    unknown: 'Bei der Kommunikation mit Bitrix24 ist ein Fehler aufgetreten. Versuchen Sie es erneut.',
  },
  ru: {
    notFound: 'Эта запись больше не существует. Возможно, её удалили.',
    accessDenied: 'У вас нет прав на это действие в Битрикс24. Обратитесь к администратору портала.',
    rateLimit: 'Битрикс24 перегружен запросами. Подождите немного и повторите попытку.',
    auth: 'Сессия Битрикс24 завершилась. Перезагрузите страницу, чтобы войти снова.',
    network: 'Не удалось связаться с Битрикс24. Проверьте подключение и повторите попытку.',
    validation: 'Битрикс24 не принял значения. Проверьте отмеченные поля и повторите попытку.',
    unknown: 'При обращении к Битрикс24 что-то пошло не так. Повторите попытку.',
  },
};

/** Adds the `errors` namespace to i18n; idempotent (bundles are merged), called by DataProvider's module. */
export function registerErrorLocales(): void {
  registerLocales('errors', errorLocales);
}
