import { registerLocales } from '../app/i18n/index.ts';

registerLocales('shell', {
  en: {
    connecting: 'Connecting to Bitrix24…',
    outside: {
      title: 'Kontor runs inside Bitrix24',
      body: 'This page was opened on its own, outside a Bitrix24 portal, so there is no portal to work with.',
      howTo:
        'Open Kontor from your portal: Applications → Kontor in the left menu, or the Kontor tab in a deal, contact, company, lead or task card.',
      devHint: 'Developing? Run npm start and open the sandbox portal:',
    },
    failed: {
      title: 'Kontor could not connect to the portal',
      hint: 'Reload to try again. If it keeps happening, check that the app address in the portal settings matches where Kontor is served.',
    },
    unknown: {
      title: 'Kontor has nothing to show here',
      hint: 'This place in the portal is not one Kontor knows. Open Kontor from the left menu, or ask your administrator to reinstall the app so its tabs are up to date.',
    },
  },
  da: {
    connecting: 'Forbinder til Bitrix24…',
    outside: {
      title: 'Kontor kører inde i Bitrix24',
      body: 'Siden blev åbnet for sig selv, uden for en Bitrix24-portal, så der er ingen portal at arbejde med.',
      howTo:
        'Åbn Kontor fra din portal: Applikationer → Kontor i venstremenuen eller fanen Kontor på et kort for en aftale, kontakt, virksomhed, et emne eller en opgave.',
      devHint: 'Udvikler du? Kør npm start og åbn sandkasseportalen:',
    },
    failed: {
      title: 'Kontor kunne ikke forbinde til portalen',
      hint: 'Genindlæs for at prøve igen. Sker det igen, så kontrollér, at appens adresse i portalens indstillinger svarer til, hvor Kontor kører.',
    },
    unknown: {
      title: 'Kontor har intet at vise her',
      hint: 'Kontor kender ikke dette sted i portalen. Åbn Kontor fra venstremenuen, eller bed din administrator om at geninstallere appen, så fanerne er opdaterede.',
    },
  },
  de: {
    connecting: 'Verbindung zu Bitrix24 wird hergestellt…',
    outside: {
      title: 'Kontor läuft innerhalb von Bitrix24',
      body: 'Diese Seite wurde direkt geöffnet, außerhalb eines Bitrix24-Portals – es gibt also kein Portal, mit dem Kontor arbeiten kann.',
      howTo:
        'Öffnen Sie Kontor aus Ihrem Portal: Anwendungen → Kontor im linken Menü oder den Tab „Kontor“ in einer Deal-, Kontakt-, Unternehmens-, Lead- oder Aufgabenkarte.',
      devHint: 'Sie entwickeln? Starten Sie npm start und öffnen Sie das Sandbox-Portal:',
    },
    failed: {
      title: 'Kontor konnte keine Verbindung zum Portal herstellen',
      hint: 'Laden Sie neu, um es erneut zu versuchen. Wenn es wieder passiert, prüfen Sie, ob die App-Adresse in den Portaleinstellungen mit der Adresse übereinstimmt, unter der Kontor läuft.',
    },
    unknown: {
      title: 'Kontor hat hier nichts anzuzeigen',
      hint: 'Diese Stelle im Portal kennt Kontor nicht. Öffnen Sie Kontor über das linke Menü oder bitten Sie Ihren Administrator, die App neu zu installieren, damit ihre Tabs aktuell sind.',
    },
  },
  ru: {
    connecting: 'Подключение к Битрикс24…',
    outside: {
      title: 'Kontor работает внутри Битрикс24',
      body: 'Эта страница открыта отдельно, вне портала Битрикс24, поэтому работать не с чем.',
      howTo:
        'Откройте Kontor из портала: «Приложения» → Kontor в левом меню или вкладка Kontor в карточке сделки, контакта, компании, лида или задачи.',
      devHint: 'Разрабатываете? Запустите npm start и откройте портал-песочницу:',
    },
    failed: {
      title: 'Kontor не смог подключиться к порталу',
      hint: 'Перезагрузите страницу, чтобы попробовать снова. Если ошибка повторяется, проверьте, что адрес приложения в настройках портала совпадает с адресом, где работает Kontor.',
    },
    unknown: {
      title: 'Kontor нечего показать здесь',
      hint: 'Kontor не знает это место портала. Откройте Kontor из левого меню или попросите администратора переустановить приложение, чтобы обновить вкладки.',
    },
  },
});
