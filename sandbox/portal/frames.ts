import { randomBytes } from 'node:crypto';
import { deliverEvent } from '../rest/methods/events-delivery.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { memberId } from '../api.ts';
import { issueTokens, loadApp, refreshTokens } from '../rest/engine/auth.ts';
import type { SandboxEnv } from '../rest/engine/dispatch.ts';
import { readBody, sendJson } from '../rest/engine/http.ts';
import { isPlainObject } from '../rest/engine/params.ts';
import type { SandboxState } from '../state.ts';
import {
  appOptions,
  crmKinds,
  getCrmRecord,
  getUser,
  listCrmRecords,
  listDepartments,
  listUsers,
  listWorkgroups,
  placementById,
  setAppOption,
  setUserOption,
  userOptions,
  type PortalUser,
} from './data.ts';
import { currentLang, currentUser } from './session.ts';

/** One rendered app frame (APP_SID) and what the host page needs to answer it. */
interface FrameRecord {
  sid: string;
  appId: number;
  userId: number;
  placement: string;
  options: Record<string, unknown>;
  install: boolean;
  popup: boolean;
  accessToken: string;
  refreshToken: string;
  lang: string;
  url: string;
}

const registries = new WeakMap<SandboxState, Map<string, FrameRecord>>();

function frames(state: SandboxState): Map<string, FrameRecord> {
  let m = registries.get(state);
  if (!m) {
    m = new Map();
    registries.set(state, m);
  }
  return m;
}

export const newAppSid = () => randomBytes(16).toString('hex');

export interface FrameRequest {
  placement: string;
  /** `placements.id` of the bound handler (non-DEFAULT placements). */
  handlerId?: number;
  options: Record<string, unknown>;
  popup: boolean;
}

export type FrameOutcome =
  | {
      ok: true;
      sid: string;
      url: string;
      appOrigin: string;
      method: 'GET' | 'POST';
      form: Record<string, string> | null;
      install: boolean;
    }
  | { ok: false; reason: 'NOT_INSTALLED' | 'NO_HANDLER' | 'NO_APP' };

/**
 * Static apps (the sandbox's --app-dir host, Kontor's build, a Vite dev server) get a plain GET.
 * Meta key `portal_app_mode` = `server` makes the portal POST the handler form instead.
 */
function isStaticApp(env: SandboxEnv): boolean {
  const mode = (
    env.db.prepare("SELECT value FROM meta WHERE key = 'portal_app_mode'").get() as { value: string } | undefined
  )?.value;
  return mode !== 'server';
}

/** Decides the URL per frame.md §2.1, issues tokens and registers the frame. */
export function createFrame(
  env: SandboxEnv,
  user: PortalUser,
  host: string,
  secure: boolean,
  lang: string,
  request: FrameRequest,
): FrameOutcome {
  const app = loadApp(env.db, 1);
  if (!app) return { ok: false, reason: 'NO_APP' };
  const installed = app.installed === 1;
  let base: string;
  let install = false;
  if (!installed) {
    if (!user.isAdmin || request.placement !== 'DEFAULT') return { ok: false, reason: 'NOT_INSTALLED' };
    base = app.install_url || app.url;
    install = true;
  } else if (request.placement !== 'DEFAULT') {
    const row = request.handlerId !== undefined ? placementById(env.db, request.handlerId) : null;
    if (!row || row.placement !== request.placement) return { ok: false, reason: 'NO_HANDLER' };
    base = row.handler;
  } else {
    base = app.url;
  }
  const sid = newAppSid();
  const url = new URL(base);
  url.searchParams.set('DOMAIN', host);
  url.searchParams.set('PROTOCOL', secure ? '1' : '0');
  url.searchParams.set('LANG', lang);
  url.searchParams.set('APP_SID', sid);
  const tokens = issueTokens(env.db, env.state, app.id, user.id);
  const record: FrameRecord = {
    sid,
    appId: app.id,
    userId: user.id,
    placement: request.placement,
    options: request.options,
    install,
    popup: request.popup,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    lang,
    url: url.toString(),
  };
  frames(env.state).set(sid, record);
  const staticApp = isStaticApp(env);
  const form: Record<string, string> | null = staticApp
    ? null
    : {
        AUTH_ID: tokens.access_token,
        AUTH_EXPIRES: String(env.state.config.tokenTtl),
        REFRESH_ID: tokens.refresh_token,
        SERVER_ENDPOINT: `${secure ? 'https' : 'http'}://${host}/rest/`,
        APPLICATION_TOKEN: app.application_token,
        APPLICATION_SCOPE: app.scopes,
        member_id: memberId(env),
        status: app.status,
        PLACEMENT: request.placement,
        ...(Object.keys(request.options).length ? { PLACEMENT_OPTIONS: JSON.stringify(request.options) } : {}),
      };
  return { ok: true, sid, url: record.url, appOrigin: url.origin, method: staticApp ? 'GET' : 'POST', form, install };
}

/** The `getInitData` reply (frame.md §5), computed when asked so options and FIRST_RUN are current. */
export function initData(env: SandboxEnv, frame: FrameRecord, host: string, secure: boolean): Record<string, unknown> {
  const app = loadApp(env.db, frame.appId);
  const user = getUser(env.db, frame.userId);
  const version = app?.version ?? 1;
  const launched = env.db
    .prepare('SELECT 1 FROM app_first_run WHERE app_id = ? AND user_id = ? AND version = ?')
    .get(frame.appId, frame.userId, version);
  return {
    LANG: frame.lang,
    DOMAIN: host,
    PROTOCOL: secure ? 1 : 0,
    PATH: '/rest',
    AUTH_ID: frame.accessToken,
    AUTH_EXPIRES: String(env.state.config.tokenTtl),
    REFRESH_ID: frame.refreshToken,
    MEMBER_ID: memberId(env),
    FIRST_RUN: !launched,
    IS_ADMIN: user?.isAdmin ?? false,
    INSTALL: frame.install,
    USER_OPTIONS: userOptions(env.db, frame.appId, frame.userId),
    APP_OPTIONS: appOptions(env.db, frame.appId),
    PLACEMENT: frame.placement,
    PLACEMENT_OPTIONS: frame.options,
  };
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req, 1024 * 1024);
  if (!text.trim()) return {};
  const v = JSON.parse(text) as unknown;
  return isPlainObject(v) ? v : {};
}

function selectUserEntry(u: PortalUser) {
  return {
    id: String(u.id),
    name: u.name,
    photo: u.photo,
    position: u.position,
    url: `/company/personal/user/${u.id}/`,
    sub: false,
    sup: false,
  };
}

/** `/sandbox/portal-api/…`: endpoints the host page's script calls. Returns false for unknown paths. */
export async function handlePortalApi(
  env: SandboxEnv,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const path = url.pathname.replace(/^\/sandbox\/portal-api\//, '').replace(/\/$/, '');
  const method = req.method ?? 'GET';
  const host = req.headers.host ?? `${env.state.portal.host}:${env.state.portal.port}`;
  const secure = 'encrypted' in req.socket && req.socket.encrypted === true;
  const reply = (status: number, body: unknown) => sendJson(req, res, status, body, { 'Cache-Control': 'no-store' });
  let body: Record<string, unknown> = {};
  if (method === 'POST') {
    try {
      body = await jsonBody(req);
    } catch {
      reply(400, { error: 'INVALID_REQUEST', error_description: 'body is not valid JSON' });
      return true;
    }
  }

  if (method === 'GET' && (path === 'switch-user' || path === 'switch-lang')) {
    const back = url.searchParams.get('back') ?? '/';
    const safeBack = back.startsWith('/') && !back.startsWith('//') ? back : '/';
    const cookie =
      path === 'switch-user'
        ? `sandbox_user=${encodeURIComponent(String(Number(url.searchParams.get('id')) || 1))}`
        : `sandbox_lang=${encodeURIComponent((url.searchParams.get('lang') ?? 'en').replace(/[^a-z]/g, '').slice(0, 2) || 'en')}`;
    res.writeHead(302, { Location: safeBack, 'Set-Cookie': `${cookie}; Path=/; SameSite=Lax` });
    res.end();
    return true;
  }

  if (method === 'POST' && path === 'frames') {
    const user = currentUser(env.db, req);
    const placement = typeof body.placement === 'string' && body.placement ? body.placement.toUpperCase() : 'DEFAULT';
    const handlerId = body.handlerId === undefined ? undefined : Number(body.handlerId);
    const options = isPlainObject(body.options) ? body.options : {};
    const out = createFrame(env, user, host, secure, currentLang(req), {
      placement,
      options,
      popup: body.popup === true,
      ...(handlerId !== undefined ? { handlerId } : {}),
    });
    reply(out.ok ? 200 : 409, out);
    return true;
  }

  if (method === 'GET' && path === 'users') {
    reply(
      200,
      listUsers(env.db)
        .filter((u) => u.active)
        .map(selectUserEntry),
    );
    return true;
  }
  if (method === 'GET' && path === 'access') {
    const out: { id: string; name: string; group: string }[] = [
      { id: 'AU', name: 'All authorized users', group: 'Other' },
    ];
    for (const u of listUsers(env.db)) if (u.active) out.push({ id: `U${u.id}`, name: u.name, group: 'Employees' });
    for (const d of listDepartments(env.db)) out.push({ id: `DR${d.id}`, name: d.name, group: 'Departments' });
    for (const g of listWorkgroups(env.db)) out.push({ id: `SG${g.id}`, name: g.name, group: 'Workgroups' });
    reply(200, out);
    return true;
  }
  if (method === 'GET' && path === 'crm') {
    const wanted = (url.searchParams.get('types') ?? 'lead,contact,company,deal')
      .split(',')
      .map((s) => s.trim().toLowerCase());
    const q = url.searchParams.get('q') ?? '';
    const out: Record<string, { id: string; type: string; place: string; title: string; desc: string; url: string }[]> =
      {};
    const include = new Set((url.searchParams.get('include') ?? '').split(',').filter(Boolean));
    for (const kind of crmKinds(env.db)) {
      if (!wanted.includes(kind.code)) continue;
      const preset = [...include]
        .filter((b) => b.startsWith(`${kind.prefix}_`))
        .map((b) => Number(b.slice(kind.prefix.length + 1)));
      const records = listCrmRecords(env.db, kind, 50, q);
      for (const id of preset) {
        const rec = records.some((r) => r.id === id) ? null : getCrmRecord(env.db, kind, id);
        if (rec) records.unshift(rec);
      }
      out[kind.code] = records.map((r) => ({
        id: `${kind.prefix}_${r.id}`,
        type: kind.code,
        place: kind.code,
        title: r.title,
        desc: '',
        url:
          kind.code === 'contact'
            ? `/crm/contact/show/${r.id}/`
            : kind.code === 'company'
              ? `/crm/company/show/${r.id}/`
              : kind.detailPath(r.id),
      }));
    }
    reply(200, out);
    return true;
  }

  const m = /^frames\/([0-9a-f]{32})\/([a-z-]+)$/.exec(path);
  if (!m) return false;
  const frame = frames(env.state).get(m[1]!);
  if (!frame) {
    reply(404, { error: 'FRAME_NOT_FOUND', error_description: 'Unknown APP_SID' });
    return true;
  }
  const action = `${method} ${m[2]}`;
  switch (action) {
    case 'GET init':
      reply(200, initData(env, frame, host, secure));
      return true;
    case 'POST install': {
      const app = loadApp(env.db, frame.appId);
      env.db
        .prepare('INSERT OR IGNORE INTO app_first_run (app_id, user_id, version) VALUES (?, ?, ?)')
        .run(frame.appId, frame.userId, app?.version ?? 1);
      reply(200, { ok: true });
      return true;
    }
    case 'POST install-finish': {
      const undo = body.value === false || body.value === 'N';
      const wasInstalled = loadApp(env.db, frame.appId)?.installed === 1;
      env.db.prepare('UPDATE apps SET installed = ? WHERE id = ?').run(undo ? 0 : 1, frame.appId);
      if (!undo && !wasInstalled) {
        // Server apps that bound ONAPPINSTALL during install hear about it now (placements-and-install.md §6.3).
        const origin = `${secure ? 'https' : 'http'}://${host}`;
        deliverEvent(
          { db: env.db, state: env.state, origin },
          'ONAPPINSTALL',
          {
            VERSION: String(loadApp(env.db, frame.appId)?.version ?? 1),
            ACTIVE: 'Y',
            INSTALLED: 'Y',
            LANGUAGE_ID: frame.lang ?? 'en',
          },
          frame.userId,
          frame.appId,
        );
      }
      reply(200, { ok: true, installed: !undo });
      return true;
    }
    case 'POST refresh': {
      const fresh = refreshTokens(env.db, env.state, frame.refreshToken, frame.appId) ?? {
        ...issueTokens(env.db, env.state, frame.appId, frame.userId),
      };
      env.db
        .prepare('UPDATE tokens SET expires_at = MIN(expires_at, ?) WHERE access_token = ?')
        .run(Date.now() - 1, frame.accessToken);
      frame.accessToken = fresh.access_token;
      frame.refreshToken = fresh.refresh_token;
      reply(200, {
        AUTH_ID: fresh.access_token,
        AUTH_EXPIRES: String(env.state.config.tokenTtl),
        REFRESH_ID: fresh.refresh_token,
      });
      return true;
    }
    case 'POST app-option': {
      const user = getUser(env.db, frame.userId);
      if (!user?.isAdmin) {
        reply(200, { ok: false });
        return true;
      }
      if (typeof body.name === 'string' && body.name) setAppOption(env.db, frame.appId, body.name, body.value);
      reply(200, { ok: true, options: appOptions(env.db, frame.appId) });
      return true;
    }
    case 'POST user-option':
      if (typeof body.name === 'string' && body.name)
        setUserOption(env.db, frame.appId, frame.userId, body.name, body.value);
      reply(200, { ok: true });
      return true;
    default:
      return false;
  }
}
