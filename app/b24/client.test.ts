import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { ApiVersion, B24Hook } from '@bitrix24/b24jssdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../sandbox/test-utils.ts';
import { B24Client } from './client.ts';
import { BitrixError } from './errors.ts';
import { sdkCaller } from './sdk-caller.ts';

// The data layer is tested against a real sandbox over HTTP(S), through the unmodified SDK.
let t: TestSandbox;
let client: B24Client;

interface LogEntry {
  method: string;
  batch?: string[];
}

const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const clearLog = () => t.raw('/sandbox/api/log', { method: 'DELETE' });

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  const b24 = B24Hook.fromWebhookUrl(t.sandbox.webhookUrl, {
    restrictionParams: {
      rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false },
      operatingLimit: { windowMs: 600_000, limitMs: 480_000, heavyPercent: 80 },
      adaptiveConfig: { enabled: false, thresholdPercent: 80, coefficient: 0.01, maxDelay: 7000 },
      maxRetries: 3,
      retryDelay: 100,
      retryOnNetworkError: true,
    },
  });
  // NODE_EXTRA_CA_CERTS is read at process start only; trust the sandbox's certificate per client.
  const agent = new Agent({ ca: [...rootCertificates, readFileSync(t.sandbox.caPath, 'utf8')], keepAlive: true });
  b24.getHttpClient(ApiVersion.v2).ajaxClient.defaults.httpsAgent = agent;
  client = new B24Client(sdkCaller(b24));
  // 2,600 deals: 52 batches of 50 adds.
  for (let b = 0; b < 52; b++) {
    const cmd: Record<string, string> = {};
    for (let i = 0; i < 50; i++) cmd[`a${i}`] = `crm.deal.add?fields[TITLE]=Deal ${b * 50 + i + 1}&fields[OPPORTUNITY]=${i * 10}`;
    const res = await t.hook('batch', { halt: 1, cmd });
    expect(res.status).toBe(200);
  }
}, 120_000);

afterAll(async () => t?.close());

describe('B24Client', () => {
  it('sends calls issued in the same tick as one batch request, each caller getting its own answer', async () => {
    await clearLog();
    const [time, scope, missing, deal] = await Promise.allSettled([
      client.call('server.time'),
      client.call('scope'),
      client.call('crm.deal.get', { id: 999_999 }),
      client.call<{ TITLE: string }>('crm.deal.get', { id: 1 }),
    ]);
    expect(time.status).toBe('fulfilled');
    expect(scope.status).toBe('fulfilled');
    expect(deal.status === 'fulfilled' && deal.value.result.TITLE).toBe('Deal 1');
    // Legacy CRM errors carry an empty code; the client still reports them per caller.
    expect(missing.status).toBe('rejected');
    const reason = (missing as PromiseRejectedResult).reason as BitrixError;
    expect(reason).toBeInstanceOf(BitrixError);
    expect(reason.description).toMatch(/not found/i);
    const entries = await log();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.method).toBe('batch');
    expect(entries[0]!.batch).toEqual(['server.time', 'scope', 'crm.deal.get', 'crm.deal.get']);
  });

  it('sends a lone call as itself', async () => {
    await clearLog();
    await client.call('server.time');
    expect((await log()).map((e) => e.method)).toEqual(['server.time']);
  });

  it('splits more than 50 same-tick calls into batches of 50', async () => {
    await clearLog();
    const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => client.call<{ ID: string }>('crm.deal.get', { id: i + 1 })));
    expect(answers.map((a) => a.result.ID)).toEqual(Array.from({ length: 120 }, (_, i) => String(i + 1)));
    expect((await log()).map((e) => e.batch?.length)).toEqual([50, 50, 20]);
  });

  it('streams a legacy list with one HTTP request per 2,500 rows, no row twice or missing', async () => {
    await clearLog();
    const ids: number[] = [];
    for await (const page of client.list<{ ID: string }>('crm.deal.list', { select: ['ID', 'TITLE'] })) ids.push(...page.map((r) => Number(r.ID)));
    expect(ids).toHaveLength(2600);
    expect(new Set(ids).size).toBe(2600);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await log()).toHaveLength(2);
  });

  it('streams crm.item.list (rows wrapped in items, lower-case id) the same way', async () => {
    await clearLog();
    const rows = await client.listAll<{ id: number; title: string }>('crm.item.list', { entityTypeId: 2, select: ['id', 'title'], filter: { '>opportunity': 400 } });
    // Opportunities cycle 0..490 by 10 per batch of 50: 9 of every 50 are > 400.
    expect(rows).toHaveLength(52 * 9);
    expect(typeof rows[0]!.id).toBe('number');
    expect(await log()).toHaveLength(1);
  });

  it('rejects a broken list call with the portal error', async () => {
    await expect(client.listAll('crm.item.list', { entityTypeId: 99_999 })).rejects.toBeInstanceOf(BitrixError);
  });
});
