import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { B24Hook } from '@bitrix24/b24jssdk';
import type { Params } from '../app/b24/client.ts';
import { createHookClient } from '../app/b24/hook-client.ts';
import { TEST_RESTRICTION_PARAMS } from '../app/b24/restrictions.ts';
import { buildFloor } from './build.ts';
import type { BenchServer } from './sandbox-server.ts';
import { percentile, type BenchRow } from './stats.ts';

const OPENS = 25;
const DEALS = 10_000;

interface LogEntry {
  method: string;
}

const logCount = async (server: BenchServer) =>
  ((await (await fetch(`${server.portal}sandbox/api/log`)).json()) as LogEntry[]).length;
const clearLog = (server: BenchServer) => fetch(`${server.portal}sandbox/api/log`, { method: 'DELETE' });

/**
 * A fresh SDK client over the https webhook, as a tab opening cold has (new connections, TLS).
 * The limiter is raised like in tests: with the SDK's 2 calls/s the offset pages alone take minutes.
 */
function hook(server: BenchServer, caPath: string) {
  return createHookClient(server.webhook, { caPath, restrictionParams: TEST_RESTRICTION_PARAMS });
}

/** Kontor's speed and size goals (issue 3), on `--seed large` with the rate limit off. */
export async function benchKontor(server: BenchServer, distDir: string): Promise<BenchRow[]> {
  const info = (await (await fetch(`${server.portal}sandbox/api/info`)).json()) as { ca: string };
  const rows: BenchRow[] = [];
  rows.push(...(await benchTabOpen(server, info.ca)));
  rows.push(...(await benchBulkRead(server, info.ca)));
  rows.push(...(await bundleRows(distDir)));
  return rows;
}

// (a) A CRM deal tab opening cold: six different reads.
async function benchTabOpen(server: BenchServer, caPath: string): Promise<BenchRow[]> {
  const { client: setup } = hook(server, caPath);
  const dealId = 4242;
  const deal = (
    await setup.call<{ item: { categoryId: number; contactIds?: number[] } }>('crm.item.get', {
      entityTypeId: 2,
      id: dealId,
    })
  ).result.item;
  const reads: [string, Params][] = [
    ['crm.item.get', { entityTypeId: 2, id: dealId }],
    ['crm.item.fields', { entityTypeId: 2 }],
    ['crm.status.list', { filter: { ENTITY_ID: deal.categoryId ? `DEAL_STAGE_${deal.categoryId}` : 'DEAL_STAGE' } }],
    ['crm.item.list', { entityTypeId: 3, filter: { '@id': deal.contactIds?.length ? deal.contactIds : [0] } }],
    ['tasks.task.list', { filter: { UF_CRM_TASK: [`D_${dealId}`] }, select: ['ID', 'TITLE', 'STATUS'] }],
    ['crm.timeline.comment.list', { filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' } }],
  ];
  const measure = async (open: () => Promise<unknown[]>) => {
    const times: number[] = [];
    let requests = 0;
    for (let i = 0; i < OPENS; i++) {
      await clearLog(server);
      const t0 = performance.now();
      const answers = await open();
      times.push(performance.now() - t0);
      if (answers.length !== reads.length) throw new Error('a tab read went missing');
      requests = Math.max(requests, await logCount(server));
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95), requests };
  };
  const coalesced = await measure(() => {
    const { client } = hook(server, caPath);
    return Promise.all(reads.map(([method, params]) => client.call(method, params)));
  });
  const separate = await measure(() => {
    const { b24 } = hook(server, caPath);
    return Promise.all(reads.map(([method, params]) => b24.actions.v2.call.make({ method, params })));
  });
  return [
    {
      name: 'kontor: CRM tab cold open, 6 reads coalesced (HTTP requests)',
      value: coalesced.requests,
      unit: 'req',
      goal: '1',
      pass: coalesced.requests === 1,
      note: `time to data p50 ${coalesced.p50.toFixed(1)} ms, p95 ${coalesced.p95.toFixed(1)} ms`,
    },
    {
      name: 'kontor: CRM tab cold open, 6 reads one request each (HTTP requests)',
      value: separate.requests,
      unit: 'req',
      goal: '—',
      pass: null,
      note: `time to data p50 ${separate.p50.toFixed(1)} ms, p95 ${separate.p95.toFixed(1)} ms (6 parallel SDK calls)`,
    },
  ];
}

// (b) 10,000 deals: streaming vs SDK callList vs offset pages, same server, same run.
async function benchBulkRead(server: BenchServer, caPath: string): Promise<BenchRow[]> {
  const filter = { '<=ID': DEALS };
  const select = ['ID', 'TITLE', 'STAGE_ID', 'OPPORTUNITY', 'CURRENCY_ID', 'ASSIGNED_BY_ID'];
  const run = async (label: string, read: (b24: B24Hook) => Promise<number>, goal: string, target: number | null) => {
    const { b24 } = hook(server, caPath);
    await clearLog(server);
    const t0 = performance.now();
    const count = await read(b24);
    const wall = performance.now() - t0;
    const requests = await logCount(server);
    if (count !== DEALS) throw new Error(`${label} read ${count} deals, expected ${DEALS}`);
    const perRequest = Math.round(count / requests);
    return {
      name: `kontor: 10,000 deals, ${label} (rows per HTTP request)`,
      value: perRequest,
      unit: 'rows/req',
      goal,
      pass: target === null ? null : perRequest >= target,
      note: `${requests} requests, wall ${(wall / 1000).toFixed(2)} s`,
    } satisfies BenchRow;
  };
  const streaming = await run(
    'B24Client list streaming',
    async () => {
      const { client } = hook(server, caPath);
      let n = 0;
      for await (const page of client.list('crm.deal.list', { filter, select })) n += page.length;
      return n;
    },
    '≥ 2,400',
    2400,
  );
  const callList = await run(
    'SDK actions.v2.callList',
    async (b24) => {
      const result = await b24.actions.v2.callList.make({
        method: 'crm.deal.list',
        params: { filter, select },
        idKey: 'ID',
      });
      if (!result.isSuccess) throw new Error(result.getErrorMessages().join('; '));
      return (result.getData() ?? []).length;
    },
    '—',
    null,
  );
  const offset = await run(
    'offset pages start=0,50,…',
    async (b24) => {
      let n = 0;
      for (let start = 0; ; start += 50) {
        const page = await b24.actions.v2.call.make({
          method: 'crm.deal.list',
          params: { filter, select, order: { ID: 'ASC' }, start },
        });
        const rows = (page.getData() as { result: unknown[] }).result;
        n += rows.length;
        if (rows.length < 50) return n;
      }
    },
    '—',
    null,
  );
  return [streaming, callList, offset];
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/** JS files a page loads for `keys`: the chunks and their static imports, each once. */
function jsClosure(manifest: Record<string, ManifestChunk>, keys: string[]): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  keys.forEach(visit);
  return [...files].filter((f) => f.endsWith('.js'));
}

// (c) gzip size of the JS a CRM detail tab loads vs the workspace, next to the floor the required
// libraries set (bench/bundle-floor: React, the SDK, Mantine, i18next and TanStack Query, no Kontor code).
async function bundleRows(distDir: string): Promise<BenchRow[]> {
  const out = mkdtempSync(join(tmpdir(), 'kontor-bench-build-'));
  try {
    await buildFloor(join(out, 'floor'));
    const app = readManifest(distDir);
    const floor = jsSize(join(out, 'floor'), jsClosure(readManifest(join(out, 'floor')), ['index.html']));
    const screens = [
      ['CRM detail tab', 'placement-handlers/handlers/crm-detail-tab.tsx', 180],
      ['workspace', 'placement-handlers/handlers/workspace.tsx', null],
    ] as const;
    const rows: BenchRow[] = screens.map(([label, handler, limit]) => {
      if (!app[handler]) throw new Error(`${handler} is not in the build manifest`);
      const size = jsSize(distDir, jsClosure(app, ['index.html', handler]));
      return {
        name: `kontor: JS loaded by the ${label} (gzip)`,
        value: size.kb,
        unit: 'KB',
        goal: limit === null ? '—' : `≤ ${limit} KB`,
        pass: limit === null ? null : size.kb <= limit,
        note: `${size.files} files, ${size.rawKb} KB raw; ${(size.kb - floor.kb).toFixed(1)} KB above the floor`,
      };
    });
    rows.push({
      name: 'floor: React + SDK + Mantine + i18next + Query alone (gzip)',
      value: floor.kb,
      unit: 'KB',
      goal: '—',
      pass: null,
      note: 'bench/bundle-floor: each library used the least a placement can; no Kontor code',
    });
    return rows;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function readManifest(distDir: string): Record<string, ManifestChunk> {
  return JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}

/** gzip -9 size of `files` in KB (one decimal), as a browser fetching them compressed would transfer. */
function jsSize(distDir: string, files: string[]): { kb: number; rawKb: string; files: number } {
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length, 0);
  const raw = files.reduce((sum, f) => sum + readFileSync(join(distDir, f)).length, 0);
  return { kb: Math.round(bytes / 100) / 10, rawKb: (raw / 1000).toFixed(1), files: files.length };
}
