import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

type Row = Record<string, unknown>;

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => t?.close());

async function addDeal(fields: Row): Promise<Row> {
  const r = await t.hook('crm.item.add', { entityTypeId: 2, fields });
  expect(r.status).toBe(200);
  return (r.body.result as { item: Row }).item;
}

// A real portal (crm Field\Stage) refuses a stage that is not in the record's pipeline unless the
// pipeline changes in the same update; it does not silently keep the old stage.
describe('crm.item.update and the stage of another pipeline', () => {
  it('refuses a stage of another pipeline with CRM_FIELD_ERROR_VALUE_NOT_VALID and keeps the record as it was', async () => {
    const deal = await addDeal({ title: 'Stays in General', categoryId: 0 });
    const r = await t.hook('crm.item.update', { entityTypeId: 2, id: deal.id, fields: { stageId: 'C1:WON' } });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('CRM_FIELD_ERROR_VALUE_NOT_VALID');
    const after = (await t.hook('crm.item.get', { entityTypeId: 2, id: deal.id })).body.result as { item: Row };
    expect(after.item).toMatchObject({ categoryId: 0, stageId: deal.stageId, updatedTime: deal.updatedTime });
  });

  it('refuses a bare stage code of pipeline 0 for a deal in another pipeline (the portal compares full ids)', async () => {
    const deal = await addDeal({ title: 'Wholesale', categoryId: 1 });
    const r = await t.hook('crm.item.update', { entityTypeId: 2, id: deal.id, fields: { stageId: 'EXECUTING' } });
    expect(r.body.error).toBe('CRM_FIELD_ERROR_VALUE_NOT_VALID');
  });

  it('still accepts a stage of the pipeline, and a stage together with a new pipeline', async () => {
    const deal = await addDeal({ title: 'Moves', categoryId: 1 });
    const same = await t.hook('crm.item.update', { entityTypeId: 2, id: deal.id, fields: { stageId: 'C1:WON' } });
    expect((same.body.result as { item: Row }).item).toMatchObject({ categoryId: 1, stageId: 'C1:WON' });
    const moved = await t.hook('crm.item.update', {
      entityTypeId: 2,
      id: deal.id,
      fields: { categoryId: 0, stageId: 'PREPARATION' },
    });
    expect((moved.body.result as { item: Row }).item).toMatchObject({ categoryId: 0, stageId: 'PREPARATION' });
  });
});
