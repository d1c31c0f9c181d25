import type { Db } from '../../db/database.ts';
import { onPortalEvent } from '../../events/bus.ts';
import type { SandboxState } from '../../state.ts';
import { issueTokens, loadApp, type AppRow } from '../engine/auth.ts';
import type { CallContext } from '../engine/context.ts';
import { nowMs, toStoredDateTime } from '../engine/time.ts';

/**
 * Delivers portal events to the handlers apps bound with `event.bind`: online bindings get an
 * asynchronous form-encoded POST (no retries, failures ignored), offline bindings a row in
 * `offline_events`. Nothing goes to apps whose installation is not finished.
 */

/** Events whose `auth` block also carries a refresh token (placements-and-install.md §11.2). */
const WITH_REFRESH = new Set(['ONAPPINSTALL', 'ONAPPUPDATE', 'ONAPPTEST', 'ONSUBSCRIPTIONRENEW', 'ONOFFLINEEVENT']);

/** `a[b][0]=x` pairs of a value, the way PHP's http_build_query writes nested data. */
export function phpFormPairs(prefix: string, value: unknown, out: [string, string][] = []): [string, string][] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) value.forEach((v, i) => phpFormPairs(`${prefix}[${i}]`, v, out));
  else if (typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) phpFormPairs(`${prefix}[${k}]`, v, out);
  else if (typeof value === 'boolean') out.push([prefix, value ? '1' : '0']);
  else out.push([prefix, String(value)]);
  return out;
}

export function encodePhpForm(fields: Record<string, unknown>): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(fields)) phpFormPairs(k, v, pairs);
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function memberId(db: Db): string {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'member_id'").get() as { value: string } | undefined;
  return row?.value ?? 'sandbox-member-0001';
}

interface Binding {
  id: number;
  app_id: number;
  event: string;
  handler: string;
  auth_type: number;
  offline: number;
}

function userActive(db: Db, id: number): boolean {
  const row = db.prepare('SELECT data FROM users WHERE id = ?').get(id) as { data: string } | undefined;
  return !!row && (JSON.parse(row.data) as { ACTIVE?: unknown }).ACTIVE !== false;
}

export function authBlock(
  db: Db,
  state: SandboxState,
  origin: string,
  app: AppRow,
  userId: number | null,
  event: string,
): Record<string, unknown> {
  const host = new URL(origin).host;
  const auth: Record<string, unknown> = {};
  if (userId !== null && userActive(db, userId)) {
    const t = issueTokens(db, state, app.id, userId);
    auth.access_token = t.access_token;
    auth.expires = String(t.expires);
    auth.expires_in = String(t.expires_in);
    auth.scope = app.scopes;
    if (WITH_REFRESH.has(event)) auth.refresh_token = t.refresh_token;
    auth.user_id = String(userId);
  }
  Object.assign(auth, {
    domain: host,
    server_endpoint: `${origin}/rest/`,
    status: app.status,
    client_endpoint: `${origin}/rest/`,
    member_id: memberId(db),
    application_token: app.application_token,
  });
  return auth;
}

function post(url: string, body: string): void {
  setImmediate(() => {
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(10_000),
    })
      .then((res) => res.body?.cancel())
      .catch(() => undefined);
  });
}

/**
 * Sends `event` to the bindings of installed apps (`onlyAppId` narrows it to one app, as
 * `event.test` does). `userId` is whose token goes in `auth` (null: none, a "system" action).
 */
export function deliverEvent(
  env: { db: Db; state: SandboxState; origin: string },
  event: string,
  data: unknown,
  userId: number | null,
  onlyAppId?: number,
): number {
  const { db } = env;
  const name = event.toUpperCase();
  const bindings = db
    .prepare(
      `SELECT b.* FROM event_bindings b JOIN apps a ON a.id = b.app_id
       WHERE UPPER(b.event) = ? AND a.installed = 1 ${onlyAppId !== undefined ? 'AND a.id = ?' : ''} ORDER BY b.id`,
    )
    .all(...(onlyAppId !== undefined ? [name, onlyAppId] : [name])) as Binding[];
  const ts = String(Math.floor(nowMs() / 1000));
  for (const b of bindings) {
    const app = loadApp(db, b.app_id);
    if (!app) continue;
    if (b.offline) {
      db.prepare(
        'INSERT INTO offline_events (app_id, event, data, created_at, process_id) VALUES (?, ?, ?, ?, NULL)',
      ).run(app.id, name, JSON.stringify({ data: data ?? null, user_id: userId }), toStoredDateTime(nowMs()));
      continue;
    }
    const actor = b.auth_type > 0 ? b.auth_type : userId;
    const body = encodePhpForm({
      event: name,
      event_handler_id: String(b.id),
      data,
      ts,
      auth: authBlock(db, env.state, env.origin, app, actor, name),
    });
    post(b.handler, body);
  }
  return bindings.length;
}

let registered = false;

/** Hooks delivery onto the event bus once per process. */
export function registerEventDelivery(): void {
  if (registered) return;
  registered = true;
  onPortalEvent((ctx: CallContext, event: string, data: unknown) => {
    deliverEvent({ db: ctx.db, state: ctx.state, origin: ctx.origin }, event, data, ctx.auth.userId);
  });
}
