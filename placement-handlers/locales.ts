import { registerLocales } from '../app/i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
const en = {
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
};

/** The `shell` namespace's messages; `locales.<lang>.ts` translate exactly these keys. */
export type ShellMessages = typeof en;

registerLocales('shell', {
  en,
  da: () => import('./locales.da.ts'),
  de: () => import('./locales.de.ts'),
  ru: () => import('./locales.ru.ts'),
});
