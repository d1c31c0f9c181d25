import type { Translation } from '../i18n/index.ts';
import type { PostFormMessages } from './post-form-locales.ts';

// The `postForm` namespace in Danish; fetched only when the page is in this language.
const da: Translation<PostFormMessages> = {
  title: 'Skriv i aktivitetsstrømmen',
  postTitle: 'Titel',
  message: 'Tekst',
  messageRequired: 'Skriv indlæggets tekst.',
  recipients: 'Modtagere',
  all: 'Alle medarbejdere',
  users: 'Medarbejdere',
  departments: 'Afdelinger (med underafdelinger)',
  groups: 'Arbejdsgrupper',
  nothingFound: 'Intet fundet',
  recipientsRequired:
    'Vælg, hvem der ser indlægget: alle medarbejdere eller mindst én medarbejder, afdeling eller arbejdsgruppe.',
  publish: 'Udgiv',
  cancel: 'Annuller',
};

export default da;
