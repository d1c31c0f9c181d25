import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from './server.ts';
import type { SandboxOptions } from './options.ts';

export interface RestReply {
  status: number;
  body: Record<string, unknown>;
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  /** Calls a method over the admin's inbound webhook (plain HTTP), JSON body. */
  hook(method: string, params?: Record<string, unknown>): Promise<RestReply>;
  /** Calls a method with an application token of `userId` (default admin 1), JSON body. */
  app(method: string, params?: Record<string, unknown>, userId?: number): Promise<RestReply>;
  /** Raw request to the portal: path relative to the portal origin. */
  raw(path: string, init?: RequestInit): Promise<Response>;
  /** An application access token for a user (issued through the control API). */
  token(userId?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts a sandbox on free ports with its own temporary data directory (demo seed, rate limit
 * off unless given) for integration tests. Call `close()` in `afterAll`.
 */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kontor-sandbox-'));
  const sandbox = await startSandbox({
    port: 0,
    httpsPort: 0,
    dataDir,
    seed: 'demo',
    rateLimit: 'off',
    quiet: true,
    appUrl: 'http://127.0.0.1:5999/',
    ...options,
  });
  const origin = sandbox.portalUrl.replace(/\/$/, '');
  const tokens = new Map<number, string>();
  const post = async (url: string, params: Record<string, unknown>): Promise<RestReply> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    const text = await res.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { unparsable: text };
    }
    return { status: res.status, body };
  };
  const token = async (userId = 1) => {
    let t = tokens.get(userId);
    if (!t) {
      const res = await fetch(`${origin}/sandbox/api/tokens`, { method: 'POST', body: JSON.stringify({ userId }) });
      t = ((await res.json()) as { access_token: string }).access_token;
      tokens.set(userId, t);
    }
    return t;
  };
  return {
    sandbox,
    hook: (method, params = {}) => post(`${sandbox.webhookHttpUrl}${method}`, params),
    app: async (method, params = {}, userId = 1) =>
      post(`${origin}/rest/${method}`, { ...params, auth: await token(userId) }),
    raw: (path, init) => fetch(`${origin}${path.startsWith('/') ? path : `/${path}`}`, init),
    token,
    async close() {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
