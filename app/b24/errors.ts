/**
 * A failed REST call, whatever its source: the portal's error envelope, an HTTP failure, or a
 * network error. `code` is the portal's `error` string (`""` for legacy CRM errors, numeric codes
 * as strings), `status` the HTTP status (0 when none was received).
 *
 * @example
 * try { await client.call('crm.deal.get', { id: 7 }); } catch (e) { if (e instanceof BitrixError && e.isNotFound) showGone(); }
 */
export class BitrixError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status: number,
    readonly method?: string,
  ) {
    super(description || code || `HTTP ${status}`);
    this.name = 'BitrixError';
  }

  /** The portal refused because a record does not exist (legacy `""`/`Not found`, `NOT_FOUND`, catalog `0`). */
  get isNotFound(): boolean {
    return this.code === 'NOT_FOUND' || this.code === 'ERROR_ENTITY_NOT_FOUND' || /not found/i.test(this.description);
  }

  get isAuth(): boolean {
    return [
      'NO_AUTH_FOUND',
      'expired_token',
      'invalid_token',
      'INVALID_CREDENTIALS',
      'insufficient_scope',
      'user_access_error',
    ].includes(this.code);
  }

  get isAccessDenied(): boolean {
    return this.code === 'ACCESS_DENIED' || this.code === 'WRONG_AUTH_TYPE' || this.code === 'insufficient_scope';
  }

  get isRateLimit(): boolean {
    return this.code === 'QUERY_LIMIT_EXCEEDED' || this.code === 'OPERATION_TIME_LIMIT';
  }

  /** No answer came back (network failure, timeout): the portal may or may not have run the call. */
  get isTransport(): boolean {
    return this.status === 0 || this.code === 'NETWORK_ERROR' || this.code === 'REQUEST_TIMEOUT';
  }
}

/**
 * The HTTP status a portal sends with an error code when the call goes out alone (rest.md §4.2).
 * Inside `batch` every sub-error arrives with the batch's 200, so we type it as the lone call would
 * be typed: a coalesced call must fail exactly like the same call sent by itself.
 */
const STATUS_BY_CODE: Record<string, number> = {
  NO_AUTH_FOUND: 401,
  expired_token: 401,
  invalid_token: 401,
  insufficient_scope: 401,
  INVALID_CREDENTIALS: 401,
  user_access_error: 401,
  ACCESS_DENIED: 403,
  WRONG_AUTH_TYPE: 403,
  ERROR_METHOD_NOT_FOUND: 404,
  QUERY_LIMIT_EXCEEDED: 503,
  OPERATION_TIME_LIMIT: 429,
  INTERNAL_SERVER_ERROR: 500,
  ERROR_UNEXPECTED_ANSWER: 500,
};

/** The status a lone call with this error code gets (400 for method-specific errors). */
export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 400;
}

/**
 * Builds a BitrixError from a portal error body (`{error, error_description}`).
 *
 * @example errorFromBody({ error: '', error_description: 'Not found' }, 400, 'crm.deal.get').isNotFound // true
 */
export function errorFromBody(
  body: { error?: unknown; error_description?: unknown },
  status: number,
  method?: string,
): BitrixError {
  return new BitrixError(String(body.error ?? ''), String(body.error_description ?? ''), status, method);
}
