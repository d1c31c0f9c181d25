import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

type Row = Record<string, unknown>;

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => t.close());

async function result<T = Row>(method: string, params: Record<string, unknown> = {}): Promise<T> {
  const r = await t.hook(method, params);
  if (r.status !== 200) throw new Error(`${method} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.result as T;
}

describe('crm.status', () => {
  it('lists deal stages with string values and EXTRA', async () => {
    const r = await t.hook('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' }, order: { SORT: 'ASC' } });
    const rows = r.body.result as Row[];
    expect(r.body.total).toBe(8);
    expect(rows.map((s) => s.STATUS_ID)).toEqual([
      'NEW',
      'PREPARATION',
      'PREPAYMENT_INVOICE',
      'EXECUTING',
      'FINAL_INVOICE',
      'WON',
      'LOSE',
      'APOLOGY',
    ]);
    expect(rows[0]).toEqual({
      ID: expect.stringMatching(/^\d+$/),
      ENTITY_ID: 'DEAL_STAGE',
      STATUS_ID: 'NEW',
      NAME: 'New',
      NAME_INIT: 'New',
      SORT: '10',
      SYSTEM: 'Y',
      CATEGORY_ID: null,
      COLOR: '#39A8EF',
      SEMANTICS: null,
      EXTRA: { SEMANTICS: 'process', COLOR: '#39A8EF' },
    });
    expect(rows[5]).toMatchObject({ SEMANTICS: 'S', EXTRA: { SEMANTICS: 'success' } });
    expect(rows[7]).toMatchObject({ SEMANTICS: 'F', EXTRA: { SEMANTICS: 'apology' } });
    const wholesale = await result<Row[]>('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE_1' } });
    expect(wholesale[0]).toMatchObject({ STATUS_ID: 'C1:NEW', CATEGORY_ID: '1' });
    const sources = await result<Row[]>('crm.status.list', { filter: { ENTITY_ID: 'SOURCE' } });
    expect(sources[0]).not.toHaveProperty('EXTRA');
  });

  it('adds with the pipeline prefix, updates, and protects system statuses', async () => {
    const id = await result<number>('crm.status.add', {
      fields: { ENTITY_ID: 'DEAL_STAGE_1', STATUS_ID: 'REVIEW', NAME: 'Review', SORT: 45 },
    });
    expect(typeof id).toBe('number');
    expect(await result('crm.status.get', { id })).toMatchObject({
      STATUS_ID: 'C1:REVIEW',
      NAME: 'Review',
      SORT: '45',
      SYSTEM: 'N',
      CATEGORY_ID: '1',
    });
    expect(await result('crm.status.update', { id, fields: { NAME: 'Legal review' } })).toBe(true);
    expect((await result('crm.status.get', { id })).NAME).toBe('Legal review');
    const deal = await result<number>('crm.deal.add', { fields: { CATEGORY_ID: 1, STAGE_ID: 'C1:REVIEW' } });
    expect((await result('crm.deal.get', { id: deal })).STAGE_ID).toBe('C1:REVIEW');
    expect(await result('crm.status.delete', { id })).toBe(true);

    const system = (
      await result<Row[]>('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'NEW' } })
    )[0]!;
    const refused = await t.hook('crm.status.delete', { id: system.ID });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('');
    expect((await t.hook('crm.status.get', { id: 999_999 })).body).toEqual({
      error: '',
      error_description: 'Not found',
    });
    expect((await t.hook('crm.status.add', { fields: { ENTITY_ID: 'NOPE', STATUS_ID: 'X', NAME: 'X' } })).status).toBe(
      400,
    );
  });

  it('describes dictionaries in crm.status.entity.types', async () => {
    const types = await result<Row[]>('crm.status.entity.types');
    const ids = types.map((x) => x.ID);
    expect(ids).toEqual(expect.arrayContaining(['STATUS', 'SOURCE', 'DEAL_TYPE', 'DEAL_STAGE', 'DEAL_STAGE_1']));
    expect(types.find((x) => x.ID === 'DEAL_STAGE_1')).toMatchObject({
      PREFIX: 'C1',
      ENTITY_TYPE_ID: 2,
      CATEGORY_ID: 1,
    });
    expect(types.find((x) => x.ID === 'DEAL_STAGE')).toMatchObject({
      SEMANTIC_INFO: { START_FIELD: 'NEW', FINAL_SUCCESS_FIELD: 'WON', FINAL_UNSUCCESS_FIELD: 'LOSE' },
    });
    expect(ids.some((x) => /^DYNAMIC_\d+_STAGE_\d+$/.test(String(x)))).toBe(true);
  });
});

describe('crm.category', () => {
  it('lists deal pipelines with real numbers', async () => {
    const r = await t.hook('crm.category.list', { entityTypeId: 2 });
    const { categories } = r.body.result as { categories: Row[] };
    expect(categories).toContainEqual({
      id: 0,
      name: 'General',
      sort: 300,
      entityTypeId: 2,
      isDefault: 'Y',
      originId: '',
      originatorId: '',
    });
    expect(categories.find((c) => c.id === 1)).toMatchObject({ name: 'Wholesale', isDefault: 'N' });
    expect(r.body.total).toBe(categories.length);
  });

  it('creates the default stages of a new pipeline and deletes empty ones', async () => {
    const { category } = await result<{ category: Row }>('crm.category.add', {
      entityTypeId: 2,
      fields: { name: 'Projects', sort: 400 },
    });
    const id = category.id as number;
    const stages = await result<Row[]>('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${id}` } });
    expect(stages.map((s) => s.STATUS_ID)).toContain(`C${id}:WON`);
    expect(
      (
        await result<{ category: Row }>('crm.category.update', {
          entityTypeId: 2,
          id,
          fields: { name: 'Big projects' },
        })
      ).category.name,
    ).toBe('Big projects');
    expect((await result<{ category: Row }>('crm.category.get', { entityTypeId: 2, id })).category).toMatchObject({
      id,
      name: 'Big projects',
      sort: 400,
    });
    const stagesOld = await result<Row[]>('crm.dealcategory.stage.list', { id });
    expect(stagesOld[0]).toEqual({ NAME: 'New', SORT: '10', STATUS_ID: `C${id}:NEW` });
    expect(await result('crm.category.delete', { entityTypeId: 2, id })).toEqual([]);
    expect(await result<Row[]>('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${id}` } })).toEqual([]);
    expect((await t.hook('crm.category.get', { entityTypeId: 2, id })).body.error).toBe('NOT_FOUND');
    expect((await t.hook('crm.category.delete', { entityTypeId: 2, id: 0 })).status).toBe(400);
    expect((await t.hook('crm.category.delete', { entityTypeId: 2, id: 1 })).status).toBe(400);
  });

  it('refuses unknown smart processes and types without pipelines', async () => {
    expect((await t.hook('crm.category.list', { entityTypeId: 999 })).body.error).toBe('NOT_FOUND');
    expect((await t.hook('crm.category.list', { entityTypeId: 3 })).body.error).toBe('ENTITY_TYPE_NOT_SUPPORTED');
  });

  it('answers the deprecated crm.dealcategory methods', async () => {
    const r = await t.hook('crm.dealcategory.list', {});
    expect(r.body.result).toEqual([
      {
        ID: '1',
        CREATED_DATE: expect.stringMatching(/[+-]\d\d:\d\d$/),
        NAME: 'Wholesale',
        IS_LOCKED: 'N',
        SORT: '200',
      },
    ]);
    expect(await result('crm.dealcategory.default.get')).toEqual({ ID: 0, NAME: 'General' });
    expect(await result('crm.dealcategory.status', { id: 1 })).toBe('DEAL_STAGE_1');
    expect((await t.hook('crm.dealcategory.get', { id: 77 })).body).toEqual({
      error: '',
      error_description: 'Not found',
    });
  });
});

describe('crm.type', () => {
  it('lists the seeded smart processes and their pipelines', async () => {
    const r = await t.hook('crm.type.list', {});
    const { types } = r.body.result as { types: Row[] };
    expect(types.map((x) => x.title)).toEqual(['Projects', 'Service requests']);
    expect(types[0]).toMatchObject({ id: 1, entityTypeId: expect.any(Number), isCategoriesEnabled: 'Y', createdBy: 1 });
    expect(types[0]!.createdTime).toMatch(/[+-]\d\d:\d\d$/);
    const { categories } = await result<{ categories: Row[] }>('crm.category.list', {
      entityTypeId: types[0]!.entityTypeId,
    });
    expect(categories).toHaveLength(1);
    expect(categories[0]).toMatchObject({ isDefault: 'Y', entityTypeId: types[0]!.entityTypeId });
  });

  it('adds, updates and deletes a type', async () => {
    const { type } = await result<{ type: Row }>('crm.type.add', {
      fields: { title: 'Contracts', entityTypeId: 1500, isObserversEnabled: 'N' },
    });
    expect(type).toMatchObject({ title: 'Contracts', entityTypeId: 1500, isObserversEnabled: 'N' });
    const again = await t.hook('crm.type.add', { fields: { title: 'Dup', entityTypeId: 1500 } });
    expect(again.body.error).toBe('INVALID_ARG_VALUE');
    const { type: updated } = await result<{ type: Row }>('crm.type.update', {
      id: type.id,
      fields: { title: 'Agreements' },
    });
    expect(updated.title).toBe('Agreements');
    expect((await result<{ type: Row }>('crm.type.get', { id: type.id })).type.title).toBe('Agreements');
    await result('crm.item.add', { entityTypeId: 1500, fields: { title: 'NDA' } });
    expect(await result('crm.type.delete', { id: type.id })).toEqual([]);
    expect((await t.hook('crm.type.get', { id: type.id })).body.error).toBe('NOT_FOUND');
    expect((await t.hook('crm.item.list', { entityTypeId: 1500 })).body.error).toBe('NOT_FOUND');
  });

  it('keeps smart-process management to admins', async () => {
    const r = await t.app('crm.type.add', { fields: { title: 'Mine' } }, 5);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('ACCESS_DENIED');
  });
});

describe('an unseeded portal', () => {
  it('still has the dictionaries, the general pipeline and working CRM writes', async () => {
    const bare = await startTestSandbox({ seed: 'none' });
    try {
      const stages = await bare.hook('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' } });
      expect(stages.body.total).toBe(8);
      const added = await bare.hook('crm.deal.add', { fields: { TITLE: 'First deal' } });
      expect(added.body.result).toBe(1);
      const deal = await bare.hook('crm.deal.get', { id: 1 });
      expect(deal.body.result).toMatchObject({ TITLE: 'First deal', STAGE_ID: 'NEW', CATEGORY_ID: '0' });
      const types = await bare.hook('crm.type.list', {});
      expect(types.body.result).toEqual({ types: [] });
    } finally {
      await bare.close();
    }
  });
});
