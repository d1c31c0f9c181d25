import { errorDetail, errorMessageKey } from '../../data/errors/error-message-key.ts';
import { isAppContextRequired } from '../../data/storage/storage-provider.ts';
import { useT } from '../../i18n/index.ts';
import './locales.ts';

/**
 * A failure in the user's language, with the portal's own words in brackets when it gave any (as text).
 * `entity.*` refused for want of an application token gets its own explanation.
 * @example const errorText = useErrorText(); errorText(error) // 'The portal refused the value (Property already exists)'
 */
export function useErrorText(): (error: unknown) => string {
  const t = useT('storage');
  return (error) => {
    if (isAppContextRequired(error)) return t('appContext.message');
    const message = t(errorMessageKey(error));
    const detail = errorDetail(error);
    return detail ? `${message} (${detail})` : message;
  };
}
