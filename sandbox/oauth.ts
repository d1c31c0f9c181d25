import type { IncomingMessage, ServerResponse } from 'node:http';
import { issueTokens, randomToken, refreshTokens, type AppRow, type IssuedTokens } from './rest/engine/auth.ts';
import type { SandboxEnv } from './rest/engine/dispatch.ts';
import { corsHeaders, readBody, sendJson } from './rest/engine/http.ts';
import { parsePhpQuery, type Params } from './rest/engine/params.ts';

/** Lifetime of an authorization code (placements-and-install.md §9). */
const CODE_TTL_MS = 30_000;

function memberId(env: SandboxEnv): string {
  const row = env.db.prepare("SELECT value FROM meta WHERE key = 'member_id'").get() as { value: string } | undefined;
  return row?.value ?? 'sandbox-member-0001';
}

function cookieUser(req: IncomingMessage): number {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.split('=');
    if (name?.trim() === 'sandbox_user') {
      const id = Number(decodeURIComponent(value ?? '').trim());
      if (Number.isInteger(id) && id > 0) return id;
    }
  }
  return 1;
}

function activeUser(env: SandboxEnv, id: number): boolean {
  const row = env.db.prepare('SELECT data FROM users WHERE id = ?').get(id) as { data: string } | undefined;
  return !!row && (JSON.parse(row.data) as { ACTIVE?: unknown }).ACTIVE !== false;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function tokenResponse(env: SandboxEnv, origin: string, app: AppRow, tokens: IssuedTokens, userId: number) {
  return {
    access_token: tokens.access_token,
    expires: tokens.expires,
    expires_in: tokens.expires_in,
    scope: app.scopes,
    domain: new URL(origin).host,
    server_endpoint: `${origin}/rest/`,
    status: app.status,
    client_endpoint: `${origin}/rest/`,
    member_id: memberId(env),
    user_id: userId,
    refresh_token: tokens.refresh_token,
  };
}

function oauthError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
): void {
  sendJson(req, res, status, { error, error_description: description });
}

async function handleToken(
  env: SandboxEnv,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  origin: string,
): Promise<void> {
  let params: Params = parsePhpQuery(url.search.slice(1));
  if (req.method === 'POST') {
    const body = await readBody(req, 1024 * 1024);
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    let fromBody: Params = {};
    if (type.startsWith('application/json')) {
      try {
        const parsed: unknown = JSON.parse(body);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fromBody = parsed as Params;
      } catch {
        fromBody = {};
      }
    } else fromBody = parsePhpQuery(body);
    params = { ...params, ...fromBody };
  }
  const grant = str(params.grant_type);
  const clientId = str(params.client_id);
  const secret = str(params.client_secret);
  if (!grant || !clientId) return oauthError(req, res, 400, 'invalid_request', 'Missing grant_type or client_id');
  const app = env.db.prepare('SELECT * FROM apps WHERE client_id = ?').get(clientId) as AppRow | undefined;
  if (!app || app.client_secret !== secret)
    return oauthError(req, res, 401, 'invalid_client', 'Invalid client credentials');

  if (grant === 'refresh_token') {
    const refresh = str(params.refresh_token);
    if (!refresh) return oauthError(req, res, 400, 'invalid_request', 'Missing refresh_token');
    const out = refreshTokens(env.db, env.state, refresh, app.id);
    if (!out) return oauthError(req, res, 400, 'invalid_grant', 'Refresh token is invalid, expired or already used');
    return sendJson(req, res, 200, tokenResponse(env, origin, app, out, out.userId));
  }
  if (grant === 'authorization_code') {
    const code = str(params.code);
    if (!code) return oauthError(req, res, 400, 'invalid_request', 'Missing code');
    const row = env.db.prepare('SELECT * FROM auth_codes WHERE code = ?').get(code) as
      { code: string; app_id: number; user_id: number; expires_at: number } | undefined;
    env.db.prepare('DELETE FROM auth_codes WHERE code = ? OR expires_at < ?').run(code, Date.now());
    if (!row || row.app_id !== app.id || row.expires_at < Date.now()) {
      return oauthError(req, res, 400, 'invalid_grant', 'Authorization code is invalid or expired');
    }
    const tokens = issueTokens(env.db, env.state, app.id, row.user_id);
    return sendJson(req, res, 200, tokenResponse(env, origin, app, tokens, row.user_id));
  }
  return oauthError(req, res, 400, 'invalid_request', `Unsupported grant_type ${grant}`);
}

function handleAuthorize(env: SandboxEnv, req: IncomingMessage, res: ServerResponse, url: URL, origin: string): void {
  const clientId = url.searchParams.get('client_id') ?? '';
  const app = env.db.prepare('SELECT * FROM apps WHERE client_id = ?').get(clientId) as AppRow | undefined;
  if (!app) return oauthError(req, res, 400, 'invalid_client', 'Unknown client_id');
  const userId = cookieUser(req);
  const actingUser = activeUser(env, userId) ? userId : 1;
  const code = randomToken(16);
  env.db
    .prepare('INSERT INTO auth_codes (code, app_id, user_id, expires_at) VALUES (?, ?, ?, ?)')
    .run(code, app.id, actingUser, Date.now() + CODE_TTL_MS);
  let target: URL;
  try {
    target = new URL(url.searchParams.get('redirect_uri') || app.url);
  } catch {
    return oauthError(req, res, 400, 'invalid_request', 'Invalid redirect_uri');
  }
  const host = new URL(origin).host;
  target.searchParams.set('code', code);
  const state = url.searchParams.get('state');
  if (state !== null) target.searchParams.set('state', state);
  target.searchParams.set('domain', host);
  target.searchParams.set('member_id', memberId(env));
  target.searchParams.set('scope', app.scopes);
  target.searchParams.set('server_domain', host);
  res.writeHead(302, { Location: target.toString(), 'Content-Length': '0', 'Cache-Control': 'no-store' });
  res.end();
}

/** OAuth endpoints (`/oauth/token/`, `/oauth/authorize/`). */
export async function handleOAuth(
  env: SandboxEnv,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  const origin = url.origin;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...corsHeaders(req), 'Content-Length': '0' });
    res.end();
    return true;
  }
  if (path === '/oauth/token') {
    if (req.method !== 'GET' && req.method !== 'POST') return false;
    await handleToken(env, req, res, url, origin);
    return true;
  }
  if (path === '/oauth/authorize') {
    handleAuthorize(env, req, res, url, origin);
    return true;
  }
  return false;
}
