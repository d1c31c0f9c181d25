import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPortalEvent } from '../../events/bus.ts';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';
import { newProduct } from './catalog-store.ts';

let t: TestSandbox;
const events: { event: string; data: unknown }[] = [];
let stopListening: () => void;

type Row = Record<string, unknown>;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
const SELECT = ['id', 'iblockId', 'name', 'xmlId', 'quantity', 'iblockSectionId', 'active', 'purchasingPrice'];

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'demo' });
  stopListening = onPortalEvent((_ctx, event, data) => events.push({ event, data }));
});
afterAll(async () => {
  stopListening();
  await t.close();
});

const products = (r: { body: Row }) => (r.body.result as { products: Row[] }).products;

describe('catalog helpers', () => {
  it('lists the one product catalog and the BASE price type', async () => {
    const cat = await t.hook('catalog.catalog.list');
    expect(cat.body.total).toBe(1);
    expect((cat.body.result as { catalogs: Row[] }).catalogs[0]).toMatchObject({
      id: 23,
      iblockId: 23,
      name: 'CRM product catalog',
      lid: 's1',
    });
    const pt = await t.hook('catalog.priceType.list', { select: ['id', 'name', 'xmlId'] });
    expect(pt.body.result).toEqual({ priceTypes: [{ id: 1, name: 'BASE', xmlId: 'BASE' }] });
    expect(pt.body.total).toBe(1);
  });
});

describe('catalog.product.*', () => {
  it('returns seeded products with exact camelCase typing', async () => {
    const res = await t.hook('catalog.product.list', {
      select: ['*', 'id', 'iblockId'],
      filter: { iblockId: 23, xmlId: 'SKU-1001' },
    });
    expect(res.status).toBe(200);
    const p = products(res)[0]!;
    expect(p).toMatchObject({
      id: 1,
      iblockId: 23,
      xmlId: 'SKU-1001',
      active: 'Y',
      available: 'Y',
      type: 1,
      measure: 5,
      vatId: 1,
      previewPicture: null,
      detailPicture: null,
    });
    expect(typeof p.quantity).toBe('number');
    expect(typeof p.iblockSectionId).toBe('number');
    expect(p.purchasingPrice).toMatch(/^\d+\.\d{6}$/);
    expect(p.dateCreate).toMatch(ISO);
    const keys = Object.keys(p);
    expect(keys).toEqual([...keys].sort());
    const evil = await t.hook('catalog.product.list', {
      select: ['id', 'iblockId', 'name'],
      filter: { iblockId: 23, name: '<img src=x onerror=alert(1)>' },
    });
    expect(products(evil)).toHaveLength(1);
  });

  it('requires id and iblockId in select and iblockId in the filter (numeric code 0)', async () => {
    const sel = await t.hook('catalog.product.list', { select: ['id', 'name'], filter: { iblockId: 23 } });
    expect(sel.status).toBe(400);
    expect(sel.body).toEqual({ error: 0, error_description: 'Required select fields: id, iblockId' });
    const noFilter = await t.hook('catalog.product.list', { select: ['id', 'iblockId'], filter: { name: 'x' } });
    expect(noFilter.body).toEqual({ error: 0, error_description: 'Required filter fields: iblockId' });
    const badIblock = await t.hook('catalog.product.list', { select: ['id', 'iblockId'], filter: { iblockId: 99 } });
    expect(badIblock.body.error).toBe(200040300000);
  });

  it('filters with operators and pages by offset; the >id cursor with start=-1 has total 0 and no next', async () => {
    const page = await t.hook('catalog.product.list', {
      select: SELECT,
      filter: { iblockId: 23 },
      order: { id: 'ASC' },
      start: 10,
    });
    expect(page.body.total).toBe(60);
    expect(page.body.next).toBeUndefined();
    expect(products(page)[0]!.id).toBe(11);
    const first = await t.hook('catalog.product.list', { select: SELECT, filter: { iblockId: 23 } });
    expect(first.body.next).toBe(50);
    const like = await t.hook('catalog.product.list', {
      select: SELECT,
      filter: { iblockId: 23, '%name': 'desk', '>=id': 2, active: 'Y' },
    });
    for (const p of products(like)) {
      expect(String(p.name).toLowerCase()).toContain('desk');
      expect(p.id as number).toBeGreaterThanOrEqual(2);
    }
    const sectionRows = await t.hook('catalog.product.list', {
      select: SELECT,
      filter: { iblockId: 23, iblockSectionId: 2, '@id': [1, 2, 3, 4, 5, 6, 7, 8] },
    });
    expect(products(sectionRows).every((p) => p.iblockSectionId === 2)).toBe(true);
    const cursor = await t.hook('catalog.product.list', {
      select: ['id', 'iblockId'],
      filter: { iblockId: 23, '>id': 40 },
      order: { id: 'ASC' },
      start: -1,
    });
    expect(cursor.body.total).toBe(0);
    expect(cursor.body.next).toBeUndefined();
    expect(products(cursor).map((p) => p.id)).toEqual(Array.from({ length: 20 }, (_, i) => 41 + i));
    expect(Object.keys(products(cursor)[0]!)).toEqual(['iblockId', 'id']);
    const unknown = await t.hook('catalog.product.list', {
      select: ['id', 'iblockId'],
      filter: { iblockId: 23, colour: 'red' },
    });
    expect(unknown.body.error).toBe(0);
  });

  let productId: number;
  it('adds, updates, reads and deletes a product with stock', async () => {
    const add = await t.hook('catalog.product.add', {
      fields: {
        iblockId: 23,
        name: 'Test lamp',
        quantity: 7,
        code: 'test-lamp',
        iblockSectionId: 4,
        purchasingPrice: '12.5',
        purchasingCurrency: 'eur',
      },
    });
    expect(add.status).toBe(200);
    const el = (add.body.result as { element: Row }).element;
    productId = el.id as number;
    expect(el).toMatchObject({
      name: 'Test lamp',
      quantity: 7,
      iblockSectionId: 4,
      purchasingPrice: '12.500000',
      purchasingCurrency: 'EUR',
      xmlId: String(productId),
      createdBy: 1,
    });
    const up = await t.hook('catalog.product.update', { id: productId, fields: { quantity: '3', active: 'N' } });
    expect((up.body.result as { element: Row }).element).toMatchObject({ quantity: 3, active: 'N', name: 'Test lamp' });
    const get = await t.hook('catalog.product.get', { id: productId });
    expect((get.body.result as { product: Row }).product.quantity).toBe(3);
    const dupCode = await t.hook('catalog.product.add', { fields: { iblockId: 23, name: 'Other', code: 'test-lamp' } });
    expect(dupCode.body.error).toBe(0);
    const noIblock = await t.hook('catalog.product.add', { fields: { iblockId: 77, name: 'x' } });
    expect(noIblock.body.error).toBe(200040300000);
    const noName = await t.hook('catalog.product.add', { fields: { iblockId: 23 } });
    expect(noName.body).toEqual({ error: 0, error_description: 'Required fields: name' });
    const noFields = await t.hook('catalog.product.add', {});
    expect(noFields.body).toEqual({ error: 100, error_description: 'Could not find value for parameter {fields}' });
    const badSection = await t.hook('catalog.product.update', { id: productId, fields: { iblockSectionId: 999 } });
    expect(badSection.body.error).toBe(0);
    const badQty = await t.hook('catalog.product.update', { id: productId, fields: { quantity: 'lots' } });
    expect(badQty.body.error_description).toContain('quantity');
    expect((await t.hook('catalog.product.get', {})).body.error).toBe(100);
    expect((await t.hook('catalog.product.get', { id: 987654 })).body.error).toBe(0);
    const fields = await t.hook('catalog.product.getFieldsByFilter', { filter: { iblockId: 23 } });
    expect((fields.body.result as { product: Record<string, Row> }).product.quantity).toMatchObject({
      type: 'double',
      isReadOnly: false,
    });
  });

  it('deletes a product together with its prices', async () => {
    const price = await t.hook('catalog.price.add', {
      fields: { productId, catalogGroupId: 1, price: 10, currency: 'DKK' },
    });
    const priceId = (price.body.result as { price: Row }).price.id;
    expect((await t.hook('catalog.product.delete', { id: productId })).body.result).toBe(true);
    expect((await t.hook('catalog.product.get', { id: productId })).body.error).toBe(0);
    expect((await t.hook('catalog.price.get', { id: priceId })).body.error).toBe(0);
  });
});

describe('catalog.section.*', () => {
  it('lists seeded sections and manages one', async () => {
    const list = await t.hook('catalog.section.list', {
      filter: { iblockId: 23 },
      select: ['id', 'name', 'iblockSectionId'],
    });
    const rows = (list.body.result as { sections: Row[] }).sections;
    expect(list.body.total).toBeGreaterThanOrEqual(8);
    expect(rows.some((s) => typeof s.iblockSectionId === 'number')).toBe(true);
    expect(rows.some((s) => s.iblockSectionId === null)).toBe(true);
    const add = await t.hook('catalog.section.add', {
      fields: { iblockId: 23, name: 'Test section', iblockSectionId: 1, code: 'test-section', sort: 50 },
    });
    const s = (add.body.result as { section: Row }).section;
    expect(s).toMatchObject({
      iblockId: 23,
      iblockSectionId: 1,
      name: 'Test section',
      code: 'test-section',
      sort: 50,
      active: 'Y',
      xmlId: String(s.id),
    });
    const child = await t.hook('catalog.section.add', {
      fields: { iblockId: 23, name: 'Child', iblockSectionId: s.id },
    });
    const childId = (child.body.result as { section: Row }).section.id;
    const up = await t.hook('catalog.section.update', { id: s.id, fields: { name: 'Renamed' } });
    expect((up.body.result as { section: Row }).section.name).toBe('Renamed');
    const loop = await t.hook('catalog.section.update', { id: s.id, fields: { iblockSectionId: childId } });
    expect(loop.body.error).toBe(200700300000);
    expect(
      (await t.hook('catalog.section.add', { fields: { iblockId: 23, name: 'Dup', code: 'test-section' } })).body.error,
    ).toBe(200700300040);
    expect((await t.hook('catalog.section.add', { fields: { iblockId: 5, name: 'x' } })).body.error).toBe(200700300050);
    expect((await t.hook('catalog.section.delete', { id: s.id })).body.result).toBe(true);
    expect((await t.hook('catalog.section.get', { id: childId })).body).toEqual({
      error: 200700300030,
      error_description: `Section ${childId} does not exist`,
    });
    expect((await t.hook('catalog.section.list', { filter: {} })).body.error).toBe(0);
  });
});

describe('catalog.price.*', () => {
  let productId: number;
  beforeAll(async () => {
    const add = await t.hook('catalog.product.add', { fields: { iblockId: 23, name: 'Priced chair' } });
    productId = (add.body.result as { element: Row }).element.id as number;
  });

  it('validates prices with code 0, naming the bad value', async () => {
    const req = await t.hook('catalog.price.add', { fields: { productId, catalogGroupId: 1 } });
    expect(req.body).toEqual({ error: 0, error_description: 'Required fields: price, currency' });
    const neg = await t.hook('catalog.price.add', {
      fields: { productId, catalogGroupId: 1, price: -5, currency: 'DKK' },
    });
    expect(neg.body.error).toBe(0);
    expect(neg.body.error_description).toContain('-5');
    const cur = await t.hook('catalog.price.add', {
      fields: { productId, catalogGroupId: 1, price: 5, currency: 'XYZ' },
    });
    expect(cur.body.error_description).toContain('XYZ');
    const group = await t.hook('catalog.price.add', {
      fields: { productId, catalogGroupId: 9, price: 5, currency: 'DKK' },
    });
    expect(group.body.error_description).toContain('Catalog price group is wrong');
    expect((await t.hook('catalog.price.add', {})).body.error).toBe(100);
  });

  let priceId: number;
  it('adds, reads, updates and lists a price with numeric typing', async () => {
    const add = await t.hook('catalog.price.add', {
      fields: { productId, catalogGroupId: 1, price: '100.5', currency: 'EUR' },
    });
    const p = (add.body.result as { price: Row }).price;
    priceId = p.id as number;
    expect(p).toEqual({
      catalogGroupId: 1,
      currency: 'EUR',
      extraId: null,
      id: priceId,
      price: 100.5,
      productId,
      quantityFrom: null,
      quantityTo: null,
      timestampX: expect.stringMatching(ISO),
    });
    const dup = await t.hook('catalog.price.add', {
      fields: { productId, catalogGroupId: 1, price: 1, currency: 'EUR' },
    });
    expect(dup.body.error_description).toContain('single price');
    const up = await t.hook('catalog.price.update', { id: priceId, fields: { price: 120 } });
    expect((up.body.result as { price: Row }).price).toMatchObject({ price: 120, currency: 'EUR' });
    const list = await t.hook('catalog.price.list', {
      filter: { productId },
      select: ['id', 'price', 'currency', 'productId', 'catalogGroupId'],
    });
    expect(list.body.result).toEqual({
      prices: [{ catalogGroupId: 1, currency: 'EUR', id: priceId, price: 120, productId }],
    });
    expect(list.body.total).toBe(1);
    expect((await t.hook('catalog.price.get', { id: 987654 })).body).toEqual({
      error: 0,
      error_description: 'Price does not exist',
    });
  });

  it('modify updates listed prices, creates those without id and deletes the rest', async () => {
    const other = await t.hook('catalog.product.add', { fields: { iblockId: 23, name: 'Second product' } });
    const otherId = (other.body.result as { element: Row }).element.id as number;
    await t.hook('catalog.price.add', { fields: { productId: otherId, catalogGroupId: 1, price: 9, currency: 'DKK' } });

    const dup = await t.hook('catalog.price.modify', {
      fields: {
        product: {
          id: productId,
          prices: [
            { catalogGroupId: 1, price: 1, currency: 'DKK' },
            { catalogGroupId: 1, price: 2, currency: 'DKK' },
          ],
        },
      },
    });
    expect(dup.body.error).toBe(0);
    const mod = await t.hook('catalog.price.modify', {
      fields: { product: { id: productId, prices: [{ id: priceId, catalogGroupId: 1, price: 200, currency: 'EUR' }] } },
    });
    const rows = (mod.body.result as { prices: Row[] }).prices;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: priceId, price: 200, currency: 'EUR', productId });
    expect(rows[0]!.priceScale).toBeCloseTo(200 * 7.4604, 1);

    const replace = await t.hook('catalog.price.modify', {
      fields: { product: { id: productId, prices: [{ catalogGroupId: 1, price: 50, currency: 'DKK' }] } },
    });
    const created = (replace.body.result as { prices: Row[] }).prices[0]!;
    expect(created.id).not.toBe(priceId);
    expect(created).toMatchObject({ price: 50, priceScale: 50, currency: 'DKK' });
    expect((await t.hook('catalog.price.get', { id: priceId })).body.error).toBe(0);
    const list = await t.hook('catalog.price.list', { filter: { productId } });
    expect((list.body.result as { prices: Row[] }).prices.map((p) => p.id)).toEqual([created.id]);
    const others = await t.hook('catalog.price.list', { filter: { productId: otherId } });
    expect((others.body.result as { prices: Row[] }).prices).toHaveLength(1);

    const cleared = await t.hook('catalog.price.modify', { fields: { product: { id: productId, prices: [] } } });
    expect(cleared.body.result).toEqual({ prices: [] });
    const badCurrency = await t.hook('catalog.price.modify', {
      fields: { product: { id: otherId, prices: [{ catalogGroupId: 1, price: 3, currency: 'ABC' }] } },
    });
    expect(badCurrency.body.error_description).toContain('ABC');
    expect((await t.hook('catalog.price.list', { filter: { productId: otherId } })).body.total).toBe(1);
  });
});

describe('crm.product.* over the same products', () => {
  it('shows a catalog product with its BASE price as legacy strings', async () => {
    const add = await t.hook('catalog.product.add', {
      fields: { iblockId: 23, name: 'Shared desk', xmlId: 'SKU-X1', iblockSectionId: 2, detailText: 'Oak' },
    });
    const id = (add.body.result as { element: Row }).element.id as number;
    await t.hook('catalog.price.add', { fields: { productId: id, catalogGroupId: 1, price: 1999, currency: 'DKK' } });
    const { body } = await t.hook('crm.product.get', { id });
    expect(body.result).toEqual({
      ID: String(id),
      CATALOG_ID: '23',
      PRICE: '1999.00',
      CURRENCY_ID: 'DKK',
      NAME: 'Shared desk',
      CODE: null,
      DESCRIPTION: 'Oak',
      DESCRIPTION_TYPE: 'text',
      ACTIVE: 'Y',
      SECTION_ID: '2',
      SORT: '500',
      VAT_ID: null,
      VAT_INCLUDED: 'N',
      MEASURE: '5',
      XML_ID: 'SKU-X1',
      PREVIEW_PICTURE: null,
      DETAIL_PICTURE: null,
      DATE_CREATE: expect.stringMatching(ISO),
      TIMESTAMP_X: expect.stringMatching(ISO),
      MODIFIED_BY: '1',
      CREATED_BY: '1',
    });
    const list = await t.hook('crm.product.list', { filter: { XML_ID: 'SKU-X1' }, select: ['ID', 'NAME', 'PRICE'] });
    expect(list.body.result).toEqual([{ ID: String(id), NAME: 'Shared desk', PRICE: '1999.00' }]);
    expect(list.body.total).toBe(1);
  });

  it('writes through crm.product and the catalog sees it; events fire', async () => {
    const add = await t.hook('crm.product.add', {
      fields: { NAME: 'Legacy chair', PRICE: '450.5', CURRENCY_ID: 'EUR', SECTION_ID: 3, XML_ID: 'LEG-1' },
    });
    expect(typeof add.body.result).toBe('number');
    const id = add.body.result as number;
    expect(events).toContainEqual({ event: 'ONCRMPRODUCTADD', data: { FIELDS: { ID: String(id) } } });
    const cat = await t.hook('catalog.product.get', { id });
    expect((cat.body.result as { product: Row }).product).toMatchObject({
      id,
      name: 'Legacy chair',
      iblockSectionId: 3,
      xmlId: 'LEG-1',
      iblockId: 23,
    });
    const pr = await t.hook('catalog.price.list', { filter: { productId: id } });
    expect((pr.body.result as { prices: Row[] }).prices).toEqual([
      expect.objectContaining({ price: 450.5, currency: 'EUR', catalogGroupId: 1 }),
    ]);

    expect(
      (await t.hook('crm.product.update', { id, fields: { PRICE: 500, NAME: 'Legacy chair v2' } })).body.result,
    ).toBe(true);
    const after = await t.hook('catalog.price.list', { filter: { productId: id } });
    expect((after.body.result as { prices: Row[] }).prices).toEqual([
      expect.objectContaining({ price: 500, currency: 'EUR' }),
    ]);
    const filtered = await t.hook('crm.product.list', {
      filter: { '>=PRICE': 499, '<=PRICE': 501, CURRENCY_ID: 'EUR' },
    });
    expect((filtered.body.result as Row[]).map((r) => r.ID)).toContain(String(id));

    expect((await t.hook('crm.product.add', { fields: { PRICE: 1 } })).body).toEqual({
      error: '',
      error_description: 'The field NAME is required.',
    });
    expect((await t.hook('crm.product.add', { fields: { NAME: 'x', CURRENCY_ID: 'QQQ' } })).body.error).toBe('');
    expect((await t.hook('crm.product.delete', { id })).body.result).toBe(true);
    expect(events).toContainEqual({ event: 'ONCRMPRODUCTDELETE', data: { FIELDS: { ID: String(id) } } });
    expect((await t.hook('crm.product.get', { id })).body).toEqual({ error: '', error_description: 'Not found' });
    expect((await t.hook('catalog.product.get', { id })).body.error).toBe(0);
  });

  it('pages legacy-style (start rounded down) and describes its fields', async () => {
    const page = await t.hook('crm.product.list', { start: 70, order: { ID: 'ASC' } });
    expect((page.body.result as Row[])[0]!.ID).toBe('51');
    const fields = (await t.hook('crm.product.fields')).body.result as Record<string, Row>;
    expect(fields.NAME).toMatchObject({ type: 'string', isRequired: true });
  });
});

describe('cursor paging over many products', () => {
  it('serves >id cursor pages of 50 in id order over 10,000 products (speed is measured in npm run bench)', async () => {
    const db = t.sandbox.env.db;
    const ins = db.prepare('INSERT INTO catalog_product (data) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++)
        ins.run(JSON.stringify(newProduct({ name: `Bulk ${i}`, xmlId: `BULK-${i}` }, 1, Date.UTC(2025, 0, 1))));
    })();
    for (const from of [0, 3000, 6000, 9000, 9500]) {
      const res = await t.hook('catalog.product.list', {
        select: ['id', 'iblockId', 'name', 'xmlId'],
        filter: { iblockId: 23, '>id': from },
        order: { id: 'ASC' },
        start: -1,
      });
      const page = products(res);
      expect(page).toHaveLength(50);
      expect(res.body.total).toBe(0);
      expect(res.body.next).toBeUndefined();
      const ids = page.map((p) => Number(p.id));
      expect(ids[0]).toBe(from + 1);
      expect(ids).toEqual(ids.map((_, i) => from + 1 + i));
    }
  });
});

describe('custom product properties (property<ID>)', () => {
  it('lists the catalog properties; writes, reads back and clears values; refuses unknown ones', async () => {
    const list = await t.hook('catalog.productProperty.list');
    expect((list.body.result as { productProperties: Row[] }).productProperties.map((p) => [p.id, p.code])).toEqual([
      [101, 'BRAND'],
      [102, 'COLOUR'],
    ]);
    const add = await t.hook('catalog.product.add', {
      fields: {
        iblockId: 23,
        name: 'Branded lamp',
        xmlId: 'PROP-1',
        property101: { value: 'Acme' },
        property102: 'red',
      },
    });
    const el = (add.body.result as { element: Row }).element;
    expect(el).toMatchObject({ property101: { value: 'Acme' }, property102: { value: 'red' } });
    const id = el.id as number;
    // Lists carry a property only when it is selected by name.
    const select = (extra: string[]) =>
      t.hook('catalog.product.list', { select: ['id', 'iblockId', ...extra], filter: { iblockId: 23, id } });
    expect(products(await select([]))[0]).not.toHaveProperty('property101');
    expect(products(await select(['property101']))[0]).toEqual({
      id,
      iblockId: 23,
      property101: { valueId: `${id}101`, value: 'Acme' },
    });
    await t.hook('catalog.product.update', { id, fields: { property101: { value: '' }, name: 'Plain lamp' } });
    const get = (await t.hook('catalog.product.get', { id })).body.result as { product: Row };
    expect(get.product).toMatchObject({ name: 'Plain lamp', property101: null, property102: { value: 'red' } });
    const unknown = await t.hook('catalog.product.update', { id, fields: { property999: 'x' } });
    expect(unknown.body).toEqual({ error: 0, error_description: 'Property 999 does not exist' });
  });
});
