import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHookClient } from '../app/b24/hook-client.ts';
import { TEST_RESTRICTION_PARAMS } from '../app/b24/restrictions.ts';
import type { TaskFilter } from '../app/data/providers/task-filter.ts';
import { streamTasks, TASK_ROW_SELECT } from '../app/data/providers/task-stream.ts';
import { TASK_CAP } from '../app/data/query/task-list.ts';
import { startBenchSandbox, type BenchServer } from './sandbox-server.ts';
import { percentile, printTable, type BenchRow } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 5;
/** `--seed large` holds exactly this many tasks, all visible to the admin the webhook acts as. */
const TASKS = 5_000;

const logCount = async (server: BenchServer) =>
  ((await (await fetch(`${server.portal}sandbox/api/log`)).json()) as unknown[]).length;
const clearLog = (server: BenchServer) => fetch(`${server.portal}sandbox/api/log`, { method: 'DELETE' });

/** A fresh client, as a section opening cold has (new connections, TLS); the limiter raised like in tests. */
function hook(server: BenchServer, caPath: string) {
  return createHookClient(server.webhook, { caPath, restrictionParams: TEST_RESTRICTION_PARAMS });
}

interface Sample {
  first: number;
  all: number;
  rows: number;
  requests: number;
  /** Requests sent by the time the first rows arrived. */
  toFirst: number;
}

/** The task section's read (app/data/providers/task-stream.ts) of the whole filtered list, as the section does it. */
async function sectionRead(server: BenchServer, caPath: string, filter: TaskFilter): Promise<Sample> {
  const { client } = hook(server, caPath);
  await clearLog(server);
  const t0 = performance.now();
  let first = 0;
  let toFirst = 0;
  let rows = 0;
  let paused = 0;
  for await (const chunk of streamTasks(client, { filter, cap: TASK_CAP })) {
    if (rows === 0 && chunk.rows.length > 0) {
      first = performance.now() - t0;
      toFirst = await logCount(server);
      // The log read is the bench's, not the section's: keep it out of the time.
      paused = performance.now() - t0 - first;
    }
    rows += chunk.rows.length;
  }
  const all = performance.now() - t0 - paused;
  return { first, all, rows, requests: await logCount(server), toFirst };
}

/** What an app without the cursor chain does: one `tasks.task.list` call per 50-row offset page. */
async function offsetRead(server: BenchServer, caPath: string): Promise<Sample> {
  const { b24 } = hook(server, caPath);
  await clearLog(server);
  const t0 = performance.now();
  let first = 0;
  let rows = 0;
  for (let start = 0; ; start += 50) {
    const page = await b24.actions.v2.call.make({
      method: 'tasks.task.list',
      params: { select: TASK_ROW_SELECT, order: { ID: 'DESC' }, start },
    });
    const tasks = (page.getData() as { result: { tasks: unknown[] } }).result.tasks;
    if (start === 0) first = performance.now() - t0;
    rows += tasks.length;
    if (tasks.length < 50) break;
  }
  return { first, all: performance.now() - t0, rows, requests: await logCount(server), toFirst: 1 };
}

/**
 * The task section's list of 5,000 tasks (issue 5): HTTP requests and time to the first and to all rows, read
 * through the data layer's stream (first page alone, then 2,500 rows per request), beside offset paging.
 * Needs a sandbox with `--seed large`, rate limit off.
 * @example rows.push(...(await benchTasks(server, info.ca)));
 */
export async function benchTasks(server: BenchServer, caPath: string): Promise<BenchRow[]> {
  const measure = async (read: () => Promise<Sample>, runs: number, expected?: number) => {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await read());
    for (const s of samples)
      if (expected !== undefined && s.rows !== expected) throw new Error(`read ${s.rows} tasks, expected ${expected}`);
    return {
      rows: samples[0]!.rows,
      requests: Math.max(...samples.map((s) => s.requests)),
      toFirst: Math.max(...samples.map((s) => s.toFirst)),
      first: percentile(
        samples.map((s) => s.first),
        50,
      ),
      all: percentile(
        samples.map((s) => s.all),
        50,
      ),
      all95: percentile(
        samples.map((s) => s.all),
        95,
      ),
    };
  };
  const streamed = await measure(() => sectionRead(server, caPath, { role: 'all' }), RUNS, TASKS);
  // "Mine" on a cold section: the current user is read in the list's first request.
  const mine = await measure(() => sectionRead(server, caPath, { role: 'responsible' }), RUNS);
  const offsets = await measure(() => offsetRead(server, caPath), 1, TASKS);
  return [
    {
      name: 'kontor: task list, 5,000 tasks streamed (HTTP requests)',
      value: streamed.requests,
      unit: 'req',
      goal: '≤ 3',
      pass: streamed.requests <= 3,
      note: `first rows p50 ${streamed.first.toFixed(0)} ms, all rows p50 ${streamed.all.toFixed(0)} ms, p95 ${streamed.all95.toFixed(0)} ms`,
    },
    {
      name: 'kontor: task list, 5,000 tasks streamed (time to all rows, p50)',
      value: Math.round(streamed.all),
      unit: 'ms',
      goal: '—',
      pass: null,
      note: `${RUNS} cold reads through app/data/providers/task-stream.ts`,
    },
    {
      name: 'kontor: task list, "mine" cold (HTTP requests to the first rows)',
      value: mine.toFirst,
      unit: 'req',
      goal: '1',
      pass: mine.toFirst === 1,
      note: `user.current joins the first page's batch; ${mine.rows} tasks in ${mine.requests} requests, all rows p50 ${mine.all.toFixed(0)} ms`,
    },
    {
      name: 'kontor: task list, 5,000 tasks by offset pages (HTTP requests)',
      value: offsets.requests,
      unit: 'req',
      goal: '—',
      pass: null,
      note: `for comparison: one call per 50 rows, all rows ${offsets.all.toFixed(0)} ms`,
    },
  ];
}

/**
 * `node --import tsx bench/tasks-bench.ts`: the task bench on its own, against a sandbox of its own (port 4720,
 * data in .sandbox-bench/tasks/, a copy of .sandbox-bench's large seed when there is one).
 */
async function main(): Promise<void> {
  const dataDir = resolve(ROOT, '.sandbox-bench', 'tasks');
  mkdirSync(dataDir, { recursive: true });
  const seeded = resolve(ROOT, '.sandbox-bench', 'portal.sqlite');
  if (!existsSync(resolve(dataDir, 'portal.sqlite')) && existsSync(seeded))
    copyFileSync(seeded, resolve(dataDir, 'portal.sqlite'));
  const server = await startBenchSandbox([
    '--port',
    '4720',
    '--data',
    dataDir,
    '--seed',
    'large',
    '--rate-limit',
    'off',
  ]);
  try {
    const info = (await (await fetch(`${server.portal}sandbox/api/info`)).json()) as { ca: string };
    printTable(await benchTasks(server, info.ca));
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    console.error('tasks bench failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
