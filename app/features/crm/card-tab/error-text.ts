import { errorDetail, errorMessageKey } from '../../../data/errors/error-message-key.ts';
import type { useT } from '../../../i18n/index.ts';

/**
 * A failure in the user's language, with the portal's own words in brackets when it gave any (as text).
 * @example errorText(t, error) // 'The portal refused the value (Title is required)'
 */
export function errorText(t: ReturnType<typeof useT>, error: unknown): string {
  const message = t(errorMessageKey(error));
  const detail = errorDetail(error);
  return detail ? `${message} (${detail})` : message;
}
