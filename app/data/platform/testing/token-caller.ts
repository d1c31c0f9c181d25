import type { RawCaller, RestAnswer } from '../../../b24/client.ts';
import { errorFromBody } from '../../../b24/errors.ts';

/**
 * A RawCaller over plain fetch with an application token — for tests only. `placement.*`, `app.option.*`,
 * `user.option.*` and `entity.*` need application context, which the SDK's B24Hook (webhooks) cannot give,
 * and B24Frame needs a browser. Everything above the RawCaller (B24Client, batching, the platform module)
 * is the production code under test.
 */
export function tokenCaller(origin: string, token: string): RawCaller {
  return async (method, params) => {
    const res = await fetch(`${origin}/rest/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, auth: token }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok || (typeof body.error === 'string' && body.error !== '')) throw errorFromBody(body, res.status, method);
    const answer: RestAnswer = { result: body.result };
    if (typeof body.total === 'number') answer.total = body.total;
    if (typeof body.next === 'number') answer.next = body.next;
    return answer;
  };
}
