import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPortalEvent } from '../../events/bus.ts';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

type Row = Record<string, unknown>;

let t: TestSandbox;
const events: { event: string; data: unknown }[] = [];
let stopListening: () => void;

beforeAll(async () => {
  t = await startTestSandbox();
  stopListening = onPortalEvent((_ctx, event, data) => events.push({ event, data }));
});
afterAll(async () => {
  stopListening();
  await t.close();
});

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
const MIDNIGHT = /^\d{4}-\d\d-\d\dT00:00:00[+-]\d\d:\d\d$/;

async function ok(method: string, params: Record<string, unknown> = {}): Promise<Row> {
  const r = await t.hook(method, params);
  if (r.status !== 200) throw new Error(`${method} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const result = async <T = Row>(method: string, params: Record<string, unknown> = {}) =>
  (await ok(method, params)).result as T;

describe('legacy crm.deal typing', () => {
  it('returns strings, null empty links, Y/N and dates with offset', async () => {
    const deal = await result('crm.deal.get', { id: 3 });
    expect(deal.ID).toBe('3');
    expect(deal.TITLE).toBe('<img src=x onerror=alert(1)>');
    expect(deal.CATEGORY_ID).toBe('0');
    expect(deal.OPPORTUNITY).toMatch(/^\d+\.\d\d$/);
    expect(deal.TAX_VALUE).toBe('0.00');
    expect(typeof deal.ASSIGNED_BY_ID).toBe('string');
    expect(deal.LEAD_ID).toBeNull();
    expect(deal.QUOTE_ID).toBeNull();
    expect(deal.OPENED).toBe('Y');
    expect(['Y', 'N']).toContain(deal.CLOSED);
    expect(deal.DATE_CREATE).toMatch(ISO);
    expect(deal.BEGINDATE).toMatch(MIDNIGHT);
    expect(['P', 'S', 'F']).toContain(deal.STAGE_SEMANTIC_ID);
    expect(deal).not.toHaveProperty('CONTACT_IDS');
    expect(['0', '1']).toContain(deal.UF_CRM_PRIORITY_CUSTOMER);
    expect(deal).toHaveProperty('UF_CRM_PROJECT_CODE');
    const xss = await result('crm.deal.get', { ID: '4' });
    expect(xss.UF_CRM_PROJECT_CODE).toBe('<b onmouseover=alert(1)>x</b>');
  });

  it('stores markup verbatim on contacts and companies', async () => {
    const contact = await result('crm.contact.get', { id: 5 });
    expect(contact.COMMENTS).toBe('[url=javascript:alert(1)]x[/url]');
    const companies = await result<Row[]>('crm.company.list', {
      filter: { '%TITLE': 'script' },
      select: ['ID', 'TITLE'],
    });
    expect(companies.map((c) => c.TITLE)).toContain('<script>alert(1)</script> ApS');
  });

  it('answers legacy errors with an empty code and 400', async () => {
    for (const [method, params, text] of [
      ['crm.deal.get', {}, 'ID is not defined or invalid.'],
      ['crm.deal.get', { id: 'abc' }, 'ID is not defined or invalid.'],
      ['crm.deal.get', { id: 999_999 }, 'Not found'],
      ['crm.contact.delete', { id: 999_999 }, 'Not found'],
      ['crm.deal.add', { fields: 'x' }, "Parameter 'fields' must be array."],
      ['crm.deal.add', {}, "Parameter 'fields' must be array."],
      ['crm.deal.update', { id: 999_999, fields: { TITLE: 'x' } }, 'Not found'],
      ['crm.deal.list', { filter: 'x' }, "Parameter 'filter' must be array."],
      ['crm.deal.list', { order: 'x' }, "Parameter 'order' must be array."],
    ] as const) {
      const r = await t.hook(method, params);
      expect(r.status, `${method} ${JSON.stringify(params)}`).toBe(400);
      expect(r.body).toEqual({ error: '', error_description: text });
    }
  });
});

describe('legacy lists', () => {
  const base = { filter: { '<=ID': 60 }, order: { ID: 'ASC' }, select: ['ID'] };

  it('pages by 50 with total and next, rounding start down to a page', async () => {
    const first = await ok('crm.deal.list', { ...base, start: 0 });
    expect((first.result as Row[]).length).toBe(50);
    expect(first.total).toBe(60);
    expect(first.next).toBe(50);
    const rounded = await ok('crm.deal.list', { ...base, start: '70' });
    expect(rounded.total).toBe(60);
    expect(rounded).not.toHaveProperty('next');
    expect((rounded.result as Row[]).map((r) => r.ID)).toEqual([
      '51',
      '52',
      '53',
      '54',
      '55',
      '56',
      '57',
      '58',
      '59',
      '60',
    ]);
    const mid = await ok('crm.deal.list', { ...base, start: 73 });
    expect((mid.result as Row[])[0]!.ID).toBe('51');
  });

  it('skips the count with start=-1 and honours the >ID cursor', async () => {
    const page = await ok('crm.deal.list', {
      order: { ID: 'ASC' },
      filter: { '>ID': 55, '<=ID': 60 },
      select: ['ID', 'TITLE'],
      start: -1,
    });
    expect(page.total).toBe(0);
    expect(page).not.toHaveProperty('next');
    const rows = page.result as Row[];
    expect(rows.map((r) => r.ID)).toEqual(['56', '57', '58', '59', '60']);
    expect(Object.keys(rows[0]!)).toEqual(['ID', 'TITLE']);
  });

  it('chains cursor pages inside batch', async () => {
    const r = await ok('batch', {
      halt: 0,
      cmd: {
        p0: 'crm.deal.list?order[ID]=ASC&filter[>ID]=0&select[]=ID&start=-1',
        p1: 'crm.deal.list?order[ID]=ASC&filter[>ID]=$result[p0][49][ID]&filter[<=ID]=60&select[]=ID&start=-1',
      },
    });
    const pages = (r.result as { result: Record<string, Row[]> }).result;
    expect(pages.p0!.length).toBe(50);
    expect(pages.p1!.map((x) => x.ID)).toEqual(['51', '52', '53', '54', '55', '56', '57', '58', '59', '60']);
  });

  it('applies the select rules: default, *, UF_*, multi-fields by name', async () => {
    const [dflt] = await result<Row[]>('crm.deal.list', { filter: { ID: 1 } });
    expect(dflt).toHaveProperty('TITLE');
    expect(dflt).toHaveProperty('UF_CRM_REGION');
    const [star] = await result<Row[]>('crm.deal.list', { filter: { ID: 1 }, select: ['*'] });
    expect(star).toHaveProperty('STAGE_ID');
    expect(star).not.toHaveProperty('UF_CRM_REGION');
    const [uf] = await result<Row[]>('crm.deal.list', { filter: { ID: 1 }, select: ['UF_*'] });
    expect(Object.keys(uf!).sort()).toEqual([
      'ID',
      'UF_CRM_CONTRACT_DATE',
      'UF_CRM_PRIORITY_CUSTOMER',
      'UF_CRM_PROJECT_CODE',
      'UF_CRM_REGION',
    ]);
    const [noIds] = await result<Row[]>('crm.deal.list', { filter: { ID: 1 }, select: ['CONTACT_IDS', 'TITLE'] });
    expect(Object.keys(noIds!)).toEqual(['ID', 'TITLE']);
    const [withPhone] = await result<Row[]>('crm.contact.list', { filter: { ID: 5 }, select: ['ID', 'PHONE'] });
    expect(withPhone!.PHONE).toEqual([
      {
        ID: expect.stringMatching(/^\d+$/),
        VALUE_TYPE: expect.any(String),
        VALUE: expect.stringMatching(/^\+45 555/),
        TYPE_ID: 'PHONE',
      },
    ]);
    const [withoutPhone] = await result<Row[]>('crm.contact.list', { filter: { ID: 5 } });
    expect(withoutPhone).not.toHaveProperty('PHONE');
  });

  it('filters on UF fields, multi-fields (exact), LIKE, IN and dates', async () => {
    const region = (await result('crm.deal.get', { id: 1 })).UF_CRM_REGION;
    const byRegion = await result<Row[]>('crm.deal.list', {
      filter: { UF_CRM_REGION: region },
      select: ['ID', 'UF_CRM_REGION'],
    });
    expect(byRegion.length).toBeGreaterThan(0);
    expect(byRegion.every((d) => d.UF_CRM_REGION === region)).toBe(true);
    const priority = await result<Row[]>('crm.deal.list', {
      filter: { UF_CRM_PRIORITY_CUSTOMER: 1 },
      select: ['ID', 'UF_CRM_PRIORITY_CUSTOMER'],
    });
    expect(priority.length).toBeGreaterThan(0);
    expect(priority.every((d) => d.UF_CRM_PRIORITY_CUSTOMER === '1')).toBe(true);

    const contact = await result('crm.contact.get', { id: 5 });
    const phone = (contact.PHONE as Row[])[0]!.VALUE as string;
    const byPhone = await result<Row[]>('crm.contact.list', { filter: { PHONE: phone }, select: ['ID'] });
    expect(byPhone.map((c) => c.ID)).toContain('5');
    const partial = await result<Row[]>('crm.contact.list', { filter: { PHONE: phone.slice(0, 8) }, select: ['ID'] });
    expect(partial).toEqual([]);

    const like = await result<Row[]>('crm.deal.list', { filter: { '%TITLE': 'onerror' }, select: ['ID'] });
    expect(like.map((d) => d.ID)).toEqual(['3']);
    const inList = await result<Row[]>('crm.deal.list', { filter: { '@ID': [2, 4, 6] }, select: ['ID'] });
    expect(inList.map((d) => d.ID)).toEqual(['2', '4', '6']);
    const deal = await result('crm.deal.get', { id: 10 });
    const day = (deal.BEGINDATE as string).slice(0, 10);
    const sameDay = await result<Row[]>('crm.deal.list', { filter: { BEGINDATE: day }, select: ['ID', 'BEGINDATE'] });
    expect(sameDay.map((d) => d.ID)).toContain('10');
    expect(sameDay.every((d) => (d.BEGINDATE as string).startsWith(day))).toBe(true);
  });

  it('orders by any field, descending', async () => {
    const rows = await result<Row[]>('crm.deal.list', {
      order: { OPPORTUNITY: 'DESC' },
      filter: { '<=ID': 60 },
      select: ['ID', 'OPPORTUNITY'],
    });
    const amounts = rows.map((r) => Number(r.OPPORTUNITY));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });
});

describe('legacy writes', () => {
  it('adds with defaults, returns an integer, and emits events', async () => {
    events.length = 0;
    const id = await result<number>('crm.deal.add', {
      fields: { OPPORTUNITY: '1500.5', UNKNOWN_KEY: 'dropped', DATE_CREATE: '2000-01-01' },
    });
    expect(typeof id).toBe('number');
    const deal = await result('crm.deal.get', { id });
    expect(deal.TITLE).toBe(`Deal #${id}`);
    expect(deal.STAGE_ID).toBe('NEW');
    expect(deal.OPENED).toBe('Y');
    expect(deal.ASSIGNED_BY_ID).toBe('1');
    expect(deal.OPPORTUNITY).toBe('1500.50');
    expect(deal).not.toHaveProperty('UNKNOWN_KEY');
    expect((deal.DATE_CREATE as string).startsWith('2000')).toBe(false);
    const begin = Date.parse(deal.BEGINDATE as string);
    const close = Date.parse(deal.CLOSEDATE as string);
    expect(Math.round((close - begin) / 86_400_000)).toBe(7);
    expect(events).toContainEqual({ event: 'ONCRMDEALADD', data: { FIELDS: { ID: String(id) } } });

    expect(await result('crm.deal.update', { id, fields: { TITLE: 'Renamed', CATEGORY_ID: 1 } })).toBe(true);
    const updated = await result('crm.deal.get', { id });
    expect(updated.TITLE).toBe('Renamed');
    expect(updated.CATEGORY_ID).toBe('0');
    expect(await result('crm.deal.delete', { id })).toBe(true);
    expect((await t.hook('crm.deal.get', { id })).body.error_description).toBe('Not found');
    expect(events.map((e) => e.event)).toEqual(['ONCRMDEALADD', 'ONCRMDEALUPDATE', 'ONCRMDEALDELETE']);
  });

  it('puts stages into the pipeline and derives semantics', async () => {
    const id = await result<number>('crm.deal.add', {
      fields: { TITLE: 'Wholesale win', CATEGORY_ID: '1', STAGE_ID: 'WON' },
    });
    const deal = await result('crm.deal.get', { id });
    expect(deal).toMatchObject({ CATEGORY_ID: '1', STAGE_ID: 'C1:WON', STAGE_SEMANTIC_ID: 'S', CLOSED: 'Y' });
    await ok('crm.deal.update', { id, fields: { STAGE_ID: 'C1:NEW' } });
    expect(await result('crm.deal.get', { id })).toMatchObject({
      STAGE_ID: 'C1:NEW',
      STAGE_SEMANTIC_ID: 'P',
      CLOSED: 'N',
    });
  });

  it('follows the multi-field write rules', async () => {
    const id = await result<number>('crm.contact.add', {
      fields: {
        NAME: 'Ida',
        LAST_NAME: 'Krogh',
        PHONE: [
          { VALUE: '+45 555 10 10', VALUE_TYPE: 'WORK' },
          { VALUE: '+45 555 20 20', VALUE_TYPE: 'MOBILE' },
        ],
        EMAIL: [{ VALUE: 'ida@example.com' }],
      },
    });
    let c = await result('crm.contact.get', { id });
    const phones = c.PHONE as Row[];
    expect(phones.map((p) => [p.VALUE, p.VALUE_TYPE])).toEqual([
      ['+45 555 10 10', 'WORK'],
      ['+45 555 20 20', 'MOBILE'],
    ]);
    expect((c.EMAIL as Row[])[0]).toMatchObject({ VALUE: 'ida@example.com', VALUE_TYPE: 'WORK', TYPE_ID: 'EMAIL' });
    expect(c.HAS_PHONE).toBe('Y');

    await ok('crm.contact.update', {
      id,
      fields: {
        PHONE: [
          { ID: phones[0]!.ID, VALUE: '+45 555 11 11', VALUE_TYPE: 'HOME' },
          { ID: phones[1]!.ID, DELETE: 'Y' },
          { VALUE: '+45 555 30 30' },
        ],
      },
    });
    c = await result('crm.contact.get', { id });
    expect((c.PHONE as Row[]).map((p) => [p.VALUE, p.VALUE_TYPE])).toEqual([
      ['+45 555 11 11', 'HOME'],
      ['+45 555 30 30', 'WORK'],
    ]);
    expect((c.EMAIL as Row[]).length).toBe(1);

    const remaining = (c.PHONE as Row[]).map((p) => ({ ID: p.ID, VALUE: '' }));
    await ok('crm.contact.update', { id, fields: { PHONE: remaining } });
    c = await result('crm.contact.get', { id });
    expect(c).not.toHaveProperty('PHONE');
    expect(c.HAS_PHONE).toBe('N');
    expect(c.HAS_EMAIL).toBe('Y');
  });

  it('keeps CONTACT_IDS write-only and exposes them through contact items and crm.item', async () => {
    const id = await result<number>('crm.deal.add', { fields: { TITLE: 'With contacts', CONTACT_IDS: [7, 8] } });
    const deal = await result('crm.deal.get', { id });
    expect(deal.CONTACT_ID).toBe('7');
    expect(deal).not.toHaveProperty('CONTACT_IDS');
    expect(await result('crm.deal.contact.items.get', { id })).toEqual([
      { CONTACT_ID: 7, SORT: 10, ROLE_ID: 0, IS_PRIMARY: 'Y' },
      { CONTACT_ID: 8, SORT: 20, ROLE_ID: 0, IS_PRIMARY: 'N' },
    ]);
    await ok('crm.deal.contact.add', { id, fields: { CONTACT_ID: 9 } });
    const item = (await result<{ item: Row }>('crm.item.get', { entityTypeId: 2, id })).item;
    expect(item.contactIds).toEqual([7, 8, 9]);
    expect(item.contactId).toBe(7);
  });
});

describe('crm.item', () => {
  it('uses camelCase, real numbers, 0 empty links and entityTypeId', async () => {
    const { item } = await result<{ item: Row }>('crm.item.get', { entityTypeId: 2, id: 3 });
    const legacy = await result('crm.deal.get', { id: 3 });
    expect(item.id).toBe(3);
    expect(item.title).toBe(legacy.TITLE);
    expect(item.opportunity).toBe(Number(legacy.OPPORTUNITY));
    expect(item.categoryId).toBe(0);
    expect(item.leadId).toBe(0);
    expect(item.assignedById).toBe(Number(legacy.ASSIGNED_BY_ID));
    expect(item.createdTime).toBe(legacy.DATE_CREATE);
    expect(item.stageId).toBe(legacy.STAGE_ID);
    expect(item.entityTypeId).toBe(2);
    expect(['Y', 'N']).toContain(item.ufCrm_PRIORITY_CUSTOMER);
    expect(Array.isArray(item.observers)).toBe(true);
    const original = (await result<{ item: Row }>('crm.item.get', { entityTypeId: 2, id: 3, useOriginalUfNames: 'Y' }))
      .item;
    expect(original).toHaveProperty('UF_CRM_PRIORITY_CUSTOMER');
    expect(original).not.toHaveProperty('ufCrm_PRIORITY_CUSTOMER');
  });

  it('returns fm and convenience keys for contacts', async () => {
    const { item } = await result<{ item: Row }>('crm.item.get', { entityTypeId: 3, id: 5 });
    const fm = item.fm as Row[];
    expect(fm[0]).toEqual({
      id: expect.any(Number),
      valueType: expect.any(String),
      value: expect.any(String),
      typeId: 'PHONE',
    });
    expect(item.phone).toBe(fm[0]!.value);
    expect(typeof item.email).toBe('string');
  });

  it('lists with offset paging, {items} and strict errors', async () => {
    const page = await ok('crm.item.list', {
      entityTypeId: 2,
      filter: { '<=id': 60 },
      order: { id: 'ASC' },
      select: ['id', 'title'],
      start: 7,
    });
    const items = (page.result as { items: Row[] }).items;
    expect(items.length).toBe(50);
    expect(items[0]).toEqual({ id: 8, title: expect.any(String), entityTypeId: 2 });
    expect(page.total).toBe(60);
    expect(page.next).toBe(57);
    const cursor = await ok('crm.item.list', {
      entityTypeId: 2,
      filter: { '>id': 58, '<=id': 60 },
      order: { id: 'ASC' },
      select: ['id'],
      start: -1,
    });
    expect(cursor.total).toBe(0);
    expect((cursor.result as { items: Row[] }).items.map((i) => i.id)).toEqual([59, 60]);
    const logic = await result<{ items: Row[] }>('crm.item.list', {
      entityTypeId: 2,
      filter: { 0: { logic: 'OR', 0: { id: 1 }, 1: { id: 2 } } },
      select: ['id'],
    });
    expect(logic.items.map((i) => i.id)).toEqual([1, 2]);

    for (const [params, code] of [
      [{ entityTypeId: 999 }, 'NOT_FOUND'],
      [{ entityTypeId: 2, filter: { nope: 1 } }, 'INVALID_ARG_VALUE'],
      [{ entityTypeId: 2, order: { id: 'UP' } }, 'INVALID_ARG_VALUE'],
      [{ entityTypeId: 2, order: { nope: 'ASC' } }, 'INVALID_ARG_VALUE'],
      [{ entityTypeId: 2, select: ['nope'] }, 'INVALID_ARG_VALUE'],
    ] as const) {
      const r = await t.hook('crm.item.list', params);
      expect(r.status, JSON.stringify(params)).toBe(400);
      expect(r.body.error).toBe(code);
    }
    const missing = await t.hook('crm.item.get', { entityTypeId: 2, id: 999_999 });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('NOT_FOUND');
  });

  it('sees the same record as the legacy API and bumps updatedTime on every update', async () => {
    const added = (
      await result<{ item: Row }>('crm.item.add', {
        entityTypeId: 2,
        fields: { title: 'Via item', opportunity: 99.9, companyId: 2, ufCrm_PROJECT_CODE: 'PX-1' },
      })
    ).item;
    expect(added).toMatchObject({
      title: 'Via item',
      opportunity: 99.9,
      companyId: 2,
      ufCrm_PROJECT_CODE: 'PX-1',
      stageId: 'NEW',
      entityTypeId: 2,
    });
    const legacy = await result('crm.deal.get', { id: added.id });
    expect(legacy).toMatchObject({
      TITLE: 'Via item',
      OPPORTUNITY: '99.90',
      COMPANY_ID: '2',
      UF_CRM_PROJECT_CODE: 'PX-1',
    });
    const u1 = (
      await result<{ item: Row }>('crm.item.update', {
        entityTypeId: 2,
        id: added.id,
        fields: { title: 'Edited once' },
      })
    ).item;
    const u2 = (
      await result<{ item: Row }>('crm.item.update', {
        entityTypeId: 2,
        id: added.id,
        fields: { title: 'Edited twice', categoryId: 1 },
      })
    ).item;
    expect(Date.parse(u1.updatedTime as string)).toBeGreaterThan(Date.parse(added.updatedTime as string));
    expect(Date.parse(u2.updatedTime as string)).toBeGreaterThan(Date.parse(u1.updatedTime as string));
    expect(u2).toMatchObject({ title: 'Edited twice', categoryId: 1, stageId: 'C1:NEW' });
    const bad = await t.hook('crm.item.update', { entityTypeId: 2, id: added.id, fields: { opportunity: 'lots' } });
    expect(bad.body.error).toBe('CRM_FIELD_ERROR_VALUE_NOT_VALID');
    expect(await result('crm.item.delete', { entityTypeId: 2, id: added.id })).toEqual([]);
    expect((await t.hook('crm.deal.get', { id: added.id })).body.error_description).toBe('Not found');
  });

  it('describes fields with upperName', async () => {
    const { fields } = await result<{ fields: Record<string, Row> }>('crm.item.fields', { entityTypeId: 2 });
    expect(fields.stageId).toMatchObject({
      type: 'crm_status',
      upperName: 'STAGE_ID',
      isReadOnly: false,
      isMultiple: false,
    });
    expect(fields.ufCrm_REGION).toMatchObject({
      type: 'enumeration',
      upperName: 'UF_CRM_REGION',
      isDynamic: true,
      title: 'Region',
    });
    expect((fields.ufCrm_REGION!.items as Row[])[0]).toEqual({ ID: expect.any(Number), VALUE: 'Hovedstaden' });
    const legacy = await result<Record<string, Row>>('crm.deal.fields');
    expect(legacy.STAGE_ID).toMatchObject({ type: 'crm_status', statusType: 'DEAL_STAGE', isDynamic: false });
    expect(legacy.UF_CRM_REGION).toMatchObject({
      type: 'enumeration',
      title: 'UF_CRM_REGION',
      listLabel: 'Region',
      isDynamic: true,
    });
  });
});

describe('smart processes', () => {
  it('supports full item CRUD with DT stages and dynamic-item events', async () => {
    const { type } = await result<{ type: Row }>('crm.type.add', { fields: { title: 'Audits' } });
    const entityTypeId = type.entityTypeId as number;
    expect(entityTypeId).toBeGreaterThanOrEqual(128);
    events.length = 0;
    const { item } = await result<{ item: Row }>('crm.item.add', {
      entityTypeId,
      fields: { title: 'First audit', assignedById: 3, contactIds: [4] },
    });
    expect(item.stageId).toMatch(new RegExp(`^DT${entityTypeId}_\\d+:NEW$`));
    expect(item).toMatchObject({
      title: 'First audit',
      assignedById: 3,
      contactIds: [4],
      contactId: 4,
      companyId: 0,
      entityTypeId,
    });
    expect(events[0]).toEqual({
      event: 'ONCRMDYNAMICITEMADD',
      data: { FIELDS: { ID: String(item.id), ENTITY_TYPE_ID: String(entityTypeId) } },
    });
    expect(events[1]!.event).toBe(`ONCRMDYNAMICITEMADD_${entityTypeId}`);
    const success = (item.stageId as string).replace('NEW', 'SUCCESS');
    const updated = (
      await result<{ item: Row }>('crm.item.update', { entityTypeId, id: item.id, fields: { stageId: success } })
    ).item;
    expect(updated).toMatchObject({ stageId: success, previousStageId: item.stageId });
    const list = await result<{ items: Row[] }>('crm.item.list', { entityTypeId, filter: { stageId: success } });
    expect(list.items.map((i) => i.id)).toEqual([item.id]);
    expect(await result('crm.item.delete', { entityTypeId, id: item.id })).toEqual([]);
    expect((await t.hook('crm.item.get', { entityTypeId, id: item.id })).body.error).toBe('NOT_FOUND');
  });

  it('names smart-process user fields ufCrm{typeId}_…', async () => {
    const { type } = await result<{ type: Row }>('crm.type.getByEntityTypeId', { entityTypeId: 1030 });
    const { items } = await result<{ items: Row[] }>('crm.item.list', {
      entityTypeId: 1030,
      select: ['id', `ufCrm${String(type.id)}_BUDGET`],
      start: -1,
    });
    expect(typeof items[0]![`ufCrm${String(type.id)}_BUDGET`]).toBe('number');
  });
});

describe('user fields', () => {
  it('adds an enumeration field that is then usable in writes, filters and selects', async () => {
    const fieldId = await result<number>('crm.deal.userfield.add', {
      fields: {
        FIELD_NAME: 'SIZE_CLASS',
        USER_TYPE_ID: 'enumeration',
        LABEL: 'Size class',
        MULTIPLE: 'Y',
        LIST: [{ VALUE: 'Small' }, { VALUE: 'Large', DEF: 'Y' }],
      },
    });
    expect(typeof fieldId).toBe('number');
    const uf = await result('crm.deal.userfield.get', { id: fieldId });
    expect(uf).toMatchObject({
      ID: String(fieldId),
      ENTITY_ID: 'CRM_DEAL',
      FIELD_NAME: 'UF_CRM_SIZE_CLASS',
      USER_TYPE_ID: 'enumeration',
      MULTIPLE: 'Y',
      MANDATORY: 'N',
    });
    expect((uf.EDIT_FORM_LABEL as Row).en).toBe('Size class');
    const items = uf.LIST as Row[];
    expect(items.map((i) => i.VALUE)).toEqual(['Small', 'Large']);
    const small = items[0]!.ID as string;
    const large = items[1]!.ID as string;

    const defaulted = await result<number>('crm.deal.add', { fields: { TITLE: 'Default size' } });
    expect((await result('crm.deal.get', { id: defaulted })).UF_CRM_SIZE_CLASS).toEqual([large]);
    const id = await result<number>('crm.deal.add', { fields: { TITLE: 'Small one', UF_CRM_SIZE_CLASS: [small] } });
    const found = await result<Row[]>('crm.deal.list', {
      filter: { UF_CRM_SIZE_CLASS: small },
      select: ['ID', 'UF_CRM_SIZE_CLASS'],
    });
    expect(found).toEqual([{ ID: String(id), UF_CRM_SIZE_CLASS: [small] }]);
    const viaItem = await result<{ items: Row[] }>('crm.item.list', {
      entityTypeId: 2,
      filter: { ufCrm_SIZE_CLASS: Number(small) },
      select: ['id', 'ufCrm_SIZE_CLASS'],
    });
    expect(viaItem.items).toEqual([{ id, ufCrm_SIZE_CLASS: [Number(small)], entityTypeId: 2 }]);

    const listed = await result<Row[]>('crm.deal.userfield.list', { filter: { FIELD_NAME: 'UF_CRM_SIZE_CLASS' } });
    expect(listed.map((f) => f.ID)).toEqual([String(fieldId)]);
    expect(
      await result('crm.deal.userfield.update', {
        id: fieldId,
        fields: { LIST: [{ ID: small, DEL: 'Y' }, { VALUE: 'Medium' }] },
      }),
    ).toBe(true);
    const after = (await result('crm.deal.userfield.get', { id: fieldId })).LIST as Row[];
    expect(after.map((i) => i.VALUE)).toEqual(['Large', 'Medium']);
    expect(await result('crm.deal.userfield.delete', { id: fieldId })).toBe(true);
    expect(await result('crm.deal.get', { id })).not.toHaveProperty('UF_CRM_SIZE_CLASS');
  });

  it('enforces mandatory fields and validates definitions', async () => {
    const fieldId = await result<number>('crm.company.userfield.add', {
      fields: { FIELD_NAME: 'VAT_NO', USER_TYPE_ID: 'string', MANDATORY: 'Y', LABEL: 'VAT number' },
    });
    const missing = await t.hook('crm.company.add', { fields: { TITLE: 'No VAT ApS' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('');
    const itemMissing = await t.hook('crm.item.add', { entityTypeId: 4, fields: { title: 'No VAT ApS' } });
    expect(itemMissing.body.error).toBe('CRM_FIELD_ERROR_REQUIRED');
    expect(
      typeof (await result('crm.company.add', { fields: { TITLE: 'VAT ApS', UF_CRM_VAT_NO: 'DK12345678' } })),
    ).toBe('number');
    await ok('crm.company.userfield.delete', { id: fieldId });

    for (const [fields, text] of [
      [{ USER_TYPE_ID: 'string' }, "The 'FIELD_NAME' field is not found."],
      [{ FIELD_NAME: 'X1' }, "The 'USER_TYPE_ID' field is not found."],
      [
        { FIELD_NAME: 'bad-name', USER_TYPE_ID: 'string' },
        'Field name contains invalid characters. Allowed characters are: A-Z, 0-9, and _.',
      ],
    ] as const) {
      const r = await t.hook('crm.contact.userfield.add', { fields });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error: '', error_description: text });
    }
    const wrongEntity = await t.hook('crm.contact.userfield.get', { id: 1 });
    expect(wrongEntity.body.error).toBe('ERROR_NOT_FOUND');
  });
});
