import type { Translation } from '../app/i18n/index.ts';
import type { ShellMessages } from './locales.ts';

// The `shell` namespace in German; fetched only when the page is in this language.
const de: Translation<ShellMessages> = {
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
};

export default de;
