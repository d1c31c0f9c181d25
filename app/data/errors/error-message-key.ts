import { BitrixError } from '../../b24/index.ts';

/** The i18n keys (namespace `errors`) an error can map to. */
export type ErrorMessageKey =
  | 'errors:notFound'
  | 'errors:accessDenied'
  | 'errors:rateLimit'
  | 'errors:auth'
  | 'errors:network'
  | 'errors:validation'
  | 'errors:unknown';

const ACCESS = new Set([
  'ACCESS_DENIED',
  'WRONG_AUTH_TYPE',
  'insufficient_scope',
  'METHOD_CONFIRM_DENIED',
  'allowed_only_intranet_user',
  '1048582',
]);
const AUTH = new Set([
  'NO_AUTH_FOUND',
  'expired_token',
  'invalid_token',
  'INVALID_CREDENTIALS',
  'user_access_error',
  'ERROR_OAUTH',
  'METHOD_CONFIRM_WAITING',
  'PAYMENT_REQUIRED',
]);
const RATE = new Set(['QUERY_LIMIT_EXCEEDED', 'OPERATION_TIME_LIMIT', 'OVERLOAD_LIMIT']);
// ERROR_CORE carries the tasks family's input checks ("Task title is not specified").
const VALIDATION = new Set([
  'INVALID_ARG_VALUE',
  'ERROR_ARGUMENT',
  'ERROR_CORE',
  '100',
  'UPDATE_DYNAMIC_ITEM_RESTRICTED',
]);
const NETWORK = new Set([
  'ERR_NETWORK',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ENOTFOUND',
  'ERR_TIMEOUT',
]);

/**
 * The message key for an error, for `t(errorMessageKey(error))`. Decides by the portal's `error`
 * code first (statuses differ between portals, rest.md §4.2), then by the HTTP status.
 * @example errorMessageKey(new BitrixError('NOT_FOUND', 'Element not found', 400)) // 'errors:notFound'
 */
export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (error instanceof BitrixError) {
    const { code, status } = error;
    if (error.isNotFound) return 'errors:notFound';
    if (ACCESS.has(code) || /access denied/i.test(error.description)) return 'errors:accessDenied';
    if (AUTH.has(code)) return 'errors:auth';
    if (RATE.has(code) || status === 429 || status === 503) return 'errors:rateLimit';
    if (code.startsWith('CRM_FIELD_ERROR') || VALIDATION.has(code)) return 'errors:validation';
    if (NETWORK.has(code) || status === 502 || status === 504) return 'errors:network';
    if (status === 401) return 'errors:auth';
    if (status === 403) return 'errors:accessDenied';
    if (status === 404) return 'errors:notFound';
    return 'errors:unknown';
  }
  // fetch() rejects with a TypeError when the portal cannot be reached at all.
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) return 'errors:network';
  return 'errors:unknown';
}

/**
 * The portal's own words for an error, when it said something beyond a generic transport text
 * (the UI shows it under the translated message). Null when there is nothing useful.
 * @example errorDetail(new BitrixError('CRM_FIELD_ERROR_REQUIRED', 'Field "Region" is required', 400)) // 'Field "Region" is required'
 */
export function errorDetail(error: unknown): string | null {
  if (!(error instanceof BitrixError)) return null;
  // The portal's texts may carry `<br>` (tasks); the UI renders text, so it is stripped here.
  const text = error.description.replace(/<br\s*\/?>/gi, ' ').trim();
  if (!text || /^Request failed with status code/i.test(text)) return null;
  return text;
}
