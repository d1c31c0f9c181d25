import type { AuthInfo } from './context.ts';
import { invoke, normalizeMethodName, type SandboxEnv } from './dispatch.ts';
import { RestError } from './errors.ts';
import { phpEmpty } from './envelope.ts';
import { isPlainObject, isTruthy, parsePhpQuery, upperKeys, type Params } from './params.ts';

export const BATCH_LIMIT = 50;

type Buckets = {
  result: Record<string, unknown>;
  result_error: Record<string, unknown>;
  result_total: Record<string, unknown>;
  result_next: Record<string, unknown>;
  result_time: Record<string, unknown>;
};

const REFERENCE = /\$(result|next|total|time|error)((?:\[[^\]]*\])+)/g;

/**
 * Walks `[a][b][c]` through earlier results. At the first missing segment it stops and returns
 * the deepest value reached — the portal's behaviour for unresolved references (rest.md §7.4).
 */
function walk(root: unknown, path: string): unknown {
  const segments = [...path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
  let value = root;
  for (const seg of segments) {
    if (Array.isArray(value) && /^\d+$/.test(seg) && Number(seg) < value.length) value = value[Number(seg)];
    else if (isPlainObject(value) && seg in value) value = value[seg];
    else break;
  }
  return value;
}

function bucketFor(kind: string, buckets: Buckets): unknown {
  switch (kind) {
    case 'result':
      return buckets.result;
    case 'next':
      return buckets.result_next;
    case 'total':
      return buckets.result_total;
    case 'time':
      return buckets.result_time;
    default:
      return buckets.result_error;
  }
}

function textOf(v: unknown): string {
  if (Array.isArray(v) || isPlainObject(v)) return 'Array';
  if (v === null || v === undefined || v === false) return '';
  if (v === true) return '1';
  return String(v);
}

/** Replaces references inside one string; a string that is exactly one reference takes the raw value. */
function substitute(value: string, buckets: Buckets): unknown {
  if (!value.includes('$')) return value;
  const whole = new RegExp(`^${REFERENCE.source}$`).exec(value);
  if (whole) return walk(bucketFor(whole[1]!, buckets), whole[2]!);
  return value.replace(REFERENCE, (_, kind: string, path: string) => textOf(walk(bucketFor(kind, buckets), path)));
}

function resolveRefs(value: unknown, buckets: Buckets): unknown {
  if (typeof value === 'string') return substitute(value, buckets);
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, buckets));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = k.includes('$') ? textOf(substitute(k, buckets)) : k;
      out[key] = resolveRefs(v, buckets);
    }
    return out;
  }
  return value;
}

/** Splits `method?query` into a method name and its parsed parameters. */
export function parseCommand(command: string): { method: string; params: Params } {
  const q = command.indexOf('?');
  const method = q === -1 ? command : command.slice(0, q);
  const query = q === -1 ? '' : command.slice(q + 1);
  return { method, params: parsePhpQuery(query) };
}

/** Runs `batch`: up to 50 commands, sequentially, with references and `halt`. */
export function runBatch(
  env: SandboxEnv,
  auth: AuthInfo,
  rawParams: Params,
  origin: string,
): { result: Record<string, unknown>; methods: string[] } {
  const params = upperKeys(rawParams);
  const halt = params.HALT !== undefined && isTruthy(params.HALT);
  const cmd = params.CMD;
  const listShaped = Array.isArray(cmd);
  const entries: [string, unknown][] = listShaped
    ? (cmd as unknown[]).map((v, i) => [String(i), v])
    : isPlainObject(cmd)
      ? Object.entries(cmd)
      : [];
  const buckets: Buckets = { result: {}, result_error: {}, result_total: {}, result_next: {}, result_time: {} };
  const methods: string[] = [];
  let index = 0;
  for (const [key, command] of entries) {
    if (typeof command !== 'string') continue;
    const position = index++;
    const { method, params: subParams } = parseCommand(command);
    const name = normalizeMethodName(method);
    methods.push(name);
    if (position >= BATCH_LIMIT) {
      buckets.result_error[key] = new RestError(
        'ERROR_BATCH_LENGTH_EXCEEDED',
        'Max batch length exceeded',
        400,
      ).toBody();
      continue;
    }
    if (name === 'batch' || name === 'upload' || name === 'download') {
      buckets.result_error[key] = new RestError(
        'ERROR_BATCH_METHOD_NOT_ALLOWED',
        'Method is not allowed for batch usage',
        405,
      ).toBody();
      if (halt) break;
      continue;
    }
    // A response forced for this method (POST /sandbox/api/force) hits it inside a batch too.
    const forcedIndex = env.state.forced.findIndex((f) => f.method === name);
    if (forcedIndex !== -1) {
      const [forced] = env.state.forced.splice(forcedIndex, 1);
      const body = forced!.body;
      if (isPlainObject(body) && 'error' in body) {
        buckets.result_error[key] = body;
        if (halt) break;
      } else {
        buckets.result[key] = isPlainObject(body) && 'result' in body ? body.result : body;
      }
      continue;
    }
    const resolved = resolveRefs(subParams, buckets) as Params;
    delete resolved.auth;
    const outcome = invoke(env, auth, name, resolved, origin, true);
    if (outcome.ok) {
      buckets.result[key] = outcome.result;
      buckets.result_time[key] = outcome.time;
      if (outcome.total !== undefined) buckets.result_total[key] = outcome.total;
      if (outcome.next !== undefined) buckets.result_next[key] = outcome.next;
    } else {
      buckets.result_error[key] = outcome.error.toBody();
      if (halt) break;
    }
  }
  const shape = (bucket: Record<string, unknown>) => {
    const keys = Object.keys(bucket);
    if (listShaped && keys.every((k, i) => k === String(i))) return keys.map((k) => bucket[k]);
    return phpEmpty(bucket);
  };
  return {
    result: {
      result: shape(buckets.result),
      result_error: shape(buckets.result_error),
      result_total: shape(buckets.result_total),
      result_next: shape(buckets.result_next),
      result_time: shape(buckets.result_time),
    },
    methods,
  };
}
