import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { ApiVersion, B24Hook, type RestrictionParams } from '@bitrix24/b24jssdk';
import type { TestSandbox } from '../test-utils.ts';

/** Limiter settings for automated tests (rest.md §6.4): full sub-objects, adaptive parts off. */
export const FAST_LIMITS: RestrictionParams = {
  rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false },
  operatingLimit: { windowMs: 600_000, limitMs: 480_000, heavyPercent: 80 },
  adaptiveConfig: { enabled: false, thresholdPercent: 80, coefficient: 0.01, maxDelay: 7000 },
  maxRetries: 3,
  retryDelay: 100,
  retryOnNetworkError: true,
};

/**
 * An unmodified SDK `B24Hook` pointed at the sandbox's https webhook.
 *
 * NODE_EXTRA_CA_CERTS is read only when Node starts, so the self-signed certificate is trusted
 * here instead: every SDK http client is a plain axios instance (`getHttpClient(v).ajaxClient`),
 * and axios' node adapter uses `defaults.httpsAgent` when set — an agent whose `ca` adds the
 * sandbox certificate to the public roots. Nothing global is touched.
 */
export function sdkHook(t: TestSandbox, restrictionParams: RestrictionParams = FAST_LIMITS): B24Hook {
  const b24 = B24Hook.fromWebhookUrl(t.sandbox.webhookUrl, { restrictionParams });
  trustSandbox(b24, t.sandbox.caPath);
  return b24;
}

export function trustSandbox(b24: B24Hook, caPath: string): void {
  const agent = new Agent({ ca: [...rootCertificates, readFileSync(caPath, 'utf8')], keepAlive: true });
  for (const version of [ApiVersion.v2, ApiVersion.v3])
    b24.getHttpClient(version).ajaxClient.defaults.httpsAgent = agent;
}

/** A B24Hook for another webhook row of the same sandbox. */
export function sdkHookFor(
  t: TestSandbox,
  userId: number,
  code: string,
  restrictionParams: RestrictionParams = FAST_LIMITS,
): B24Hook {
  const base = new URL(t.sandbox.webhookUrl);
  const b24 = B24Hook.fromWebhookUrl(`${base.origin}/rest/${userId}/${code}/`, { restrictionParams });
  trustSandbox(b24, t.sandbox.caPath);
  return b24;
}

export type Json = Record<string, unknown>;

export interface Reply {
  status: number;
  body: Json;
  text: string;
  headers: Headers;
}

/** The webhook's path prefix (`/rest/1/code/`) on the portal origin. */
export function hookPath(t: TestSandbox): string {
  return new URL(t.sandbox.webhookHttpUrl).pathname;
}

/** A raw request to the portal that never throws on a non-JSON body. */
export async function rawCall(t: TestSandbox, path: string, init?: RequestInit): Promise<Reply> {
  const res = await t.raw(path, init);
  const text = await res.text();
  let body: Json;
  try {
    const parsed: unknown = JSON.parse(text);
    body =
      parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : { value: parsed };
  } catch {
    body = { unparsable: text };
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** POST over the webhook with a raw body and content type. */
export function hookPost(
  t: TestSandbox,
  method: string,
  body: string,
  contentType = 'application/json',
): Promise<Reply> {
  return rawCall(t, `${hookPath(t)}${method}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

/** GET over the webhook with a query string. */
export function hookGet(t: TestSandbox, method: string, query = ''): Promise<Reply> {
  return rawCall(t, `${hookPath(t)}${method}${query ? `?${query}` : ''}`);
}

/** Control API call (`/sandbox/api/...`). */
export async function control(t: TestSandbox, path: string, body: unknown): Promise<Json> {
  const res = await t.raw(`/sandbox/api/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as Json;
}

export const ISO_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
export const DIGITS = /^\d+$/;

export function obj(v: unknown): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new Error(`expected an object, got ${JSON.stringify(v)?.slice(0, 200)}`);
  return v as Json;
}

export function list(v: unknown): Json[] {
  if (!Array.isArray(v)) throw new Error(`expected a list, got ${JSON.stringify(v)?.slice(0, 200)}`);
  return v as Json[];
}

/** Asserts the sandbox is alive and still answers normally. */
export async function alive(t: TestSandbox): Promise<boolean> {
  const r = await t.hook('server.time');
  return r.status === 200 && typeof r.body.result === 'string';
}

/** Adds `count` deals through batches of 50 `crm.deal.add` (legacy CRM). Returns the new ids. */
export async function addDeals(t: TestSandbox, count: number, prefix = 'Conformance deal'): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; offset < count; offset += 50) {
    const cmd: Record<string, string> = {};
    for (let i = offset; i < Math.min(count, offset + 50); i++) {
      cmd[`d${i}`] =
        `crm.deal.add?fields[TITLE]=${encodeURIComponent(`${prefix} ${i}`)}&fields[OPPORTUNITY]=${100 + i}&fields[CURRENCY_ID]=EUR`;
    }
    const r = await t.hook('batch', { halt: 0, cmd });
    const result = obj(r.body.result);
    const ok = result.result;
    if (ok && typeof ok === 'object') for (const v of Object.values(ok)) if (typeof v === 'number') ids.push(v);
  }
  return ids;
}
