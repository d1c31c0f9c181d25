/**
 * A failed REST call, whatever its source: the portal's error envelope, an HTTP failure, or a
 * network error. `code` is the portal's `error` string (`""` for legacy CRM errors, numeric codes
 * as strings), `status` the HTTP status (0 when none was received).
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
    return ['NO_AUTH_FOUND', 'expired_token', 'invalid_token', 'INVALID_CREDENTIALS', 'insufficient_scope', 'user_access_error'].includes(this.code);
  }

  get isAccessDenied(): boolean {
    return this.code === 'ACCESS_DENIED' || this.code === 'WRONG_AUTH_TYPE' || this.code === 'insufficient_scope';
  }

  get isRateLimit(): boolean {
    return this.code === 'QUERY_LIMIT_EXCEEDED' || this.code === 'OPERATION_TIME_LIMIT';
  }
}

/** Builds a BitrixError from a portal error body (`{error, error_description}`). */
export function errorFromBody(body: { error?: unknown; error_description?: unknown }, status: number, method?: string): BitrixError {
  return new BitrixError(String(body.error ?? ''), String(body.error_description ?? ''), status, method);
}
