import type { IncomingMessage, ServerResponse } from 'node:http';
import { expireAccessTokens, issueTokens, parseScopes } from './rest/engine/auth.ts';
import type { SandboxEnv } from './rest/engine/dispatch.ts';
import { readBody, sendJson } from './rest/engine/http.ts';
import { isPlainObject } from './rest/engine/params.ts';
import type { SandboxConfig } from './state.ts';
import { parseFaults } from './options.ts';

/** Validates a partial config from `POST /sandbox/api/config`; returns an error text or the patch. */
export function validateConfigPatch(input: unknown): Partial<SandboxConfig> | string {
  if (!isPlainObject(input)) return 'body must be a JSON object';
  const patch: Partial<SandboxConfig> = {};
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'rateLimit':
        if (value !== 'standard' && value !== 'enterprise' && value !== 'off')
          return `rateLimit must be standard, enterprise or off, got ${JSON.stringify(value)}`;
        patch.rateLimit = value;
        break;
      case 'tokenTtl':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 1)
          return `tokenTtl must be a number of seconds ≥ 1, got ${JSON.stringify(value)}`;
        patch.tokenTtl = Math.floor(value);
        break;
      case 'latency':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
          return `latency must be a number of ms ≥ 0, got ${JSON.stringify(value)}`;
        patch.latency = value;
        break;
      case 'faults': {
        const faults = typeof value === 'string' ? parseFaults(value) : value;
        if (typeof faults === 'string') return faults;
        if (!isPlainObject(faults)) return 'faults must be an object like {"503": 0.2}';
        const out: Record<string, number> = {};
        for (const [status, rate] of Object.entries(faults)) {
          if (!/^[45]\d\d$/.test(status)) return `faults: ${status} is not an HTTP error status`;
          if (typeof rate !== 'number' || rate < 0 || rate > 1)
            return `faults: rate for ${status} must be between 0 and 1`;
          out[status] = rate;
        }
        patch.faults = out;
        break;
      }
      case 'operatingLimit':
        if (value !== null && (typeof value !== 'number' || value <= 0))
          return 'operatingLimit must be null or seconds > 0';
        patch.operatingLimit = value;
        break;
      case 'operatingFactor':
        if (typeof value !== 'number' || value <= 0) return 'operatingFactor must be a number > 0';
        patch.operatingFactor = value;
        break;
      default:
        return `unknown config key ${JSON.stringify(key)}`;
    }
  }
  return patch;
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req, 1024 * 1024);
  if (!text.trim()) return {};
  return JSON.parse(text) as unknown;
}

/** The sandbox's own control API under `/sandbox/api/`. Returns false when the path is not one. */
export async function handleControlApi(
  env: SandboxEnv,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const { state, db } = env;
  const path = url.pathname.replace(/^\/sandbox\/api\//, '').replace(/\/$/, '');
  const method = req.method ?? 'GET';
  const bad = (text: string, status = 400) =>
    sendJson(req, res, status, { error: 'INVALID_REQUEST', error_description: text });
  if (method === 'OPTIONS') {
    sendJson(req, res, 204, null);
    return true;
  }
  let body: unknown = {};
  if (method === 'POST') {
    try {
      body = await jsonBody(req);
    } catch (e) {
      bad(`body is not valid JSON: ${(e as Error).message}`);
      return true;
    }
  }
  switch (`${method} ${path}`) {
    case 'GET config':
      sendJson(req, res, 200, state.config);
      return true;
    case 'POST config': {
      const patch = validateConfigPatch(body);
      if (typeof patch === 'string') bad(patch);
      else {
        Object.assign(state.config, patch);
        if (patch.rateLimit) state.buckets.clear();
        sendJson(req, res, 200, state.config);
      }
      return true;
    }
    case 'GET log':
      sendJson(req, res, 200, state.log);
      return true;
    case 'DELETE log':
      state.log.length = 0;
      sendJson(req, res, 200, []);
      return true;
    case 'GET info':
      sendJson(req, res, 200, {
        portal: `${state.origin}/`,
        webhook: `https://${state.portal.host}:${state.portal.httpsPort}/rest/1/${state.portal.webhookCode}/`,
        ca: state.portal.caPath,
        app: db
          .prepare(
            'SELECT id, code, name, client_id, url, install_url, scopes, installed, version FROM apps WHERE id = 1',
          )
          .get(),
      });
      return true;
    case 'POST force': {
      if (!isPlainObject(body) || typeof body.status !== 'number') {
        bad('force needs {"status": 503, "body": {...}, "method"?: "crm.deal.list", "count"?: 1}');
        return true;
      }
      const count = typeof body.count === 'number' ? body.count : 1;
      for (let i = 0; i < count; i++) {
        state.forced.push({
          status: body.status,
          body: body.body ?? null,
          ...(typeof body.method === 'string' ? { method: body.method.toLowerCase() } : {}),
        });
      }
      sendJson(req, res, 200, { queued: state.forced.length });
      return true;
    }
    case 'POST expire-tokens': {
      const userId = isPlainObject(body) && typeof body.userId === 'number' ? body.userId : undefined;
      sendJson(req, res, 200, { expired: expireAccessTokens(db, userId) });
      return true;
    }
    case 'POST tokens': {
      // Application tokens for tests and server-side tools (what an OAuth install would give).
      const userId = isPlainObject(body) && typeof body.userId === 'number' ? body.userId : 1;
      const user = db.prepare('SELECT id FROM users WHERE id = ?').get(userId);
      if (!user) {
        bad(`no user with id ${userId}`, 404);
        return true;
      }
      const app = db
        .prepare('SELECT client_id, client_secret, application_token, scopes FROM apps WHERE id = 1')
        .get() as Record<string, string>;
      const tokens = issueTokens(db, state, 1, userId);
      sendJson(req, res, 200, {
        ...tokens,
        client_id: app.client_id,
        client_secret: app.client_secret,
        application_token: app.application_token,
        scope: app.scopes,
        member_id: memberId(env),
        client_endpoint: `${state.origin}/rest/`,
        server_endpoint: `${state.origin}/rest/`,
        user_id: userId,
      });
      return true;
    }
    case 'POST app': {
      if (!isPlainObject(body)) {
        bad('app needs a JSON object');
        return true;
      }
      const sets: string[] = [];
      const values: unknown[] = [];
      const set = (column: string, value: unknown) => {
        sets.push(`${column} = ?`);
        values.push(value);
      };
      if (typeof body.url === 'string') set('url', body.url);
      if (typeof body.installUrl === 'string' || body.installUrl === null) set('install_url', body.installUrl);
      if (typeof body.scopes === 'string') set('scopes', [...parseScopes(body.scopes)].join(','));
      if (typeof body.installed === 'boolean') set('installed', body.installed ? 1 : 0);
      if (sets.length) db.prepare(`UPDATE apps SET ${sets.join(', ')} WHERE id = 1`).run(...values);
      sendJson(
        req,
        res,
        200,
        db.prepare('SELECT id, code, url, install_url, scopes, installed FROM apps WHERE id = 1').get(),
      );
      return true;
    }
    default:
      return false;
  }
}

export function memberId(env: SandboxEnv): string {
  const row = env.db.prepare("SELECT value FROM meta WHERE key = 'member_id'").get() as { value: string } | undefined;
  return row?.value ?? 'sandbox-member-0001';
}
