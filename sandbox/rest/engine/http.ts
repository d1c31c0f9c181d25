import type { IncomingMessage, ServerResponse } from 'node:http';
import { authFromToken, authFromWebhook } from './auth.ts';
import { runBatch } from './batch.ts';
import type { AuthInfo } from './context.ts';
import { invoke, normalizeMethodName, type SandboxEnv } from './dispatch.ts';
import { errors, RestError } from './errors.ts';
import { takeRateToken } from './limits.ts';
import { timeBlock } from './envelope.ts';
import { assembleParams, type Params } from './params.ts';

/** Largest request body the sandbox reads (the real portal's nginx refuses far larger ones). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const requested = req.headers['access-control-request-headers'];
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers':
      typeof requested === 'string' && requested ? requested : 'origin, content-type, accept',
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  };
}

export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
    ...corsHeaders(req),
    ...extra,
  });
  res.end(text);
}

export class BodyTooLarge extends Error {}

/** Reads the request body as UTF-8, refusing bodies over `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit && !failed) {
        failed = true;
        reject(new BodyTooLarge());
      }
      if (!failed) chunks.push(c);
    });
    req.on('end', () => !failed && resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (e) => !failed && reject(e));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Route {
  method: string;
  webhook: { userId: number; code: string } | null;
}

/** `/rest/crm.deal.list.json`, `/rest/1/abc/crm.deal.list`, `/rest/crm.item.list/` → route. */
export function parseRestPath(pathname: string): Route | null {
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.replace(/^\/rest\//, '')).replace(/\/+$/, '');
  } catch {
    return null; // a broken percent sequence names no method
  }
  const parts = rest.split('/');
  if (parts.length === 3 && /^\d+$/.test(parts[0]!)) {
    return { method: normalizeMethodName(parts[2]!), webhook: { userId: Number(parts[0]), code: parts[1]! } };
  }
  if (parts.length === 1 && parts[0]) return { method: normalizeMethodName(parts[0]), webhook: null };
  return null;
}

/** Handles one `/rest/…` request end to end: limits, faults, auth, dispatch, envelope, log. */
export async function handleRest(
  env: SandboxEnv,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  origin: string,
): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...corsHeaders(req), 'Access-Control-Max-Age': '600', 'Content-Length': '0' });
    res.end();
    return;
  }
  const started = performance.now();
  const { state } = env;
  let logMethod = '';
  let auth: AuthInfo | null = null;
  let batchMethods: string[] | undefined;
  const finish = (status: number, body: unknown, error: string | null) => {
    sendJson(req, res, status, body);
    state.addLog({
      at: new Date().toISOString(),
      method: logMethod,
      httpMethod: req.method ?? 'GET',
      status,
      error,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      auth: auth?.kind ?? 'none',
      userId: auth?.userId ?? null,
      ...(batchMethods ? { batch: batchMethods } : {}),
    });
  };
  const fail = (err: RestError) => finish(err.status, err.toBody(), String(err.code));

  if (url.pathname.startsWith('/rest/api/')) {
    logMethod = url.pathname.slice('/rest/api/'.length);
    const body = {
      error: { code: 'BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION', message: `Method '${logMethod}' not found` },
    };
    finish(404, body, 'BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION');
    return;
  }
  const route = parseRestPath(url.pathname);
  logMethod = route?.method ?? url.pathname;
  let bodyText = '';
  try {
    bodyText = await readBody(req);
  } catch (e) {
    if (e instanceof BodyTooLarge)
      return fail(errors.invalidRequest(`Request body is larger than ${MAX_BODY_BYTES} bytes`));
    return fail(errors.invalidRequest('Could not read the request body'));
  }
  if (state.config.latency > 0) await sleep(state.config.latency);
  if (!route) return fail(errors.methodNotFound());

  try {
    takeRateToken(state, req.socket.remoteAddress ?? 'local');
  } catch (e) {
    return fail(e as RestError);
  }
  const forcedIndex = state.forced.findIndex((f) => !f.method || f.method === route.method);
  if (forcedIndex !== -1) {
    const [forced] = state.forced.splice(forcedIndex, 1);
    const body = forced!.body as { error?: unknown } | null;
    return finish(
      forced!.status,
      forced!.body,
      body && typeof body === 'object' && 'error' in body ? String(body.error) : null,
    );
  }
  for (const [status, rate] of Object.entries(state.config.faults)) {
    if (Math.random() < rate) {
      const code = Number(status);
      const err =
        code === 503
          ? errors.queryLimit()
          : code === 429
            ? errors.operationTimeLimit()
            : new RestError(code >= 500 ? 'INTERNAL_SERVER_ERROR' : 'ERROR_CORE', 'Injected fault', code);
      return fail(err);
    }
  }

  const params: Params = assembleParams(
    url.search.slice(1),
    req.method === 'GET' ? '' : bodyText,
    req.headers['content-type'],
  );
  try {
    auth = route.webhook
      ? authFromWebhook(env.db, route.webhook.userId, route.webhook.code)
      : authFromToken(env.db, params.auth ?? params.AUTH);
  } catch (e) {
    return fail(e as RestError);
  }
  delete params.auth;
  for (const key of Object.keys(params)) if (key.startsWith('bx24_')) delete params[key];

  if (route.method === 'batch') {
    const t0 = performance.now();
    const { result, methods } = runBatch(env, auth, params, origin);
    batchMethods = methods;
    const end = performance.timeOrigin + performance.now();
    const startMs = performance.timeOrigin + started;
    return finish(200, { result, time: timeBlock(startMs, end, performance.now() - t0, 0, null) }, null);
  }
  const outcome = invoke(env, auth, route.method, params, origin);
  if (!outcome.ok) return fail(outcome.error);
  const body: Record<string, unknown> = { result: outcome.result };
  if (outcome.next !== undefined) body.next = outcome.next;
  if (outcome.total !== undefined) body.total = outcome.total;
  body.time = outcome.time;
  finish(200, body, null);
}
