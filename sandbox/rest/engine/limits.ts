import type { SandboxState } from '../../state.ts';
import { RATE_PLANS } from '../../state.ts';
import { errors } from './errors.ts';

/**
 * Leaky bucket per source address: each HTTP request adds 1, the level drains at the plan's
 * rate, a request that would overflow the burst gets 503 QUERY_LIMIT_EXCEEDED.
 */
export function takeRateToken(state: SandboxState, source: string, now = Date.now()): void {
  const plan = state.config.rateLimit;
  if (plan === 'off') return;
  const { burst, drain } = RATE_PLANS[plan];
  const bucket = state.buckets.get(source) ?? { level: 0, at: now };
  bucket.level = Math.max(0, bucket.level - ((now - bucket.at) / 1000) * drain);
  bucket.at = now;
  state.buckets.set(source, bucket);
  if (bucket.level + 1 > burst) throw errors.queryLimit();
  bucket.level += 1;
}

const WINDOW_MS = 10 * 60 * 1000;
const BUCKET_MS = 60 * 1000;

function liveBuckets(state: SandboxState, key: string, now: number): [number, number][] {
  const list = (state.operating.get(key) ?? []).filter(([start]) => start + WINDOW_MS > now);
  state.operating.set(key, list);
  return list;
}

/** Operating seconds used by `method` for this app/webhook in the sliding 10 minutes. */
export function operatingUsed(
  state: SandboxState,
  key: string,
  now = Date.now(),
): { used: number; resetAt: number | null } {
  const list = liveBuckets(state, key, now);
  const used = list.reduce((sum, [, s]) => sum + s, 0);
  return { used, resetAt: list.length ? Math.ceil((list[0]![0] + WINDOW_MS) / 1000) : null };
}

/** Refuses the call when the method already used up its operating limit (429). */
export function checkOperating(state: SandboxState, key: string, now = Date.now()): void {
  const limit = state.config.operatingLimit;
  if (limit === null) return;
  if (operatingUsed(state, key, now).used >= limit) throw errors.operationTimeLimit();
}

/** Adds a call's processing time to its method's current minute bucket. */
export function recordOperating(state: SandboxState, key: string, seconds: number, now = Date.now()): void {
  const list = liveBuckets(state, key, now);
  const last = list[list.length - 1];
  const amount = seconds * state.config.operatingFactor;
  if (last && last[0] + BUCKET_MS > now) last[1] += amount;
  else list.push([now, amount]);
}
