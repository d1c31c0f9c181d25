import { errorDetail, errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useT } from '../../i18n/index.ts';

/** A failed write in words: the translated reason, then the portal's own text (as text) when it sent one. */
export function useErrorText(): (error: unknown) => string {
  const t = useT('directory');
  return (error) => {
    const detail = errorDetail(error);
    return detail ? `${t(errorMessageKey(error))} (${detail})` : t(errorMessageKey(error));
  };
}
