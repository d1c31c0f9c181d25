import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchTabColdOpen, ensureInstalled, launchChromium } from './browser-bench.ts';
import { buildKontor } from './build.ts';
import { calendarBenchRows } from './calendar-bench.ts';
import { gridBenchRows } from './grid-bench.ts';
import { benchSync } from './sync-bench.ts';
import { benchTasks } from './tasks-bench.ts';
import { benchKontor } from './kontor-bench.ts';
import { benchSandbox } from './sandbox-bench.ts';
import { startBenchSandbox } from './sandbox-server.ts';
import { printTable, type BenchRow } from './stats.ts';

/**
 * `npm run bench`: every speed and size goal, measured side by side in one run against a sandbox
 * seeded with `--seed large` (kept in .sandbox-bench/ between runs). Prints a table and writes
 * bench/results.json. Exits non-zero only when a measurement could not be taken.
 */
async function main(): Promise<void> {
  const dataDir = resolve(import.meta.dirname, '..', '.sandbox-bench');
  // Kontor as the code is now, hosted by the bench portal as its static app.
  const distDir = join(dataDir, 'app-dist');
  await buildKontor(distDir);
  const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'manifest.json'), 'utf8')) as {
    scopes: string[];
  };
  const server = await startBenchSandbox([
    '--app-dir',
    distDir,
    '--app-scopes',
    manifest.scopes.join(','),
    '--port',
    '4700',
    '--data',
    dataDir,
    '--seed',
    'large',
    '--rate-limit',
    'off',
  ]);
  const rows: BenchRow[] = [];
  try {
    rows.push(...(await benchSandbox(server)));
    rows.push(...(await benchKontor(server, distDir)));
    const info = (await (await fetch(`${server.portal}sandbox/api/info`)).json()) as { ca: string };
    rows.push(...(await benchTasks(server, info.ca)));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await ensureInstalled(page, server);
      await page.close();
      rows.push(...(await benchTabColdOpen(browser, server)));
      rows.push(...(await gridBenchRows({ portalOrigin: server.portal })));
      rows.push(...(await calendarBenchRows(server, { browser })));
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  // The sync goals run on their own sandbox processes with the standard rate limit (issue 6).
  rows.push(...(await benchSync({ dataDir })));
  printTable(rows);
  const out = resolve(import.meta.dirname, 'results.json');
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

main().catch((e: unknown) => {
  console.error('bench failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
