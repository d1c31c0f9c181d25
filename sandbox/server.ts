import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { handleControlApi } from './api.ts';
import { getMeta, openDatabase, setMeta, type Db } from './db/database.ts';
import { seedPortal } from './db/seed/index.ts';
import { ALL_SCOPES, parseScopes, randomToken } from './rest/engine/auth.ts';
import type { SandboxEnv } from './rest/engine/dispatch.ts';
import { handleRest, sendJson } from './rest/engine/http.ts';
import { Registry } from './rest/engine/registry.ts';
import { setPortalTimeZone } from './rest/engine/time.ts';
import { createFamilies } from './rest/methods/index.ts';
import { handleOAuth } from './oauth.ts';
import { handlePortal } from './portal/routes.ts';
import { DEFAULT_OPTIONS, type SandboxOptions } from './options.ts';
import { SandboxState } from './state.ts';
import { serveStaticApp } from './static-app.ts';

export interface RunningSandbox {
  env: SandboxEnv;
  state: SandboxState;
  portalUrl: string;
  webhookUrl: string;
  /** Plain-HTTP form of the webhook (same path, answered too). */
  webhookHttpUrl: string;
  caPath: string;
  appUrl: string;
  close(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');

/** The app hosted by default: Kontor's build when there is one, else its dev server. */
function defaultAppUrl(options: SandboxOptions, staticOrigin: string | null): string {
  if (staticOrigin) return `${staticOrigin}/`;
  return `http://${options.host}:5173/`;
}

function ensureCertificate(dataDir: string, host: string): { key: string; cert: string; caPath: string } {
  const certDir = dataDir === ':memory:' ? join(ROOT, '.sandbox') : dataDir;
  mkdirSync(certDir, { recursive: true });
  const certPath = join(certDir, 'sandbox-ca.pem');
  const keyPath = join(certDir, 'sandbox-key.pem');
  if (!existsSync(certPath) || !existsSync(keyPath) || !readFileSync(certPath, 'utf8').includes(`host:${host}`)) {
    const pems = selfsigned.generate(
      [
        { name: 'commonName', value: host },
        { name: 'organizationName', value: 'Kontor sandbox portal' },
      ],
      {
        days: 3650,
        keySize: 2048,
        algorithm: 'sha256',
        extensions: [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', serverAuth: true },
          {
            name: 'subjectAltName',
            altNames: [
              { type: 2, value: 'localhost' },
              { type: 7, ip: '127.0.0.1' },
              ...(host !== 'localhost' && host !== '127.0.0.1' ? [{ type: 2, value: host }] : []),
            ],
          },
        ],
      },
    );
    writeFileSync(certPath, `# host:${host}\n${pems.cert}`);
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
  }
  return {
    key: readFileSync(keyPath, 'utf8'),
    cert: readFileSync(certPath, 'utf8').replace(/^#.*\n/, ''),
    caPath: certPath,
  };
}

/** Creates the built-in records every portal has: admin user 1, app 1, the admin's webhook. */
function ensurePortalBasics(db: Db, options: SandboxOptions, appUrl: string): { webhookCode: string } {
  if (!getMeta(db, 'member_id')) setMeta(db, 'member_id', `sandbox${randomToken(12)}`);
  const scopes = options.appScopes ? [...parseScopes(options.appScopes)].join(',') : ALL_SCOPES.join(',');
  const installUrl = options.installUrl ?? appUrl;
  const app = db.prepare('SELECT id FROM apps WHERE id = 1').get();
  if (!app) {
    db.prepare(
      `INSERT INTO apps (id, code, name, client_id, client_secret, url, install_url, scopes, installed, application_token, version, status)
       VALUES (1, 'local.kontor', 'Kontor', ?, ?, ?, ?, ?, 0, ?, 1, 'L')`,
    ).run(`local.${randomToken(8)}.${randomToken(4)}`, randomToken(24), appUrl, installUrl, scopes, randomToken());
  } else {
    db.prepare(
      'UPDATE apps SET url = ?, install_url = ?, scopes = CASE WHEN ? THEN ? ELSE scopes END WHERE id = 1',
    ).run(appUrl, installUrl, options.appScopes ? 1 : 0, scopes);
  }
  let hook = db.prepare('SELECT code FROM webhooks WHERE user_id = 1 ORDER BY id LIMIT 1').get() as
    { code: string } | undefined;
  if (!hook) {
    const code = randomToken(8);
    db.prepare("INSERT INTO webhooks (user_id, code, scopes, title) VALUES (1, ?, ?, 'Sandbox admin webhook')").run(
      code,
      ALL_SCOPES.join(','),
    );
    hook = { code };
  }
  return { webhookCode: hook.code };
}

function listen(server: ReturnType<typeof createHttpServer>, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok((server.address() as AddressInfo).port));
  });
}

/** Starts a sandbox portal: database, seed, HTTP + HTTPS servers. */
export async function startSandbox(partial: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const options: SandboxOptions = { ...DEFAULT_OPTIONS, ...partial };
  setPortalTimeZone(options.timeZone);
  if (options.reset && options.dataDir !== ':memory:') {
    for (const f of ['portal.sqlite', 'portal.sqlite-wal', 'portal.sqlite-shm'])
      rmSync(join(options.dataDir, f), { force: true });
  }
  const db = openDatabase(options.dataDir);
  const registry = new Registry();
  const families = createFamilies();
  for (const family of families) {
    family.schema?.(db);
    registry.add(family.methods);
  }

  // Static app host (built Kontor or --app-dir): its own origin, like a CDN-hosted static app.
  const appDir =
    options.appDir ??
    (options.appUrl ? null : existsSync(join(ROOT, 'dist', 'index.html')) ? join(ROOT, 'dist') : null);
  let staticServer: ReturnType<typeof createHttpServer> | null = null;
  let staticOrigin: string | null = null;
  if (appDir) {
    staticServer = createHttpServer((req, res) => serveStaticApp(appDir, req, res));
    const p = await listen(staticServer, options.port === 0 ? 0 : options.port + 2, options.host);
    staticOrigin = `http://${options.host}:${p}`;
  }
  const appUrl = options.appUrl ?? defaultAppUrl(options, staticOrigin);
  const { webhookCode } = ensurePortalBasics(db, options, appUrl);
  const { key, cert, caPath } = ensureCertificate(options.dataDir, options.host);

  const state = new SandboxState(
    db,
    { rateLimit: options.rateLimit, tokenTtl: options.tokenTtl, latency: options.latency, faults: options.faults },
    {
      host: options.host,
      port: options.port,
      httpsPort: options.httpsPort,
      appUrl,
      dataDir: options.dataDir,
      webhookCode,
      caPath,
    },
  );
  const env: SandboxEnv = { db, state, registry };

  if (!getMeta(db, 'seeded')) {
    db.transaction(() => seedPortal(db, options.seed))();
    setMeta(db, 'seeded', options.seed);
  }

  const handler = (secure: boolean) => async (req: IncomingMessage, res: ServerResponse) => {
    const hostHeader = req.headers.host ?? `${options.host}:${secure ? state.portal.httpsPort : state.portal.port}`;
    const origin = `${secure ? 'https' : 'http'}://${hostHeader}`;
    try {
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname.startsWith('/rest/')) return await handleRest(env, req, res, url, origin);
      if (url.pathname.startsWith('/sandbox/api/') && (await handleControlApi(env, req, res, url))) return;
      if (url.pathname.startsWith('/oauth/') && (await handleOAuth(env, req, res, url))) return;
      if (await handlePortal(env, req, res, url)) return;
      sendJson(req, res, 404, { error: 'NOT_FOUND', error_description: `Nothing at ${url.pathname}` });
    } catch (err) {
      console.error('[sandbox] request failed:', err);
      if (!res.headersSent)
        sendJson(req, res, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' });
      else res.end();
    }
  };

  const httpServer = createHttpServer({ keepAliveTimeout: 65_000 }, handler(false));
  const httpsServer = createHttpsServer({ key, cert, keepAliveTimeout: 65_000 }, handler(true));
  const port = await listen(httpServer, options.port, options.host);
  state.portal.port = port;
  const httpsPort = await listen(
    httpsServer as unknown as ReturnType<typeof createHttpServer>,
    options.httpsPort,
    options.host,
  );
  state.portal.httpsPort = httpsPort;

  return {
    env,
    state,
    portalUrl: `http://${options.host}:${port}/`,
    webhookUrl: `https://${options.host}:${httpsPort}/rest/1/${webhookCode}/`,
    webhookHttpUrl: `http://${options.host}:${port}/rest/1/${webhookCode}/`,
    caPath,
    appUrl,
    async close() {
      const closeOne = (s: { close(cb: () => void): void; closeAllConnections?: () => void }) =>
        new Promise<void>((r) => {
          s.closeAllConnections?.();
          s.close(() => r());
        });
      await Promise.all([
        closeOne(httpServer),
        closeOne(httpsServer),
        ...(staticServer ? [closeOne(staticServer)] : []),
      ]);
      db.close();
    },
  };
}
