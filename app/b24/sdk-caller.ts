import { ApiVersion, HttpV2, type AjaxResult, type TypeB24, type TypeHttp } from '@bitrix24/b24jssdk';
import type { RawCaller, RestAnswer } from './client.ts';
import { BitrixError, errorFromBody } from './errors.ts';

interface SdkErrorShape {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  originalError?: unknown;
}

/** Turns what the SDK threw (AjaxError, SdkError, anything) into a BitrixError. */
export function fromSdkError(e: unknown, method: string): BitrixError {
  const err = (e ?? {}) as SdkErrorShape;
  // The SDK replaces legacy `""` and numeric codes by ERR_BAD_REQUEST and a generic text (rest.md
  // §4.1); the portal's own body is still on the axios error it wraps.
  const response = (err.originalError as { response?: { status?: unknown; data?: unknown } } | null | undefined)
    ?.response;
  const status =
    typeof response?.status === 'number' ? response.status : typeof err.status === 'number' ? err.status : 0;
  const body = response?.data;
  if (body && typeof body === 'object' && !Array.isArray(body) && 'error' in body) {
    return errorFromBody(body as { error?: unknown; error_description?: unknown }, status, method);
  }
  return new BitrixError(String(err.code ?? 'ERR_NETWORK'), String(err.message ?? ''), status, method);
}

function answerOf(result: AjaxResult, method: string): RestAnswer {
  if (!result.isSuccess) {
    const [first] = [...result.getErrors()];
    if (first) throw fromSdkError(first, method);
    throw new BitrixError('ERR_UNKNOWN', result.getErrorMessages().join('; '), 200, method);
  }
  const data = result.getData() as { result: unknown } | undefined;
  const answer: RestAnswer = { result: data?.result };
  // getData() of SDK 2.2.0 keeps only result and time; the frozen envelope still has total/next
  // (client.test.ts "passes total and next" notices if an SDK upgrade moves it).
  const envelope = (result as unknown as { _data?: { total?: unknown; next?: unknown } })._data;
  if (typeof envelope?.total === 'number') answer.total = envelope.total;
  if (typeof envelope?.next === 'number') answer.next = envelope.next;
  return answer;
}

/**
 * A RawCaller over the SDK's `actions.v2.call` — works with `B24Frame` (in a portal page) and
 * `B24Hook` (CLI, tests). The SDK keeps its own limiter, token refresh and retries (5xx, network
 * errors, rate limits): use it for calls that are safe to repeat.
 *
 * @example const client = new B24Client(sdkCaller(b24), { once: sdkOnceCaller(b24) });
 */
export function sdkCaller(b24: TypeB24): RawCaller {
  return async (method, params) => {
    let result: AjaxResult;
    try {
      result = await b24.actions.v2.call.make({ method, params });
    } catch (e) {
      throw fromSdkError(e, method);
    }
    return answerOf(result, method);
  };
}

/** Rejections the portal sends before it runs a call: re-sending them cannot repeat a write. */
const NOT_EXECUTED = new Set(['QUERY_LIMIT_EXCEEDED', 'OPERATION_TIME_LIMIT']);
const NOT_EXECUTED_ATTEMPTS = 3;

/**
 * A RawCaller for calls that must not run twice (`*.add`, `*.delete`, …): a second SDK http client
 * on the same auth (token refresh still goes through the portal frame or the webhook) with
 * `maxRetries: 1`, so the SDK never repeats a call after a 5xx, a timeout or a dropped connection.
 * Only the portal's own "not executed" refusals (503 `QUERY_LIMIT_EXCEEDED`, 429
 * `OPERATION_TIME_LIMIT`) are re-sent, after a pause. See docs/data-layer.md "Retries".
 *
 * @example const client = new B24Client(sdkCaller(b24), { once: sdkOnceCaller(b24) });
 */
export function sdkOnceCaller(b24: TypeB24): RawCaller {
  let http: TypeHttp | null = null;
  const client = (): TypeHttp => {
    if (http) return http;
    const main = b24.getHttpClient(ApiVersion.v2);
    const params = main.getRestrictionManagerParams();
    // Copy the transport settings of the main client (Node: the https agent that trusts the portal).
    const { httpsAgent, timeout } = main.ajaxClient.defaults;
    http = new HttpV2(b24.auth, { httpsAgent, timeout }, { ...params, maxRetries: 1, retryOnNetworkError: false });
    return http;
  };
  return async (method, params) => {
    for (let attempt = 1; ; attempt++) {
      let result: AjaxResult;
      try {
        result = await client().call(method, params);
      } catch (e) {
        const error = fromSdkError(e, method);
        if (!NOT_EXECUTED.has(error.code) || attempt >= NOT_EXECUTED_ATTEMPTS) throw error;
        const base = client().getRestrictionManagerParams().retryDelay ?? 1000;
        // The operating limit frees a method only after its window moves on (rest.md §6.2).
        const wait = error.code === 'OPERATION_TIME_LIMIT' ? Math.max(10_000, base) : base * 1.5 ** attempt;
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      return answerOf(result, method);
    }
  };
}
