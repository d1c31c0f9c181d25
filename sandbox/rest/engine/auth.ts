import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { SandboxState } from '../../state.ts';
import type { AuthInfo } from './context.ts';
import { errors, RestError } from './errors.ts';

/** Every scope a portal knows (placements-and-install.md §8). */
export const ALL_SCOPES = [
  'ai_admin',
  'biconnector',
  'bizproc',
  'booking',
  'calendar',
  'call',
  'cashbox',
  'catalog',
  'contact_center',
  'crm',
  'delivery',
  'department',
  'disk',
  'documentgenerator',
  'entity',
  'humanresources',
  'im',
  'imbot',
  'imconnector',
  'imopenlines',
  'intranet',
  'landing',
  'lists',
  'log',
  'mailservice',
  'main',
  'messageservice',
  'mobile',
  'pay_system',
  'placement',
  'pull',
  'rpa',
  'sale',
  'salescenter',
  'sonet_group',
  'task',
  'telephony',
  'timeman',
  'user',
  'user.userfield',
  'userfieldconfig',
  'userconsent',
  'vote',
] as const;

/** Scope aliases: a grant of the key also grants the values. */
const IMPLIED: Record<string, string[]> = {
  socialnetwork: ['sonet_group'],
  sonet_group: ['socialnetwork'],
  user: ['user_basic', 'user_brief'],
  user_basic: ['user_brief'],
  tasks: ['task'],
};

export function parseScopes(list: string): Set<string> {
  const out = new Set<string>();
  for (const raw of list.split(',')) {
    const s = raw.trim().toLowerCase();
    if (!s) continue;
    out.add(s);
    for (const extra of IMPLIED[s] ?? []) out.add(extra);
  }
  return out;
}

export const randomToken = (bytes = 16) => randomBytes(bytes).toString('hex');

export interface UserRow {
  id: number;
  isAdmin: boolean;
  active: boolean;
}

export function loadUser(db: Db, id: number): UserRow | null {
  const row = db.prepare('SELECT id, data FROM users WHERE id = ?').get(id) as { id: number; data: string } | undefined;
  if (!row) return null;
  const data = JSON.parse(row.data) as Record<string, unknown>;
  return { id: row.id, isAdmin: data._ADMIN === true, active: data.ACTIVE !== false };
}

export interface AppRow {
  id: number;
  code: string;
  name: string;
  client_id: string;
  client_secret: string;
  url: string;
  install_url: string | null;
  scopes: string;
  installed: number;
  application_token: string;
  version: number;
  status: string;
}

export function loadApp(db: Db, id: number): AppRow | null {
  return (db.prepare('SELECT * FROM apps WHERE id = ?').get(id) as AppRow | undefined) ?? null;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  expires: number;
}

const REFRESH_TTL_MS = 180 * 24 * 3600 * 1000;

/** Issues a fresh access + refresh token pair for a user of an app. */
export function issueTokens(db: Db, state: SandboxState, appId: number, userId: number): IssuedTokens {
  const access = randomToken();
  const refresh = randomToken();
  const now = Date.now();
  const expiresAt = now + state.config.tokenTtl * 1000;
  db.prepare(
    'INSERT INTO tokens (access_token, refresh_token, app_id, user_id, expires_at, refresh_expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(access, refresh, appId, userId, expiresAt, now + REFRESH_TTL_MS);
  return {
    access_token: access,
    refresh_token: refresh,
    expires_in: state.config.tokenTtl,
    expires: Math.floor(expiresAt / 1000),
  };
}

/**
 * Rotates a refresh token: the old one is spent (`invalid_grant` on reuse) and a new pair is
 * issued. Returns null when the refresh token is unknown, used or expired.
 */
export function refreshTokens(
  db: Db,
  state: SandboxState,
  refreshToken: string,
  appId?: number,
): (IssuedTokens & { userId: number; appId: number }) | null {
  const row = db.prepare('SELECT * FROM tokens WHERE refresh_token = ?').get(refreshToken) as
    | { access_token: string; app_id: number; user_id: number; refresh_expires_at: number; refresh_used: number }
    | undefined;
  if (!row || row.refresh_used || row.refresh_expires_at < Date.now()) return null;
  if (appId !== undefined && row.app_id !== appId) return null;
  db.prepare('UPDATE tokens SET refresh_used = 1, expires_at = MIN(expires_at, ?) WHERE refresh_token = ?').run(
    Date.now() - 1,
    refreshToken,
  );
  return { ...issueTokens(db, state, row.app_id, row.user_id), userId: row.user_id, appId: row.app_id };
}

/** Marks every access token (or those of one user) expired: the next REST call gets `expired_token`. */
export function expireAccessTokens(db: Db, userId?: number): number {
  const past = Date.now() - 1;
  return userId === undefined
    ? db.prepare('UPDATE tokens SET expires_at = ? WHERE expires_at > ?').run(past, past).changes
    : db.prepare('UPDATE tokens SET expires_at = ? WHERE expires_at > ? AND user_id = ?').run(past, past, userId)
        .changes;
}

/** Resolves the caller of an application call from its access token. */
export function authFromToken(db: Db, token: unknown): AuthInfo {
  if (token === undefined || token === null || token === '') throw errors.noAuth();
  const row = db.prepare('SELECT * FROM tokens WHERE access_token = ?').get(String(token)) as
    { app_id: number; user_id: number; expires_at: number } | undefined;
  if (!row) throw errors.invalidToken();
  if (row.expires_at <= Date.now()) throw errors.expiredToken();
  const app = loadApp(db, row.app_id);
  const user = loadUser(db, row.user_id);
  if (!app || !user) throw errors.invalidToken();
  if (!user.active) throw new RestError('user_access_error', 'The user does not have access to the application.', 401);
  return {
    kind: 'app',
    userId: user.id,
    isAdmin: user.isAdmin,
    scopes: parseScopes(app.scopes),
    appId: app.id,
    webhookId: null,
    accessToken: String(token),
  };
}

/** Resolves the caller of an inbound-webhook call (`/rest/USER_ID/CODE/method`). */
export function authFromWebhook(db: Db, userId: number, code: string): AuthInfo {
  const row = db.prepare('SELECT * FROM webhooks WHERE user_id = ? AND code = ?').get(userId, code) as
    { id: number; user_id: number; scopes: string } | undefined;
  if (!row) throw errors.invalidCredentials();
  const user = loadUser(db, row.user_id);
  if (!user || !user.active) throw errors.invalidCredentials();
  return {
    kind: 'webhook',
    userId: user.id,
    isAdmin: user.isAdmin,
    scopes: parseScopes(row.scopes),
    appId: null,
    webhookId: row.id,
    accessToken: null,
  };
}
