import type { Translation } from '../../i18n/index.ts';
import type { ErrorMessages } from './locales.ts';

// The `errors` namespace in Danish; fetched only when the page is in this language.
const da: Translation<ErrorMessages> = {
  notFound: 'Denne post findes ikke længere. Den kan være blevet slettet.',
  accessDenied: 'Du har ikke tilladelse til dette i Bitrix24. Bed portalens administrator om adgang.',
  rateLimit: 'Bitrix24 har travlt med for mange forespørgsler. Vent et øjeblik, og prøv igen.',
  auth: 'Din Bitrix24-session er udløbet. Genindlæs siden for at logge ind igen.',
  network: 'Bitrix24 kunne ikke nås. Tjek din forbindelse, og prøv igen.',
  validation: 'Bitrix24 accepterede ikke værdierne. Tjek de markerede felter, og prøv igen.',
  unknown: 'Noget gik galt i kommunikationen med Bitrix24. Prøv igen.',
};

export default da;
