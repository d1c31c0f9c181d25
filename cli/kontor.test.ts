import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../sandbox/test-utils.ts';
import { ECB } from '../app/data/sync/testing/fixtures.ts';

const BIN = resolve(import.meta.dirname, 'kontor.mjs');

let t: TestSandbox;
let dir: string;
let hook: string;

beforeAll(async () => {
  t = await startTestSandbox();
  hook = t.sandbox.webhookUrl;
  dir = mkdtempSync(join(tmpdir(), 'kontor-cli-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
}

/** Runs the CLI with plain node, as cron would, in the test's temporary directory. */
function kontor(...args: string[]): Promise<Run> {
  return kontorWith({}, ...args);
}

function kontorWith(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        // Not every command prints JSON (--help, usage errors).
      }
      done({ code, stdout, stderr, json });
    });
  });
}

const file = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const webhook = () => ['--webhook', hook, '--ca', t.sandbox.caPath];

type Row = Record<string, unknown>;

// Each case spawns node (tsx compiles the CLI on start): seconds per run on a busy machine.
describe('kontor CLI', { timeout: 120_000 }, () => {
  it('refuses bad command lines naming the flag or file, exit 2', async () => {
    const unknown = await kontor('sync', 'catalog', ...webhook(), '--source', 'x.csv', '--colour', 'red');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    const missing = await kontor('sync', 'catalog', ...webhook(), '--source', 'nope.csv');
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/--source: no such file nope\.csv/) });
    const http = await kontor('sync', 'catalog', '--webhook', hook.replace('https:', 'http:'), '--source', 'x.csv');
    expect(http).toMatchObject({ code: 2, stderr: expect.stringMatching(/--webhook: http:\/\/ is not supported/) });
    const noProfile = await kontor('sync', 'currency', ...webhook(), '--profile', 'ghost');
    expect(noProfile).toMatchObject({ code: 2, stderr: expect.stringMatching(/--profile: no profile "ghost"/) });
    const badCa = await kontor(
      'export',
      'catalog',
      '--webhook',
      hook,
      '--ca',
      'missing.pem',
      '--format',
      'csv',
      '--out',
      'x.csv',
    );
    expect(badCa).toMatchObject({ code: 2, stderr: expect.stringMatching(/--ca: no such file missing\.pem/) });
    const help = await kontor('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/kontor sync currency\|catalog/);
  });

  it('dry run from --source maps columns by header: JSON plan on stdout, progress on stderr, nothing written', async () => {
    const source = file(
      'erp.csv',
      'XML_ID;Name;Price;Quantity\nSKU-1001;Height-adjustable desk;1.111,00;4\nCLI-1;Pen holder;39,95;100\n',
    );
    const run = await kontor('sync', 'catalog', ...webhook(), '--source', source, '--dry-run');
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({
      command: 'sync catalog',
      status: 'planned',
      dryRun: true,
      profile: 'erp.csv',
      plan: { create: 1, update: 1, unchanged: 0 },
    });
    expect(run.json.preview).toEqual([
      expect.objectContaining({
        externalId: 'SKU-1001',
        action: 'update',
        line: 2,
        changes: expect.arrayContaining([{ field: 'price', from: expect.any(Number), to: 1111 }]),
      }),
      expect.objectContaining({ externalId: 'CLI-1', action: 'create', line: 3 }),
    ]);
    expect(run.stderr).toMatch(/\[kontor catalog\] reading the portal/);
    const products = await t.hook('catalog.product.list', {
      select: ['id', 'iblockId'],
      filter: { iblockId: 23, xmlId: 'CLI-1' },
    });
    expect((products.body.result as { products: Row[] }).products).toEqual([]);
    // The dry run is logged in the local JSON-lines file.
    const log = readFileSync(join(dir, 'kontor-sync.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    expect(log.at(-1)).toMatchObject({ type: 'run', status: 'planned', dryRun: true, profile: 'erp.csv' });
  });

  it('syncs with a local profile, appends the run and each change to the JSON-lines log; a rerun writes nothing', async () => {
    file(
      'profiles.json',
      JSON.stringify({
        profiles: [
          {
            name: 'erp',
            kind: 'catalog',
            source: { location: join(dir, 'erp-profile.csv') },
            mapping: {
              columns: { sku: 'externalId', title: 'name', net: 'price', brand: 'property:101', colour: 'ignore' },
            },
          },
        ],
      }),
    );
    file(
      'erp-profile.csv',
      'sku,title,net,brand,colour\nCLI-2,Stapler,59.5,Acme,red\nCLI-3,Ruler,9,,blue\nSKU-1002,Oak desk 160 cm,2000,Nordic,oak\n',
    );
    const args = [
      'sync',
      'catalog',
      ...webhook(),
      '--profile',
      'erp',
      '--profiles',
      'profiles.json',
      '--log',
      'erp.jsonl',
    ];
    const run = await kontor(...args);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ status: 'done', counts: { created: 2, updated: 1, failed: 0 }, notAttempted: 0 });
    expect(run.stderr).toMatch(/writing 3\/3 \(created 2, updated 1, deactivated 0, failed 0\)/);
    const log = readFileSync(join(dir, 'erp.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    expect(log.filter((l) => l.type === 'change').map((l) => [l.externalId, l.action, l.ok])).toEqual([
      ['CLI-2', 'create', true],
      ['CLI-3', 'create', true],
      ['SKU-1002', 'update', true],
    ]);
    expect(log.at(-1)).toMatchObject({ type: 'run', id: run.json.runId, status: 'done' });
    const again = await kontor(...args);
    expect(again.json).toMatchObject({
      status: 'done',
      plan: { create: 0, update: 0, unchanged: 3 },
      writeRequests: { writes: 0 },
    });

    // A product the portal refuses fails alone; the run says so and exits 1.
    file('erp-profile.csv', 'sku,title,net,brand,colour\nCLI-2,Stapler,61,Acme,red\n');
    const broken = file(
      'bad-profiles.json',
      readFileSync(join(dir, 'profiles.json'), 'utf8').replace('property:101', 'property:999'),
    );
    const partial = await kontor(
      'sync',
      'catalog',
      ...webhook(),
      '--profile',
      'erp',
      '--profiles',
      broken,
      '--log',
      'erp.jsonl',
    );
    expect(partial.code).toBe(1);
    expect(partial.json).toMatchObject({ status: 'done', counts: { updated: 0, failed: 1 } });
    expect(partial.json.failures).toEqual([{ externalId: 'CLI-2', line: 2, error: '0: Property 999 does not exist' }]);
  });

  it('refuses a bad feed with exit 3 and the line, column and value on stdout', async () => {
    const source = file('bad.csv', 'external_id,name,price\nCLI-9,Lamp,12\nCLI-10,Chair,twelve\n');
    const run = await kontor('sync', 'catalog', ...webhook(), '--source', source);
    expect(run.code).toBe(3);
    expect(run.json).toMatchObject({
      status: 'refused',
      errors: [{ code: 'NOT_A_NUMBER', line: 3, field: 'price', value: 'twelve' }],
    });
    expect(run.stderr).toMatch(/refused: line 3, column "price", value "twelve"/);
  });

  it('syncs currency rates from an ECB file, adding a missing currency (the CA from NODE_EXTRA_CA_CERTS)', async () => {
    const run = await kontorWith(
      { NODE_EXTRA_CA_CERTS: t.sandbox.caPath },
      'sync',
      'currency',
      '--webhook',
      hook,
      '--source',
      file('eurofxref-daily.xml', ECB),
      '--add-currencies',
      'JPY',
    );
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ status: 'done', applied: { added: ['JPY'], failed: [] } });
    expect(((await t.hook('crm.currency.get', { id: 'JPY' })).body.result as Row).AMOUNT_CNT).toBe('100');
  });

  it('exports the catalog as CSV, JSON and XML files', async () => {
    for (const format of ['csv', 'json', 'xml'] as const) {
      const out = `shop.${format}`;
      const run = await kontor(
        'export',
        'catalog',
        ...webhook(),
        '--format',
        format,
        '--out',
        out,
        '--currency',
        'EUR',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.json).toMatchObject({ status: 'done', format, currency: 'EUR', count: expect.any(Number) });
      const text = readFileSync(join(dir, out), 'utf8');
      const count = run.json.count as number;
      if (format === 'csv') expect(Papa.parse(text.trim(), { header: true }).data).toHaveLength(count);
      if (format === 'json') expect((JSON.parse(text) as { products: unknown[] }).products).toHaveLength(count);
      if (format === 'xml')
        expect((new XMLParser().parse(text) as { catalog: { product: unknown[] } }).catalog.product).toHaveLength(
          count,
        );
    }
  });

  it('works in app context with OAuth credentials: profiles and runs in the portal, the refresh token kept', async () => {
    const creds = (await (
      await t.raw('/sandbox/api/tokens', { method: 'POST', body: '{"userId":1}' })
    ).json()) as Record<string, string>;
    const portal = new URL(hook).origin;
    const app = [
      '--client-id',
      creds.client_id!,
      '--client-secret',
      creds.client_secret!,
      '--portal',
      portal,
      '--ca',
      t.sandbox.caPath,
      '--token-file',
      'token.json',
    ];
    file(
      'app-profiles.json',
      JSON.stringify({
        profiles: [
          { name: 'rates', kind: 'currency', source: { location: join(dir, 'rates.csv') }, addCurrencies: 'all' },
        ],
      }),
    );
    file('rates.csv', 'currency,rate,amount_cnt\nCHF,7.70,1\n');
    const imported = await kontor(
      'profiles',
      'import',
      ...app,
      '--refresh-token',
      creds.refresh_token!,
      '--profiles',
      'app-profiles.json',
    );
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json).toMatchObject({ imported: ['rates'] });
    // The refresh token was used and rotated: the next run logs in with the one kept in token.json.
    const kept = JSON.parse(readFileSync(join(dir, 'token.json'), 'utf8')) as { refreshToken: string };
    expect(kept.refreshToken).not.toBe(creds.refresh_token);
    const run = await kontor('sync', 'currency', ...app, '--profile', 'rates');
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ status: 'done', store: 'entity', applied: { added: ['CHF'] } });
    const runs = await kontor('runs', 'list', ...app, '--profile', 'rates');
    expect(runs.json).toEqual([expect.objectContaining({ id: run.json.runId, status: 'done', kind: 'currency' })]);
    expect(
      existsSync(join(dir, 'kontor-sync.jsonl')) && readFileSync(join(dir, 'kontor-sync.jsonl'), 'utf8'),
    ).not.toContain('"rates"');
  });
});
