import type { TypeB24 } from '@bitrix24/b24jssdk';
import type { RawCaller, RestAnswer } from './client.ts';
import { BitrixError } from './errors.ts';

/**
 * A RawCaller over the SDK's `actions.v2.call` — works with `B24Frame` (in a portal page) and
 * `B24Hook` (CLI, tests). The SDK keeps its own limiter, token refresh and transport retries.
 */
export function sdkCaller(b24: TypeB24): RawCaller {
  return async (method, params) => {
    let response;
    try {
      response = await b24.actions.v2.call.make({ method, params });
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown; status?: unknown };
      throw new BitrixError(String(err.code ?? 'ERR_NETWORK'), String(err.message ?? ''), typeof err.status === 'number' ? err.status : 0, method);
    }
    if (!response.isSuccess) {
      const [first] = [...response.getErrors()] as { code?: unknown; message?: unknown; status?: unknown }[];
      throw new BitrixError(String(first?.code ?? 'ERR_UNKNOWN'), String(first?.message ?? response.getErrorMessages().join('; ')), typeof first?.status === 'number' ? first.status : 200, method);
    }
    const data = response.getData() as { result: unknown; total?: number; next?: number } | undefined;
    const answer: RestAnswer = { result: data?.result };
    if (typeof data?.total === 'number') answer.total = data.total;
    if (typeof data?.next === 'number') answer.next = data.next;
    return answer;
  };
}
