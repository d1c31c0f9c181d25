import type { Db } from '../../db/database.ts';
import type { SandboxState } from '../../state.ts';
import type { AuthInfo, CallContext } from './context.ts';
import { errors, RestError } from './errors.ts';
import { checkOperating, operatingUsed, recordOperating } from './limits.ts';
import type { Params } from './params.ts';
import { ListResult, scopesOf, type Registry } from './registry.ts';
import { timeBlock, type TimeBlock } from './envelope.ts';

/** What a running sandbox hands to request handlers. */
export interface SandboxEnv {
  db: Db;
  state: SandboxState;
  registry: Registry;
}

export type CallOutcome =
  { ok: true; result: unknown; total?: number; next?: number; time: TimeBlock } | { ok: false; error: RestError };

/** Normalises a method name from a URL or a batch command: lower case, no `.json`, no `/`. */
export function normalizeMethodName(raw: string): string {
  return raw
    .trim()
    .replace(/\/+$/, '')
    .replace(/\.json$/i, '')
    .toLowerCase();
}

function operatingKey(auth: AuthInfo, method: string): string {
  return `${auth.appId !== null ? `app${auth.appId}` : `hook${auth.webhookId}`}|${method}`;
}

/**
 * Runs one REST method for an authenticated caller: scope, app-context and admin checks,
 * operating-time accounting, then the handler. Never throws.
 */
export function invoke(
  env: SandboxEnv,
  auth: AuthInfo,
  rawMethod: string,
  params: Params,
  origin: string,
  inBatch = false,
): CallOutcome {
  const startMs = performance.timeOrigin + performance.now();
  const method = normalizeMethodName(rawMethod);
  const def = env.registry.get(method);
  try {
    if (!def) throw errors.methodNotFound();
    const scopes = scopesOf(def);
    if (scopes.length > 0 && !scopes.some((s) => auth.scopes.has(s))) {
      throw errors.insufficientScope(auth.kind === 'webhook', inBatch);
    }
    if (def.appOnly && auth.kind !== 'app') {
      throw def.appOnlyError === 'WRONG_AUTH_TYPE' ? errors.wrongAuthType() : errors.applicationContextRequired();
    }
    if (def.adminOnly && !auth.isAdmin) throw errors.accessDenied('', def.accessDeniedStatus ?? 403);
    const opKey = operatingKey(auth, method);
    checkOperating(env.state, opKey);
    const ctx: CallContext = { db: env.db, state: env.state, registry: env.registry, auth, inBatch, method, origin };
    const t0 = performance.now();
    const value = def.handler(params, ctx);
    const processingMs = performance.now() - t0;
    recordOperating(env.state, opKey, processingMs / 1000);
    const { used, resetAt } = operatingUsed(env.state, opKey);
    const finishMs = performance.timeOrigin + performance.now();
    const time = timeBlock(startMs, finishMs, processingMs, Math.round(used * 1e6) / 1e6, resetAt);
    if (value instanceof ListResult) {
      const out: CallOutcome = { ok: true, result: value.result, time };
      if (value.total !== undefined) out.total = value.total;
      if (value.next !== undefined) out.next = value.next;
      return out;
    }
    return { ok: true, result: value === undefined ? null : value, time };
  } catch (err) {
    if (err instanceof RestError) return { ok: false, error: err };
    // A bug in a handler: answer like the portal's generic failure and say so on stderr.
    console.error(`[sandbox] ${method} failed:`, err);
    return { ok: false, error: errors.internal() };
  }
}
