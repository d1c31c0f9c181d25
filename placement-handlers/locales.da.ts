import type { Translation } from '../app/i18n/index.ts';
import type { ShellMessages } from './locales.ts';

// The `shell` namespace in Danish; fetched only when the page is in this language.
const da: Translation<ShellMessages> = {
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
};

export default da;
