import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import { exportCatalog } from './export-catalog.ts';
import { runCurrencySync } from './run-sync.ts';
import { ECB } from './testing/fixtures.ts';
import { feedOf, writesIn } from './testing/sync-sandbox.ts';

let t: TestSandbox;
let sb: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  t = await startTestSandbox();
  sb = sandboxClient(t);
});
afterAll(() => t?.close());

type Row = Record<string, unknown>;
const currency = async (id: string) => (await t.hook('crm.currency.get', { id })).body.result as Row;

describe('currency sync against the sandbox', () => {
  const profile = { name: 'ecb', kind: 'currency' as const };

  it('dry run lists old → new per currency in the base currency and writes nothing', async () => {
    await sb.clearLog();
    const dry = await runCurrencySync({
      client: sb.client,
      profile,
      feed: feedOf(ECB, 'eurofxref-daily.xml'),
      dryRun: true,
    });
    expect(dry.status).toBe('planned');
    expect(dry.plan!.base).toBe('DKK');
    expect(dry.plan!.rows.map((r) => [r.currency, r.status, r.amountCnt, r.oldAmount, r.newAmount])).toEqual([
      ['DKK', 'base', 1, 1, 1],
      ['EUR', 'update', 1, 7.4604, 7.4609],
      ['GBP', 'update', 1, 8.4875, 8.6679],
      ['SEK', 'update', 100, 67.81, 63.8066],
      ['USD', 'update', 1, 6.4312, 6.9223],
      ['JPY', 'new', 100, null, 4.4458],
      ['NOK', 'not-in-feed', 100, 63.44, null],
    ]);
    expect(requests(await sb.log())).toEqual(['batch:crm.currency.base.get,crm.currency.list']);
  });

  it('applies every update (and the chosen new currency) in one batch, AMOUNT_CNT kept right', async () => {
    await sb.clearLog();
    const result = await runCurrencySync({
      client: sb.client,
      profile: { ...profile, addCurrencies: ['JPY'] },
      feed: feedOf(ECB, 'eurofxref-daily.xml'),
    });
    expect(result.status).toBe('done');
    expect(result.apply).toMatchObject({
      updated: ['EUR', 'GBP', 'SEK', 'USD'],
      added: ['JPY'],
      failed: [],
      requests: 1,
    });
    expect(requests(await sb.log())).toEqual([
      'batch:crm.currency.base.get,crm.currency.list',
      'batch:crm.currency.add,crm.currency.update,crm.currency.update,crm.currency.update,crm.currency.update',
    ]);
    expect(await currency('SEK')).toMatchObject({ AMOUNT_CNT: '100', AMOUNT: '63.8066' });
    expect(await currency('JPY')).toMatchObject({ AMOUNT_CNT: '100', AMOUNT: '4.4458' });
    expect(await currency('USD')).toMatchObject({ AMOUNT_CNT: '1', AMOUNT: '6.9223' });
    expect(result.summary).toMatch(/4 rates updated, 1 currency added/);
    expect(result.summary).toMatch(/SEK per 100: 67.81 → 63.8066 DKK/);

    await sb.clearLog();
    const again = await runCurrencySync({ client: sb.client, profile, feed: feedOf(ECB, 'eurofxref-daily.xml') });
    expect(again.plan!.counts).toMatchObject({ update: 0, unchanged: 5, new: 0 });
    expect(writesIn(await sb.log())).toEqual([]);
  });

  it('reads a CSV in the base currency and refuses one whose base cannot be reached', async () => {
    const csv = await runCurrencySync({
      client: sb.client,
      profile,
      feed: feedOf('currency;rate;amount_cnt\nUSD;7,0100;1\nNOK;62,5;100\n', 'rates.csv'),
      dryRun: true,
    });
    expect(
      csv.plan!.rows.filter((r) => r.status === 'update').map((r) => [r.currency, r.amountCnt, r.newAmount]),
    ).toEqual([
      ['NOK', 100, 62.5],
      ['USD', 1, 7.01],
    ]);
    await sb.clearLog();
    const refused = await runCurrencySync({
      client: sb.client,
      profile,
      feed: feedOf('{"base": "CHF", "rates": {"USD": 1.1}}', 'r.json'),
    });
    expect(refused.status).toBe('refused');
    expect(refused.errors[0]).toMatchObject({ code: 'NO_BASE_RATE', value: 'DKK' });
    expect(writesIn(await sb.log())).toEqual([]);
  });
});

describe('webshop export', () => {
  it('exports active products with section paths, stock and prices converted, as JSON, CSV and XML', async () => {
    await sb.clearLog();
    const json = await exportCatalog(sb.client, { format: 'json', currency: 'EUR' });
    // Meta in one request, then products, prices and sections in one each (the demo catalog is small).
    expect(requests(await sb.log())).toHaveLength(4);
    const doc = JSON.parse(json.body) as { currency: string; count: number; products: Row[] };
    expect(doc.currency).toBe('EUR');
    const all = await sb.client.listAll<Row>('catalog.product.list', {
      select: ['id', 'iblockId', 'active'],
      filter: { iblockId: 23 },
    });
    expect(doc.count).toBe(all.filter((p) => p.active === 'Y').length);
    const desk = doc.products.find((p) => p.externalId === 'SKU-1001')!;
    const dkk = (await sb.client.listAll<Row>('catalog.price.list', { filter: { productId: desk.id } }))[0]!;
    const eur = Number((await currency('EUR')).AMOUNT);
    expect(desk).toMatchObject({ section: 'Office furniture/Desks', currency: 'EUR', quantity: expect.any(Number) });
    expect(desk.price).toBeCloseTo(dkk.currency === 'DKK' ? Number(dkk.price) / eur : Number(dkk.price), 2);
    expect(doc.products.some((p) => p.externalId === 'SKU-1023')).toBe(false); // inactive in the demo seed

    const csv = await exportCatalog(sb.client, { format: 'csv' });
    const parsed = Papa.parse<Record<string, string>>(csv.body.trim(), { header: true });
    expect(parsed.meta.fields).toEqual([
      'external_id',
      'name',
      'section',
      'price',
      'currency',
      'quantity',
      'description',
      'id',
    ]);
    expect(parsed.data).toHaveLength(doc.count);
    // The seed's product named with markup is exported as text (and a formula would be defused).
    expect(parsed.data.find((r) => r.external_id === 'SKU-1014')?.name).toBe('<img src=x onerror=alert(1)>');
    expect(csv.fileName).toMatch(/^catalog-\d{4}-\d\d-\d\d\.csv$/);

    const xml = await exportCatalog(sb.client, { format: 'xml', currency: 'DKK' });
    expect(xml.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml.body) as {
      catalog: { '@currency': string; product: Row[] };
    };
    expect(tree.catalog['@currency']).toBe('DKK');
    expect(tree.catalog.product).toHaveLength(doc.count);
  });
});
