import { describe, expect, it } from 'vitest';
import { BitrixError } from '../../b24/errors.ts';
import { parseCatalogFeed } from './catalog-feed.ts';
import { parseCurrencyFeed } from './currency-feed.ts';
import { amountCntFor, planCurrencies } from './currency-sync.ts';
import { ECB } from './testing/fixtures.ts';
import { autoMapping, fieldForHeader } from './mapping.ts';
import { planCatalog } from './plan-catalog.ts';
import type { PortalCurrency, PortalProduct, PortalSection } from './portal-catalog.ts';
import { failureKind, RequestPacer } from './sync-client.ts';
import { validateCatalog } from './validate-catalog.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const context = { currencies: new Set(['DKK', 'EUR', 'USD']), defaultCurrency: 'DKK' };

describe('mapping', () => {
  it('maps header names case-insensitively, PROPERTY_<id> included, each field once', () => {
    expect(fieldForHeader(' XML_ID ')).toBe('externalId');
    expect(fieldForHeader('External-ID')).toBe('externalId');
    expect(fieldForHeader('PROPERTY_12')).toBe('property:12');
    expect(fieldForHeader('colour')).toBeNull();
    expect(autoMapping(['external_id', 'XML_ID', 'Name', 'Price', 'colour']).columns).toEqual({
      external_id: 'externalId',
      Name: 'name',
      Price: 'price',
    });
  });
});

describe('validateCatalog', () => {
  it('reports missing and unknown columns with the header line', () => {
    const feed = parseCatalogFeed(bytes('sku,name,price,colour\nA-1,Desk,10,red\n'));
    const { rows, errors } = validateCatalog(
      feed,
      { columns: { sku: 'externalId', name: 'name', price: 'price', currency: 'currency' } },
      context,
    );
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.code, e.line, e.field])).toEqual([
      ['MISSING_COLUMN', 1, 'currency'],
      ['UNKNOWN_COLUMN', 1, 'colour'],
    ]);
    const noId = validateCatalog(feed, autoMapping(['name', 'price']), context).errors;
    expect(noId.map((e) => [e.code, e.field])).toContainEqual(['MISSING_COLUMN', 'external_id']);
  });

  it('names line, column and value of each bad row; clean rows are typed', () => {
    const feed = parseCatalogFeed(
      bytes(
        [
          'external_id,name,price,currency,active,quantity,section,PROPERTY_7',
          'A-1,Desk,"1,234.50",eur,yes,3,Office/Desks,oak',
          'A-2,Chair,abc,DKK,Y,1,,',
          'A-3,Lamp,-5,DKK,Y,1,,',
          'A-1,Desk again,1,DKK,Y,1,,',
          'A-4,Sofa,1,XYZ,Y,1,,',
          ',Nameless,1,DKK,Y,1,,',
          'A-5,Shelf,1,DKK,perhaps,x,,',
          'A-6,Stool,7,,N,,,',
        ].join('\n'),
      ),
    );
    const { rows, errors } = validateCatalog(feed, autoMapping(feed.columns), context);
    expect(errors.map((e) => [e.code, e.line, e.field, e.value])).toEqual([
      ['NOT_A_NUMBER', 3, 'price', 'abc'],
      ['NEGATIVE', 4, 'price', '-5'],
      ['DUPLICATE_ID', 5, 'external_id', 'A-1'],
      ['UNKNOWN_CURRENCY', 6, 'currency', 'XYZ'],
      ['MISSING_VALUE', 7, 'external_id', ''],
      ['BAD_VALUE', 8, 'active', 'perhaps'],
      ['NOT_A_NUMBER', 8, 'quantity', 'x'],
    ]);
    expect(errors[2]!.message).toMatch(/already on line 2/);
    expect(rows).toEqual([
      {
        line: 2,
        externalId: 'A-1',
        name: 'Desk',
        price: 1234.5,
        currency: 'EUR',
        active: 'Y',
        quantity: 3,
        section: ['Office', 'Desks'],
        properties: { 7: 'oak' },
      },
      {
        line: 9,
        externalId: 'A-6',
        name: 'Stool',
        price: 7,
        currency: 'DKK',
        active: 'N',
        section: [],
        properties: { 7: '' },
      },
    ]);
  });
});

describe('planCatalog', () => {
  const sections: PortalSection[] = [
    { id: 1, name: 'Office', parentId: null },
    { id: 2, name: 'Desks', parentId: 1 },
  ];
  const products: PortalProduct[] = [
    {
      id: 10,
      xmlId: 'A-1',
      name: 'Desk',
      active: 'Y',
      iblockSectionId: 2,
      price: { id: 100, productId: 10, price: 10, currency: 'DKK' },
    },
    { id: 11, xmlId: 'A-2', name: 'Chair', active: 'Y', iblockSectionId: null, price: null },
    { id: 12, xmlId: 'A-3', name: 'Old lamp', active: 'Y', iblockSectionId: null, price: null },
    { id: 13, xmlId: 'A-4', name: 'Twin', active: 'Y' },
    { id: 14, xmlId: 'A-4', name: 'Twin', active: 'Y' },
    { id: 15, xmlId: 'A-9', name: 'Gone already', active: 'N' },
  ];
  const feed = parseCatalogFeed(
    bytes(
      'external_id,name,price,section\nA-1,Desk,10,Office/Desks\nA-2,Chair,25,Office/Chairs/Plastic\nA-4,Twin,1,\nN-1,New,5,\n',
    ),
  );
  const mapping = autoMapping(feed.columns);
  const { rows } = validateCatalog(feed, mapping, context);

  it('diffs mapped fields only: creates, updates old → new, unchanged, conflicts, sections to create', () => {
    const plan = planCatalog(rows, products, sections, mapping, { iblockId: 23, priceTypeId: 1 });
    expect(plan.items.map((i) => [i.externalId, i.action])).toEqual([
      ['A-1', 'unchanged'],
      ['A-2', 'update'],
      ['A-4', 'conflict'],
      ['N-1', 'create'],
    ]);
    expect(plan.items[1]!.changes).toEqual([
      { field: 'price', from: null, to: 25 },
      { field: 'currency', from: null, to: 'DKK' },
      { field: 'section', from: null, to: 'Office/Chairs/Plastic' },
    ]);
    expect(plan.items[2]!.reason).toMatch(/ids 13, 14/);
    expect(plan.sectionsToCreate).toEqual([
      ['Office', 'Chairs'],
      ['Office', 'Chairs', 'Plastic'],
    ]);
    expect(plan.counts).toEqual({ create: 1, update: 1, deactivate: 0, unchanged: 1, conflict: 1 });
    expect(plan.errors).toEqual([]);
  });

  it('deactivates active products missing from a full feed', () => {
    const plan = planCatalog(rows, products, sections, mapping, { iblockId: 23, priceTypeId: 1, fullFeed: true });
    expect(plan.items.filter((i) => i.action === 'deactivate').map((i) => [i.externalId, i.changes])).toEqual([
      ['A-3', [{ field: 'active', from: 'Y', to: 'N' }]],
    ]);
  });

  it('refuses a new product without a name', () => {
    const noName = parseCatalogFeed(bytes('external_id,price\nN-2,5\n'));
    const m = autoMapping(noName.columns);
    const plan = planCatalog(validateCatalog(noName, m, context).rows, [], [], m, { iblockId: 23, priceTypeId: 1 });
    expect(plan.errors.map((e) => [e.code, e.line, e.value])).toEqual([['MISSING_VALUE', 2, 'N-2']]);
  });
});

describe('planCurrencies', () => {
  const portal: PortalCurrency[] = [
    { code: 'DKK', amountCnt: 1, amount: 1, base: true, name: 'Danish krone', sort: 100 },
    { code: 'EUR', amountCnt: 1, amount: 7.4604, base: false, name: 'Euro', sort: 200 },
    { code: 'USD', amountCnt: 1, amount: 6.4312, base: false, name: 'US Dollar', sort: 300 },
    { code: 'SEK', amountCnt: 100, amount: 67.81, base: false, name: 'Swedish krona', sort: 500 },
    { code: 'NOK', amountCnt: 100, amount: 63.44, base: false, name: 'Norwegian krone', sort: 600 },
  ];

  it('converts ECB rates (per EUR) to the portal base, keeping AMOUNT_CNT; lists new and absent currencies', () => {
    const plan = planCurrencies(parseCurrencyFeed(bytes(ECB)), portal, 'DKK');
    const row = (c: string) => plan.rows.find((r) => r.currency === c)!;
    expect(row('EUR')).toMatchObject({
      status: 'update',
      amountCnt: 1,
      oldAmount: 7.4604,
      newAmount: 7.4609,
      change: 0.0005,
    });
    // 7.4609 / 1.0778 DKK per USD.
    expect(row('USD')).toMatchObject({ status: 'update', amountCnt: 1, newAmount: 6.9223 });
    // SEK stays per 100: 100 × 7.4609 / 11.6930.
    expect(row('SEK')).toMatchObject({ status: 'update', amountCnt: 100, newAmount: 63.8066, line: 13 });
    // JPY is new: per 100, as Bitrix24 keeps it.
    expect(row('JPY')).toMatchObject({ status: 'new', amountCnt: 100, oldAmount: null, newAmount: 4.4458 });
    expect(row('DKK')).toMatchObject({ status: 'base', newAmount: 1 });
    expect(row('NOK')).toMatchObject({ status: 'not-in-feed', newAmount: null });
    expect(plan.counts).toEqual({ update: 3, unchanged: 0, new: 2, base: 1, 'not-in-feed': 1 });
  });

  it('reads CSV amounts per amount_cnt in the base currency as they are', () => {
    const feed = parseCurrencyFeed(bytes('currency,rate,amount_cnt\nSEK,0.6381,1\nUSD,6.4312,1\n'));
    const plan = planCurrencies(feed, portal, 'DKK');
    expect(plan.rows.find((r) => r.currency === 'SEK')).toMatchObject({
      amountCnt: 100,
      newAmount: 63.81,
      status: 'update',
    });
    expect(plan.rows.find((r) => r.currency === 'USD')).toMatchObject({ status: 'unchanged', change: 0 });
  });

  it('refuses a feed in another base that has no rate for the portal base', () => {
    const feed = parseCurrencyFeed(bytes('{"base": "EUR", "rates": {"USD": 1.07}}'));
    expect(() => planCurrencies(feed, portal, 'DKK')).toThrow(/no rate for the portal's base currency DKK/);
  });

  it('picks AMOUNT_CNT for new currencies as a power of ten', () => {
    expect([amountCntFor(6.9), amountCntFor(0.68), amountCntFor(0.0457), amountCntFor(0.00043)]).toEqual([
      1, 10, 100, 10_000,
    ]);
  });
});

describe('RequestPacer', () => {
  it('lets a burst through, then paces at the drain rate', async () => {
    let now = 0;
    const pacer = new RequestPacer({ burst: 5, drainPerSecond: 2 }, { now: () => now });
    for (let i = 0; i < 4; i++) await pacer.take();
    expect(pacer.floorMs(1)).toBe(500);
    now += 500;
    await pacer.take();
    expect(pacer.requests).toBe(5);
    expect(pacer.floorMs(3)).toBe(1500);
  });

  it('classifies failures by whether the request ran', () => {
    expect(failureKind(new BitrixError('QUERY_LIMIT_EXCEEDED', '', 503))).toBe('not-run');
    expect(failureKind(new BitrixError('expired_token', '', 401))).toBe('not-run');
    expect(failureKind(new BitrixError('INTERNAL_SERVER_ERROR', '', 500))).toBe('unknown');
    expect(failureKind(new BitrixError('NETWORK_ERROR', '', 0))).toBe('unknown');
    expect(failureKind(new BitrixError('ACCESS_DENIED', '', 403))).toBe('refused');
  });
});
