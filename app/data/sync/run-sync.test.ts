import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProduct } from '../../../sandbox/rest/methods/catalog-store.ts';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { BitrixError } from '../../b24/errors.ts';
import { sandboxClient } from '../testing/sandbox-client.ts';
import { FileSyncStore } from './file-store.ts';
import { MAX_FEED_BYTES } from './decode.ts';
import { syncNotifier } from './notify.ts';
import { runCatalogSync } from './run-sync.ts';
import { RATE_PLANS, type SyncClient } from './sync-client.ts';
import type { SyncProfile } from './sync-store.ts';
import { feedOf, writesIn } from './testing/sync-sandbox.ts';

let t: TestSandbox;
let sb: ReturnType<typeof sandboxClient>;
let dir: string;

type Row = Record<string, unknown>;

beforeAll(async () => {
  t = await startTestSandbox();
  sb = sandboxClient(t);
  dir = mkdtempSync(join(tmpdir(), 'kontor-sync-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const store = (name: string) =>
  new FileSyncStore({ profilesPath: join(dir, `${name}.profiles.json`), logPath: join(dir, `${name}.jsonl`) });

/** Products by external ID, straight from the portal (with the base price and property 101). */
async function portalProducts(xmlIds: string[]): Promise<Map<string, Row[]>> {
  const rows = await sb.client.listAll<Row>('catalog.product.list', {
    select: [
      'id',
      'iblockId',
      'xmlId',
      'name',
      'code',
      'active',
      'quantity',
      'iblockSectionId',
      'detailText',
      'previewText',
      'purchasingPrice',
      'property101',
    ],
    filter: { iblockId: 23, '@xmlId': xmlIds },
  });
  const prices = rows.length
    ? await sb.client.listAll<Row>('catalog.price.list', { filter: { '@productId': rows.map((r) => r.id) } })
    : [];
  const out = new Map<string, Row[]>();
  for (const r of rows)
    out.set(String(r.xmlId), [
      ...(out.get(String(r.xmlId)) ?? []),
      { ...r, price: prices.find((p) => p.productId === r.id) },
    ]);
  return out;
}

async function sectionPath(id: unknown): Promise<string> {
  const names: string[] = [];
  for (let at = id; at;) {
    const s = ((await t.hook('catalog.section.get', { id: at })).body.result as { section: Row }).section;
    names.unshift(String(s.name));
    at = s.iblockSectionId;
  }
  return names.join('/');
}

describe('catalog sync against the sandbox', () => {
  const profile: SyncProfile = { name: 'erp', kind: 'catalog' };
  let feedText: string;

  it('dry run plans field by field and writes nothing; apply writes in batches; a rerun changes nothing', async () => {
    const before = await portalProducts(['SKU-1001', 'SKU-1002']);
    const [desk] = before.get('SKU-1002')!;
    const [sku1001] = before.get('SKU-1001')!;
    const price = desk!.price as Row;
    feedText = [
      'external_id;name;price;currency;section;description;active;quantity;PROPERTY_101',
      'SKU-1001;Height-adjustable desk;1.299,00;DKK;Office furniture/Desks;Electric, 2 motors;Y;12;Acme',
      `SKU-1002;${desk!.name};${String(price.price).replace('.', ',')};${price.currency};${await sectionPath(desk!.iblockSectionId)};;${desk!.active};${desk!.quantity};`,
      'NEW-1;Reading lamp;249,95;EUR;Lighting/Reading lamps;;Y;5;Lumo',
      'NEW-2;Floor cushion;99;DKK;Home/Textiles/Cushions;;N;0;',
    ].join('\n');
    const feed = feedOf(feedText, 'erp.csv');
    await sb.clearLog();
    const dry = await runCatalogSync({ client: sb.client, profile, feed, dryRun: true });
    expect(dry.status).toBe('planned');
    expect(dry.plan!.counts).toEqual({ create: 2, update: 1, deactivate: 0, unchanged: 1, conflict: 0 });
    const upd = dry.plan!.items.find((i) => i.externalId === 'SKU-1001')!;
    expect(upd.changes.map((c) => c.field)).toEqual(['price', 'description', 'quantity', 'property:101']);
    expect(upd.changes[0]).toEqual({ field: 'price', from: expect.any(Number), to: 1299 });
    expect(upd.changes[3]).toEqual({ field: 'property:101', from: '', to: 'Acme' });
    expect(dry.plan!.sectionsToCreate.map((p) => p.join('/'))).toEqual([
      'Home',
      'Lighting/Reading lamps',
      'Home/Textiles',
      'Home/Textiles/Cushions',
    ]);
    expect(writesIn(await sb.log())).toEqual([]);

    await sb.clearLog();
    const client = sb.client;
    const applied = await runCatalogSync({
      client,
      profile: { ...profile, responsibleId: '1', postToStream: true },
      feed,
      notify: syncNotifier(client, { userId: '1', kind: 'personal', postToStream: true }),
    });
    expect(applied.status).toBe('done');
    expect(applied.run!.counts).toMatchObject({ created: 2, updated: 1, failed: 0, unchanged: 1, sections: 4 });
    expect(applied.apply!.requests).toEqual({ writes: 4, rereads: 0 });
    const log = await sb.log();
    expect(
      log
        .filter((e) => e.batch?.some((m) => /\.(add|update)$/.test(m)))
        .map((e) => [...new Set(e.batch)].sort().join(',')),
    ).toEqual([
      'catalog.section.add',
      'catalog.section.add',
      'catalog.section.add',
      'catalog.price.add,catalog.price.update,catalog.product.add,catalog.product.update',
    ]);
    expect(writesIn(log)).toContain('im.notify.personal.add');
    expect(writesIn(log)).toContain('log.blogpost.add');
    expect(applied.summary).toMatch(/2 created, 1 updated, 0 deactivated, 0 failed, 1 unchanged/);

    const after = await portalProducts(['SKU-1001', 'NEW-1', 'NEW-2']);
    expect(after.get('NEW-1')).toHaveLength(1);
    const lamp = after.get('NEW-1')![0]!;
    expect(lamp).toMatchObject({ name: 'Reading lamp', active: 'Y', quantity: 5, property101: { value: 'Lumo' } });
    expect(lamp.price).toMatchObject({ price: 249.95, currency: 'EUR' });
    expect(await sectionPath(lamp.iblockSectionId)).toBe('Lighting/Reading lamps');
    expect(await sectionPath(after.get('NEW-2')![0]!.iblockSectionId)).toBe('Home/Textiles/Cushions');
    const sku = after.get('SKU-1001')![0]!;
    // Master of record: mapped fields written, the rest untouched.
    expect(sku).toMatchObject({ detailText: 'Electric, 2 motors', quantity: 12, name: 'Height-adjustable desk' });
    for (const untouched of ['code', 'previewText', 'purchasingPrice', 'active', 'iblockSectionId'])
      expect(sku[untouched], untouched).toEqual(sku1001![untouched]);
    expect(sku.price).toMatchObject({ price: 1299, currency: 'DKK' });

    await sb.clearLog();
    const again = await runCatalogSync({ client, profile, feed });
    expect(again.status).toBe('done');
    expect(again.plan!.counts).toEqual({ create: 0, update: 0, deactivate: 0, unchanged: 4, conflict: 0 });
    expect(again.plan!.sectionsToCreate).toEqual([]);
    expect(writesIn(await sb.log())).toEqual([]);
  });

  it('deactivates products missing from a full feed, and only those', async () => {
    const dry = await runCatalogSync({
      client: sb.client,
      profile: { ...profile, fullFeed: true },
      feed: feedOf(feedText),
      dryRun: true,
    });
    const off = dry.plan!.items.filter((i) => i.action === 'deactivate');
    // The demo catalog's active products that are not in the feed.
    expect(off.length).toBeGreaterThan(40);
    expect(off.map((i) => i.externalId)).not.toContain('SKU-1001');
    expect(off.every((i) => i.changes[0]!.to === 'N')).toBe(true);
  });

  it('refuses each bad feed naming line, column and value, and writes nothing', async () => {
    const s = store('bad');
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('external_id,name,price\nA-1,Desk,10\nA-2,Sm'),
      0xf8,
      ...new TextEncoder().encode('rrebr'),
      0xf8,
      0x64,
      0x2c,
      0x31,
      0x0a,
    ]);
    const levels = [
      '<!ENTITY a0 "lol">',
      ...Array.from({ length: 11 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i};`.repeat(10)}">`),
    ];
    const cases: [string, Uint8Array, Partial<SyncProfile>, Record<string, unknown>][] = [
      [
        'missing column',
        feedOf('sku,price\nA-1,10\n').bytes,
        { mapping: { columns: { sku: 'externalId', price: 'price', currency: 'currency' } } },
        { code: 'MISSING_COLUMN', line: 1, field: 'currency' },
      ],
      [
        'unknown column',
        feedOf('external_id,name,colour\nA-1,Desk,red\n').bytes,
        {},
        { code: 'UNKNOWN_COLUMN', line: 1, field: 'colour' },
      ],
      [
        'broken XML',
        feedOf('<catalog>\n<product>\n<external_id>A</external_id></product\n</catalog>').bytes,
        {},
        { code: 'XML_BROKEN', line: 3 },
      ],
      [
        'entity bomb',
        feedOf(
          `<?xml version="1.0"?>\n<!DOCTYPE b [\n${levels.join('\n')}\n]>\n<catalog><product><name>&a11;</name></product></catalog>`,
        ).bytes,
        {},
        { code: 'XML_ENTITIES', line: 3 },
      ],
      [
        '50 MB file',
        new Uint8Array(MAX_FEED_BYTES + 10),
        {},
        { code: 'FILE_TOO_LARGE', value: String(MAX_FEED_BYTES + 10) },
      ],
      ['wrong encoding', latin1, {}, { code: 'ENCODING', line: 3, value: '0xF8' }],
      [
        'non-numeric price',
        feedOf('external_id,name,price\nSKU-1001,Desk,10\nSKU-1002,Chair,abc\n').bytes,
        {},
        { code: 'NOT_A_NUMBER', line: 3, field: 'price', value: 'abc' },
      ],
      [
        'negative price',
        feedOf('external_id,name,price\nSKU-1001,Desk,-10\n').bytes,
        {},
        { code: 'NEGATIVE', line: 2, field: 'price', value: '-10' },
      ],
      [
        'duplicate external IDs',
        feedOf('external_id,name\nSKU-1001,Desk\nSKU-1001,Desk\n').bytes,
        {},
        { code: 'DUPLICATE_ID', line: 3, field: 'external_id', value: 'SKU-1001' },
      ],
      [
        'unknown currency',
        feedOf('external_id,name,price,currency\nSKU-1001,Desk,10,XYZ\n').bytes,
        {},
        { code: 'UNKNOWN_CURRENCY', line: 2, field: 'currency', value: 'XYZ' },
      ],
    ];
    for (const [label, bytes, patch, fault] of cases) {
      await sb.clearLog();
      const started = performance.now();
      const result = await runCatalogSync({
        client: sb.client,
        store: s,
        profile: { ...profile, ...patch },
        feed: { bytes, name: label },
      });
      expect.soft(result.status, label).toBe('refused');
      expect.soft(result.errors[0], label).toMatchObject(fault);
      expect.soft(writesIn(await sb.log()), label).toEqual([]);
      expect.soft(performance.now() - started, label).toBeLessThan(5000);
    }
    const runs = await s.listRuns();
    expect(runs).toHaveLength(cases.length);
    expect(
      runs.every((r) => r.status === 'refused' && r.errors.length > 0 && r.summary?.includes('nothing was written')),
    ).toBe(true);
  });

  it('resumes a cancelled run from the portal: no duplicates, the run record continues', async () => {
    const s = store('resume');
    const lines = ['external_id,name,price'];
    for (let i = 1; i <= 150; i++) lines.push(`RES-${i},Resumed product ${i},${i}.50`);
    const feed = feedOf(lines.join('\n'), 'resume.csv');
    const controller = new AbortController();
    const first = await runCatalogSync({
      client: sb.client,
      store: s,
      profile: { name: 'resume', kind: 'catalog' },
      feed,
      signal: controller.signal,
      onProgress: (p) => p.done >= 25 && controller.abort(),
    });
    expect(first.status).toBe('aborted');
    expect(first.run!.counts.created).toBe(25);
    expect(first.apply!.notAttempted).toHaveLength(125);
    expect(first.summary).toMatch(/cancelled[\s\S]*125 not written/);
    expect((await s.listRuns({ profile: 'resume' }))[0]).toMatchObject({ id: first.run!.id, status: 'aborted' });

    const second = await runCatalogSync({
      client: sb.client,
      store: s,
      profile: { name: 'resume', kind: 'catalog' },
      feed,
    });
    expect(second.status).toBe('done');
    expect(second.run!.id).toBe(first.run!.id);
    expect(second.plan!.counts).toMatchObject({ create: 125, unchanged: 25 });
    expect(second.run!.counts).toMatchObject({ created: 150, failed: 0 });
    const portal = await portalProducts(Array.from({ length: 150 }, (_, i) => `RES-${i + 1}`));
    expect(portal.size).toBe(150);
    expect([...portal.values()].every((list) => list.length === 1)).toBe(true);
    expect((portal.get('RES-77')![0]!.price as Row).price).toBe(77.5);
    const history = await s.listChanges({ externalId: 'RES-1' });
    expect(history).toEqual([expect.objectContaining({ runId: first.run!.id, action: 'create', ok: true })]);
  });

  it('after a write with no answer, reads the products back and sends only what is missing', async () => {
    let writes = 0;
    // The second write request runs on the portal, then its answer is lost (a 500 on the way back);
    // the third is refused by a 500 before it runs. Neither may duplicate or lose a product.
    const flaky: SyncClient = {
      call: (m, p) => sb.client.call(m, p),
      list: (m, p) => sb.client.list(m, p),
      batch: async (commands) => {
        const isWrite = commands.some((c) => /\.(add|update)$/.test(c.method));
        if (isWrite) writes++;
        if (isWrite && writes === 3)
          throw new BitrixError('INTERNAL_SERVER_ERROR', 'Injected before running', 500, 'batch');
        const outcomes = await sb.client.batch(commands);
        if (isWrite && writes === 2)
          throw new BitrixError('INTERNAL_SERVER_ERROR', 'Injected after running', 500, 'batch');
        return outcomes;
      },
    };
    const lines = ['external_id,name,price'];
    for (let i = 1; i <= 100; i++) lines.push(`LOST-${i},Lost answer ${i},${i}`);
    const result = await runCatalogSync({
      client: flaky,
      profile: { name: 'lost', kind: 'catalog' },
      feed: feedOf(lines.join('\n')),
    });
    expect(result.status).toBe('done');
    expect(result.run!.counts).toMatchObject({ created: 100, failed: 0 });
    expect(result.apply!.requests.rereads).toBe(2);
    const portal = await portalProducts(Array.from({ length: 100 }, (_, i) => `LOST-${i + 1}`));
    expect(portal.size).toBe(100);
    expect(
      [...portal.values()].every((list) => list.length === 1 && (list[0]!.price as Row | undefined) !== undefined),
    ).toBe(true);
  });

  it(
    'paced to the standard plan (50 burst, 2/s): 3,000 price updates meet no QUERY_LIMIT_EXCEEDED',
    { timeout: 90_000 },
    async () => {
      const db = t.sandbox.env.db;
      const insProduct = db.prepare('INSERT INTO catalog_product (data) VALUES (?)');
      const insPrice = db.prepare('INSERT INTO catalog_price (data) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 3000; i++) {
          const id = Number(
            insProduct.run(
              JSON.stringify(newProduct({ name: `Paced ${i}`, xmlId: `PACE-${i}` }, 1, Date.UTC(2025, 0, 1))),
            ).lastInsertRowid,
          );
          insPrice.run(
            JSON.stringify({
              productId: id,
              catalogGroupId: 1,
              price: 10,
              currency: 'DKK',
              extraId: null,
              quantityFrom: null,
              quantityTo: null,
              timestampX: '2025-01-01T00:00:00.000Z',
            }),
          );
        }
      })();
      const lines = ['external_id,price'];
      for (let i = 0; i < 3000; i++) lines.push(`PACE-${i},${11 + (i % 7)}`);
      await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ rateLimit: 'standard' }) });
      try {
        // Let the portal's bucket drain of this file's earlier requests (none counted while the limit was off).
        await sb.clearLog();
        const result = await runCatalogSync({
          client: sb.client,
          profile: { name: 'paced', kind: 'catalog' },
          feed: feedOf(lines.join('\n')),
          rateLimit: RATE_PLANS.standard,
        });
        expect(result.status).toBe('done');
        expect(result.run!.counts).toMatchObject({ updated: 3000, failed: 0 });
        const log = await sb.log();
        expect(log.filter((e) => (e as { error?: string | null }).error === 'QUERY_LIMIT_EXCEEDED')).toEqual([]);
        expect(result.apply!.requests.writes).toBe(60);
        expect(result.requests).toBe(log.length);
      } finally {
        await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ rateLimit: 'off' }) });
      }
    },
  );
});
