import type { BenchRow } from './stats.ts';
import { percentile } from './stats.ts';
import type { BenchServer } from './sandbox-server.ts';

interface LogEntry {
  method: string;
  durationMs: number;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Server-side durations of the logged requests since the last clear. */
async function serverDurations(server: BenchServer): Promise<number[]> {
  const log = (await (await fetch(`${server.portal}sandbox/api/log`)).json()) as LogEntry[];
  return log.map((e) => e.durationMs);
}

const clearLog = (server: BenchServer) => fetch(`${server.portal}sandbox/api/log`, { method: 'DELETE' });

/** The sandbox's speed goals (issue 2), measured on `--seed large` with the rate limit off. */
export async function benchSandbox(server: BenchServer): Promise<BenchRow[]> {
  // The plain-HTTP form of the webhook: same path, no TLS cost in the numbers.
  const hook = server.webhook.replace(
    /^https:\/\/([^:/]+):(\d+)/,
    (_m, host: string, port: string) => `http://${host}:${Number(port) - 1}`,
  );
  const rows: BenchRow[] = [];

  // 1. One 50-row cursor page over 100,000 deals, time inside the server.
  const probe = await post(`${hook}crm.deal.list`, { start: -1, order: { ID: 'DESC' }, select: ['ID'] });
  const maxId = Number(((probe.json.result as { ID: string }[])[0] ?? { ID: '0' }).ID);
  if (maxId < 100_000) throw new Error(`expected --seed large (≥ 100,000 deals), the highest deal id is ${maxId}`);
  await clearLog(server);
  const pageWall: number[] = [];
  for (let i = 0; i < 300; i++) {
    const cursor = Math.floor((i * 7919) % (maxId - 100));
    const t0 = performance.now();
    const r = await post(`${hook}crm.deal.list`, {
      order: { ID: 'ASC' },
      filter: { '>ID': cursor },
      select: ['ID', 'TITLE', 'STAGE_ID', 'OPPORTUNITY', 'CURRENCY_ID', 'ASSIGNED_BY_ID'],
      start: -1,
    });
    pageWall.push(performance.now() - t0);
    if ((r.json.result as unknown[]).length !== 50)
      throw new Error(`cursor page at ${cursor} returned ${(r.json.result as unknown[]).length} rows`);
  }
  const pageServer = await serverDurations(server);
  const p50page = percentile(pageServer, 50);
  rows.push({
    name: 'sandbox: 50-row >ID cursor page, 100k deals (server p50)',
    value: p50page,
    unit: 'ms',
    goal: '≤ 5 ms',
    pass: p50page <= 5,
    note: `p95 ${percentile(pageServer, 95).toFixed(2)} ms, wall p50 ${percentile(pageWall, 50).toFixed(2)} ms`,
  });

  // 1b. The same cursor page for products (10,000) and tasks (5,000).
  for (const [label, method, params, count] of [
    [
      'products',
      'catalog.product.list',
      (from: number) => ({
        select: ['id', 'iblockId', 'name', 'xmlId'],
        filter: { iblockId: 23, '>id': from },
        order: { id: 'ASC' },
        start: -1,
      }),
      9000,
    ],
    [
      'tasks',
      'tasks.task.list',
      (from: number) => ({
        select: ['ID', 'TITLE', 'STATUS', 'RESPONSIBLE_ID'],
        filter: { '>ID': from },
        order: { ID: 'ASC' },
        start: -1,
      }),
      4500,
    ],
  ] as const) {
    await clearLog(server);
    for (let i = 0; i < 100; i++) await post(`${hook}${method}`, params((i * 97) % count));
    const durations = await serverDurations(server);
    const p50 = percentile(durations, 50);
    rows.push({
      name: `sandbox: 50-row >id cursor page, ${label} (server p50)`,
      value: p50,
      unit: 'ms',
      goal: '≤ 5 ms',
      pass: p50 <= 5,
      note: `p95 ${percentile(durations, 95).toFixed(2)} ms`,
    });
  }

  // 2. A 50-command batch of chained cursor pages (2,500 rows).
  await clearLog(server);
  const batchWall: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = (i * 4999) % (maxId - 3000);
    const cmd: Record<string, string> = {};
    for (let p = 0; p < 50; p++) {
      const from = p === 0 ? String(start) : `$result[p${p - 1}][49][ID]`;
      cmd[`p${p}`] =
        `crm.deal.list?order[ID]=ASC&filter[>ID]=${from}&select[]=ID&select[]=TITLE&select[]=STAGE_ID&select[]=OPPORTUNITY&start=-1`;
    }
    const t0 = performance.now();
    const r = await post(`${hook}batch`, { halt: 0, cmd });
    batchWall.push(performance.now() - t0);
    const pages = (r.json.result as { result: Record<string, unknown[]> }).result;
    const total = Object.values(pages).reduce((n, p) => n + p.length, 0);
    if (total !== 2500) throw new Error(`chained batch returned ${total} rows, expected 2500`);
  }
  const batchServer = await serverDurations(server);
  const p50batch = percentile(batchServer, 50);
  rows.push({
    name: 'sandbox: 50-command batch of cursor pages (server p50)',
    value: p50batch,
    unit: 'ms',
    goal: '≤ 150 ms',
    pass: p50batch <= 150,
    note: `wall p50 ${percentile(batchWall, 50).toFixed(1)} ms, 2,500 rows each`,
  });

  // 3. Throughput of simple calls over loopback, rate limit off.
  const total = 4000;
  const concurrency = 16;
  let sent = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent++;
        const res = await fetch(`${hook}server.time`);
        await res.arrayBuffer();
        if (res.status !== 200) failed++;
      }
    }),
  );
  const perSecond = Math.round(total / ((performance.now() - t0) / 1000));
  rows.push({
    name: 'sandbox: simple calls per second (loopback, limit off)',
    value: perSecond,
    unit: 'calls/s',
    goal: '≥ 1,000',
    pass: perSecond >= 1000 && failed === 0,
    note: `${total} calls, ${concurrency} in flight, ${failed} failed`,
  });
  return rows;
}
