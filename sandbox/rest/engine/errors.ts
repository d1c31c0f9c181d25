/**
 * REST errors as a Bitrix24 portal sends them: `{"error": CODE, "error_description": TEXT}`
 * with an HTTP status. Codes are strings, except the families that really send numbers
 * (catalog) or empty strings (legacy CRM).
 */
export class RestError extends Error {
  constructor(
    readonly code: string | number,
    readonly description: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${String(code) || '(empty)'}: ${description}`);
  }

  toBody(): Record<string, unknown> {
    return { error: this.code, error_description: this.description, ...this.extra };
  }
}

export const errors = {
  methodNotFound: () => new RestError('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404),
  noAuth: () => new RestError('NO_AUTH_FOUND', 'Wrong authorization data', 401),
  expiredToken: () => new RestError('expired_token', 'The access token provided has expired.', 401),
  invalidToken: () => new RestError('invalid_token', 'Unable to get application by token', 401),
  invalidCredentials: () => new RestError('INVALID_CREDENTIALS', 'Invalid request credentials', 401),
  insufficientScope: (webhook: boolean, inBatch = false) =>
    new RestError(
      'insufficient_scope',
      inBatch
        ? ''
        : `The request requires higher privileges than provided by the ${webhook ? 'webhook' : 'access'} token`,
      401,
    ),
  accessDenied: (detail = '', status = 403) =>
    new RestError('ACCESS_DENIED', detail ? `Access denied! ${detail}` : 'Access denied!', status),
  applicationContextRequired: () => new RestError('ACCESS_DENIED', 'Access denied! Application context required', 403),
  wrongAuthType: () =>
    new RestError(
      'WRONG_AUTH_TYPE',
      'Current authorization type is denied for this method Application context required',
      403,
    ),
  queryLimit: () => new RestError('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503),
  operationTimeLimit: () =>
    new RestError('OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.', 429),
  internal: () => new RestError('INTERNAL_SERVER_ERROR', 'Internal server error', 500),
  argument: (name: string, text?: string) =>
    new RestError('ERROR_ARGUMENT', text ?? `Argument '${name}' is null or empty`, 400, { argument: name }),
  core: (text: string, status = 400) => new RestError('ERROR_CORE', text, status),
  /** Legacy CRM: empty error code, HTTP 400. */
  legacy: (text: string) => new RestError('', text, 400),
  invalidRequest: (text: string) => new RestError('INVALID_REQUEST', text, 400),
  invalidArgValue: (text: string) => new RestError('INVALID_ARG_VALUE', text, 400),
  notFound: (text = 'Not found') => new RestError('NOT_FOUND', text, 400),
};
