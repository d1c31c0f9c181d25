import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import Papa from 'papaparse';
import { join, resolve } from 'node:path';
import { createHookClient } from '../app/b24/hook-client.ts';
import { createOAuthClient } from '../app/b24/oauth-client.ts';
import { EntitySyncStore } from '../app/data/sync/entity-store.ts';
import { readPortalProducts } from '../app/data/sync/portal-catalog.ts';
import { runCatalogSync } from '../app/data/sync/run-sync.ts';
import { RATE_PLANS, type SyncClient } from '../app/data/sync/sync-client.ts';
import { restrictionParams } from '../cli/main.ts';
import { startBenchSandbox, type BenchServer } from './sandbox-server.ts';
import type { BenchRow } from './stats.ts';

interface LogEntry {
  method: string;
  status: number;
  error: string | null;
  batch?: string[];
}

const PLAN = RATE_PLANS.standard;
const PRODUCTS = 10_000;

/** Seconds the portal's bucket needs for `n` requests from idle: the burst is free, the rest drains. */
export const floorSeconds = (n: number) => Math.max(0, n - PLAN.burst) / PLAN.drainPerSecond;

const api = (server: BenchServer, path: string, init?: RequestInit) =>
  fetch(`${server.portal}sandbox/api/${path}`, init);
const log = async (server: BenchServer) => (await (await api(server, 'log')).json()) as LogEntry[];
const clearLog = (server: BenchServer) => api(server, 'log', { method: 'DELETE' });
const config = (server: BenchServer, body: Record<string, unknown>) =>
  api(server, 'config', { method: 'POST', body: JSON.stringify(body) });

/**
 * A sandbox on a fresh copy of the large seed (10,000 products with prices): the seed is made once in
 * `<dataDir>/sync-seed` (~35 s) and copied for each run, so runs never see each other's writes.
 */
async function freshSandbox(
  dataDir: string,
  name: string,
  port: number,
  args: string[],
): Promise<{ server: BenchServer; caPath: string }> {
  const seed = join(dataDir, 'sync-seed');
  const common = ['--port', String(port), '--app-url', 'http://127.0.0.1:5999/', '--seed', 'large'];
  if (!existsSync(join(seed, 'portal.sqlite'))) {
    mkdirSync(seed, { recursive: true });
    const seeding = await startBenchSandbox([...common, '--data', seed, '--rate-limit', 'off']);
    await seeding.stop();
  }
  const dir = join(dataDir, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(seed, dir, { recursive: true });
  const server = await startBenchSandbox([...common, '--data', dir, ...args]);
  return { server, caPath: join(dir, 'sandbox-ca.pem') };
}

/** Current names and base prices by external ID, read with the rate limit off (setup, not measured). */
async function currentProducts(
  client: SyncClient,
): Promise<Map<string, { name: string; price: number; currency: string }>> {
  const products = await readPortalProducts(client, {
    iblockId: 23,
    select: ['id', 'iblockId', 'xmlId', 'name'],
    priceTypeId: 1,
  });
  return new Map(
    products.map((p) => [
      p.xmlId,
      { name: p.name ?? '', price: p.price?.price ?? 0, currency: p.price?.currency ?? 'DKK' },
    ]),
  );
}

/** A new price that differs from the current one (so every product really is an update). */
const newPrice = (old: number, i: number) => {
  const p = Math.round((old * 1.05 + (i % 7) * 0.01) * 100) / 100;
  return p === old ? p + 1 : p;
};

/**
 * The sync goals (issue 6), each run on its own sandbox process with the standard rate limit
 * (50 burst, 2/s):
 * - reading the 10,000 products: HTTP requests;
 * - 10,000 price updates over a webhook: write requests, QUERY_LIMIT_EXCEEDED, wall time against the
 *   rate-limit floor for the requests sent; the naive one-call-per-product figures beside them
 *   (computed from the floor, not run: they would take well over an hour);
 * - a fault run in app context (20 % 503, 5 % 500, tokens expiring every 30 s): 9,000 updates and
 *   1,000 creates, then the catalog read back — every product right, none lost, none twice.
 *
 * @example rows.push(...(await benchSync({ dataDir: '.sandbox-bench' })));
 */
export async function benchSync(options: { dataDir?: string; port?: number } = {}): Promise<BenchRow[]> {
  const dataDir = resolve(options.dataDir ?? join(import.meta.dirname, '..', '.sandbox-bench'));
  const port = options.port ?? 4730;
  const rows: BenchRow[] = [];

  // 1 + 2. Reads and 10,000 price updates over a webhook, standard plan.
  {
    const { server, caPath } = await freshSandbox(dataDir, 'sync-standard', port, ['--rate-limit', 'standard']);
    try {
      const { client } = createHookClient(server.webhook, { caPath, restrictionParams: restrictionParams('standard') });
      await config(server, { rateLimit: 'off' });
      const prices = await currentProducts(client);
      if (prices.size !== PRODUCTS)
        throw new Error(`expected ${PRODUCTS} products in the large seed, found ${prices.size}`);
      const lines = ['external_id,price,currency'];
      let i = 0;
      for (const [xmlId, p] of prices) lines.push(`${xmlId},${newPrice(p.price, i++)},${p.currency}`);
      const feed = { bytes: new TextEncoder().encode(lines.join('\n')), name: 'prices.csv' };
      await config(server, { rateLimit: 'standard' });
      // The bucket drains while idle: start measuring from an empty one.
      await new Promise((r) => setTimeout(r, (PLAN.burst / PLAN.drainPerSecond) * 1000 + 500));

      await clearLog(server);
      const products = await readPortalProducts(client, { iblockId: 23, select: ['id', 'iblockId', 'xmlId', 'name'] });
      const readRequests = (await log(server)).length;
      rows.push({
        name: 'sync: read 10,000 products (HTTP requests)',
        value: readRequests,
        unit: 'req',
        goal: '≤ 5',
        pass: readRequests <= 5 && products.length === PRODUCTS,
        note: `${products.length} rows; naive: ${PRODUCTS / 50} list pages, or ${PRODUCTS} catalog.product.get`,
      });
      await new Promise((r) => setTimeout(r, (readRequests / PLAN.drainPerSecond) * 1000 + 500));

      await clearLog(server);
      const t0 = performance.now();
      const result = await runCatalogSync({
        client,
        profile: { name: 'bench-prices', kind: 'catalog' },
        feed,
        rateLimit: PLAN,
      });
      const wall = (performance.now() - t0) / 1000;
      const entries = await log(server);
      const writes = entries.filter((e) => e.batch?.some((m) => m.endsWith('.update') || m.endsWith('.add'))).length;
      const limited = entries.filter((e) => e.error === 'QUERY_LIMIT_EXCEEDED').length;
      const floor = floorSeconds(entries.length);
      if (result.status !== 'done' || result.run?.counts.updated !== PRODUCTS)
        throw new Error(`price sync ended ${result.status}: ${result.summary}`);
      rows.push(
        {
          name: 'sync: 10,000 price updates, write requests',
          value: writes,
          unit: 'req',
          goal: '≤ 201',
          pass: writes <= 201,
          note: `${PRODUCTS} catalog.price.update in batches of 50`,
        },
        {
          name: 'sync: 10,000 price updates, QUERY_LIMIT_EXCEEDED',
          value: limited,
          unit: '',
          goal: '0',
          pass: limited === 0,
          note: `${entries.length} requests in all, standard plan (50 burst, 2/s)`,
        },
        {
          name: 'sync: 10,000 price updates, wall time',
          value: wall,
          unit: 's',
          goal: `≤ 1.05 × floor (${(1.05 * floor).toFixed(1)} s)`,
          pass: wall <= 1.05 * floor,
          note: `floor ${floor.toFixed(1)} s = (${entries.length} requests − 50 burst) / 2 per s; reads, plan and writes, from an idle bucket`,
        },
      );
      const naive = PRODUCTS + PRODUCTS / 50;
      rows.push({
        name: 'sync: naive, one call per product (computed, not run)',
        value: Math.round(floorSeconds(naive) / 60),
        unit: 'min',
        goal: '—',
        pass: null,
        note: `${naive.toLocaleString('en-US')} requests (${PRODUCTS / 50} list pages + ${PRODUCTS.toLocaleString('en-US')} catalog.price.update): floor ${floorSeconds(naive).toFixed(0)} s vs ours ${wall.toFixed(0)} s`,
      });
    } finally {
      await server.stop();
    }
  }

  // 3. Fault run: app context, 20 % 503, 5 % 500, tokens expiring every 30 s.
  {
    const { server, caPath } = await freshSandbox(dataDir, 'sync-faults', port + 10, [
      '--rate-limit',
      'standard',
      '--faults',
      '503:0.2,500:0.05',
      '--token-ttl',
      '30',
    ]);
    try {
      await config(server, { rateLimit: 'off', faults: {} });
      const creds = (await (await api(server, 'tokens', { method: 'POST', body: '{"userId":1}' })).json()) as Record<
        string,
        string
      >;
      let refreshes = 0;
      const { client } = createOAuthClient({
        portalUrl: new URL(server.webhook).origin,
        clientId: creds.client_id!,
        clientSecret: creds.client_secret!,
        refreshToken: creds.refresh_token!,
        caPath,
        restrictionParams: restrictionParams('standard'),
        onTokens: () => {
          refreshes++;
        },
      });
      const current = await currentProducts(client);
      const want = new Map<string, { name: string; price: number; currency: string }>();
      let i = 0;
      for (const [xmlId, p] of current) {
        if (i >= PRODUCTS - 1000) break;
        want.set(xmlId, { name: p.name, price: newPrice(p.price, i++), currency: p.currency });
      }
      for (let n = 1; n <= 1000; n++)
        want.set(`FAULT-${n}`, {
          name: `Fault-run product ${n}`,
          price: 10 + n / 100,
          currency: n % 3 ? 'DKK' : 'EUR',
        });
      const csv = Papa.unparse({
        fields: ['external_id', 'name', 'price', 'currency'],
        data: [...want].map(([id, w]) => [id, w.name, w.price, w.currency]),
      });
      const feed = { bytes: new TextEncoder().encode(csv), name: 'faults.csv' };
      await config(server, { rateLimit: 'standard', faults: { 503: 0.2, 500: 0.05 } });
      await new Promise((r) => setTimeout(r, (PLAN.burst / PLAN.drainPerSecond) * 1000 + 500));
      await clearLog(server);
      const t0 = performance.now();
      const result = await runCatalogSync({
        client,
        store: new EntitySyncStore(client),
        profile: { name: 'bench-faults', kind: 'catalog' },
        feed,
        rateLimit: PLAN,
      });
      const wall = (performance.now() - t0) / 1000;
      const entries = await log(server);
      await config(server, { rateLimit: 'off', faults: {} });
      // Read the catalog back without faults and check every product.
      const back = await readPortalProducts(client, {
        iblockId: 23,
        select: ['id', 'iblockId', 'xmlId', 'name'],
        priceTypeId: 1,
      });
      const seen = new Map<string, number>();
      for (const p of back) seen.set(p.xmlId, (seen.get(p.xmlId) ?? 0) + 1);
      let correct = 0;
      const wrong: string[] = [];
      for (const p of back) {
        const w = want.get(p.xmlId);
        if (!w) continue;
        const ok = p.price?.price === w.price && p.price.currency === w.currency && p.name === w.name;
        if (ok && seen.get(p.xmlId) === 1) correct++;
        else if (wrong.length < 5) wrong.push(p.xmlId);
      }
      const duplicates = [...seen.values()].filter((n) => n > 1).length;
      const missing = [...want.keys()].filter((x) => !seen.has(x)).length;
      const count = (pred: (e: LogEntry) => boolean) => entries.filter(pred).length;
      rows.push({
        name: 'sync fault run: products correct after 10,000-product sync',
        value: correct,
        unit: `of ${want.size}`,
        goal: `${want.size}, none lost or twice`,
        pass: correct === want.size && duplicates === 0 && missing === 0 && result.status === 'done',
        note: `${result.status}; ${duplicates} duplicated, ${missing} missing${wrong.length ? `, wrong: ${wrong.join(' ')}` : ''}; ${entries.length} requests (${count((e) => e.status === 503)} × 503, ${count((e) => e.status === 500)} × 500, ${count((e) => e.status === 401)} × 401 expired, ${refreshes} token refreshes), ${wall.toFixed(0)} s; ${result.warnings.length} log warnings`,
      });
    } finally {
      await server.stop();
    }
  }
  return rows;
}
