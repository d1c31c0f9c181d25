import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { BitrixError } from '../../b24/index.ts';
import { errorMessageKey } from '../errors/error-message-key.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { CrmItemProvider, FieldMeta, TaskProvider } from '../types.ts';
import { createDataSource, type DataSource } from './data-source.ts';

// Providers against a real sandbox (demo seed) over HTTPS through the SDK; round trips counted in the portal's log.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
});
afterAll(async () => t?.close());
beforeEach(() => sandbox.clearLog());

const crm = (name: 'deals' | 'contacts' | `sp-${number}`) => source.provider(name) as CrmItemProvider;
const field = (fields: FieldMeta[], name: string) => {
  const f = fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${fields.map((x) => x.name).join(', ')}`);
  return f;
};

describe('resources', () => {
  it('discovers the demo smart processes from one crm.type.list call', async () => {
    const resources = await source.resources();
    expect(resources.map((r) => r.name)).toEqual([
      'deals',
      'contacts',
      'companies',
      'leads',
      'tasks',
      'sp-1030',
      'sp-1032',
    ]);
    const projects = resources.find((r) => r.name === 'sp-1030')!;
    expect(projects).toMatchObject({ provider: 'crm.item', entityTypeId: 1030, titleField: 'title' });
    expect(projects.titles).toEqual({ en: 'Projects', da: 'Projects', de: 'Projects', ru: 'Projects' });
    expect(resources.find((r) => r.name === 'sp-1032')!.titles.en).toBe('Service requests');
    expect(requests(await sandbox.log())).toEqual(['crm.type.list']);
  });

  it('gives each resource one provider per source, by the entity type in its name', () => {
    expect(crm('deals').entityTypeId).toBe(2);
    expect(crm('sp-1030').entityTypeId).toBe(1030);
    expect(source.provider('tasks').kind).toBe('tasks.task');
    expect(source.provider('deals')).toBe(source.provider('deals'));
  });
});

describe('crm.item provider: deals', () => {
  it('reads a record with a string id and real numbers, in one request', async () => {
    const deal = await crm('deals').getOne('1');
    expect(deal.id).toBe('1');
    expect(typeof deal.opportunity).toBe('number');
    expect(deal.entityTypeId).toBe(2);
    expect(typeof deal.title).toBe('string');
    expect(requests(await sandbox.log())).toEqual(['crm.item.get']);
  });

  it('creates, updates only what changed, reads many, lists and deletes', async () => {
    const deals = crm('deals');
    const fields = await deals.getFields();
    const region = field(fields, 'ufCrm_REGION').items![1]!;
    await sandbox.clearLog();

    const created = await deals.create({
      title: 'Kontor CRUD',
      opportunity: 1234.5,
      ufCrm_REGION: Number(region.id),
      id: '77',
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.id).not.toBe('77');
    expect(created).toMatchObject({ title: 'Kontor CRUD', opportunity: 1234.5, ufCrm_REGION: Number(region.id) });

    const updated = await deals.update(created.id, { title: 'Kontor CRUD 2', opportunity: 1234.5 }, created);
    expect(updated).toMatchObject({ id: created.id, title: 'Kontor CRUD 2', opportunity: 1234.5 });
    // Nothing differs from `previous`: no request at all.
    expect(await deals.update(created.id, { title: 'Kontor CRUD 2' }, updated)).toBe(updated);

    const many = await deals.getMany([created.id, '1', '999999', 'x']);
    expect(many.map((d) => d.id)).toEqual([created.id, '1']);

    const page = await deals.getList({ filter: { '%title': 'Kontor CRUD' } });
    expect(page.data.map((d) => d.id)).toEqual([created.id]);
    expect(page.hasNextPage).toBe(false);

    await deals.delete(created.id);
    const gone = await deals.getOne(created.id).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(BitrixError);
    expect(errorMessageKey(gone)).toBe('errors:notFound');
    expect(requests(await sandbox.log())).toEqual([
      'crm.item.add',
      'crm.item.update',
      'crm.item.list',
      'crm.item.list',
      'crm.item.delete',
      'crm.item.get',
    ]);
  });

  it('pages with exact offsets, with the portal total when the answer carries it', async () => {
    const sort = { field: 'id', order: 'ASC' } as const;
    const count = (await t.hook('crm.item.list', { entityTypeId: 2, select: ['id'] })).body.total;
    expect(count).toBe(60);
    await sandbox.clearLog();
    // Same tick: one batch request, whose answers carry `total`.
    const [all, second, last] = await Promise.all([
      crm('deals').getList({ sort, pagination: { page: 1, perPage: 50 } }),
      crm('deals').getList({ sort, pagination: { page: 2, perPage: 10 } }),
      crm('deals').getList({ sort, pagination: { page: 6, perPage: 10 } }),
    ]);
    expect(requests(await sandbox.log())).toEqual(['batch:crm.item.list,crm.item.list,crm.item.list']);
    expect(second.data.map((d) => d.id)).toEqual(all.data.slice(10, 20).map((d) => d.id));
    expect([all.total, second.total, last.total]).toEqual([60, 60, 60]);
    expect([all.hasNextPage, second.hasNextPage, last.hasNextPage]).toEqual([true, true, false]);
    expect(last.data).toHaveLength(10);
  });

  it('knows whether more rows follow even without a total', async () => {
    const sort = { field: 'id', order: 'ASC' } as const;
    const middle = await crm('deals').getList({ sort, pagination: { page: 2, perPage: 25 } });
    const end = await crm('deals').getList({ sort, pagination: { page: 3, perPage: 25 } });
    expect(middle).toMatchObject({ hasNextPage: true });
    expect(middle.data).toHaveLength(25);
    expect(end).toMatchObject({ hasNextPage: false });
    expect(end.data).toHaveLength(10);
  });

  it('reads only the selected fields (and always the id)', async () => {
    const { data } = await crm('deals').getList({ select: ['title'], pagination: { page: 1, perPage: 2 } });
    expect(Object.keys(data[0]!).sort()).toEqual(['entityTypeId', 'id', 'title']);
  });

  it('reports a refused value as a validation error', async () => {
    const error = await crm('deals')
      .create({ title: 'Bad', opportunity: 'lots' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BitrixError);
    expect((error as BitrixError).code).toBe('CRM_FIELD_ERROR_VALUE_NOT_VALID');
    expect(errorMessageKey(error)).toBe('errors:validation');
  });

  it('spends no request on an id that cannot exist', async () => {
    await expect(crm('deals').getOne('abc')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await sandbox.log()).toEqual([]);
  });

  it('moves a deal to another stage', async () => {
    const deal = await crm('deals').create({ title: 'Stage mover' });
    const moved = await crm('deals').moveStage(deal.id, 'WON');
    expect(moved).toMatchObject({ id: deal.id, stageId: 'WON', stageSemanticId: 'S' });
  });
});

describe('field metadata', () => {
  it('normalises crm.item.fields: types, status dictionaries, read-only, custom string and enumeration fields', async () => {
    const fields = await crm('deals').getFields();
    expect(requests(await sandbox.log())).toEqual(['crm.item.fields']);
    expect(field(fields, 'id')).toMatchObject({ kind: 'id', readOnly: true, upperName: 'ID' });
    expect(field(fields, 'stageId')).toMatchObject({
      kind: 'status',
      type: 'crm_status',
      statusType: 'DEAL_STAGE',
      upperName: 'STAGE_ID',
    });
    expect(field(fields, 'opportunity')).toMatchObject({ kind: 'money', type: 'double' });
    expect(field(fields, 'categoryId')).toMatchObject({ immutable: true });
    expect(field(fields, 'createdTime')).toMatchObject({ kind: 'datetime', readOnly: true });
    expect(field(fields, 'ufCrm_PROJECT_CODE')).toMatchObject({
      kind: 'string',
      custom: true,
      title: 'Project code',
      upperName: 'UF_CRM_PROJECT_CODE',
      multiple: false,
      required: false,
    });
    const region = field(fields, 'ufCrm_REGION');
    expect(region).toMatchObject({ kind: 'enum', type: 'enumeration', custom: true });
    expect(region.items!.length).toBeGreaterThan(1);
    expect(region.items!.every((i) => typeof i.id === 'string' && i.value.length > 0)).toBe(true);
    expect(field(fields, 'observers')).toMatchObject({ multiple: true, kind: 'user' });
    expect(fields.some((f) => f.name === 'fm')).toBe(false);
  });

  it('describes multi-fields (fm) and required fields of companies and contacts', async () => {
    const companies = await source.provider('companies').getFields();
    expect(field(companies, 'title')).toMatchObject({ required: true });
    expect(field(companies, 'fm')).toMatchObject({ kind: 'multi-field', multiple: true });
    const contacts = await source.provider('contacts').getFields();
    expect(field(contacts, 'ufCrm_NEWSLETTER')).toMatchObject({ kind: 'boolean', custom: true });
    expect(field(contacts, 'fm').kind).toBe('multi-field');
  });
});

describe('crm.item provider: smart process "Projects" (1030)', () => {
  it('creates, reads, updates and deletes items with the custom budget field', async () => {
    const projects = crm('sp-1030');
    const budget = (await projects.getFields()).find((f) => f.custom && f.upperName.endsWith('_BUDGET'))!;
    expect(budget).toMatchObject({ kind: 'number', type: 'double' });
    expect(budget.name).toMatch(/^ufCrm\d+_BUDGET$/);

    const created = await projects.create({ title: 'Kontor rollout', [budget.name]: 25000 });
    expect(created).toMatchObject({ title: 'Kontor rollout', entityTypeId: 1030, [budget.name]: 25000 });
    expect(typeof created.id).toBe('string');
    expect(String(created.stageId)).toMatch(/^DT1030_\d+:/);

    const read = await projects.getOne(created.id);
    expect(read).toEqual(created);
    const updated = await projects.update(created.id, { [budget.name]: 30000.5 });
    expect(updated[budget.name]).toBe(30000.5);

    await sandbox.clearLog();
    await projects.delete(created.id);
    await expect(projects.getOne(created.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(requests(await sandbox.log())).toEqual(['crm.item.delete', 'crm.item.get']);
  });

  it('lists a smart process', async () => {
    const { data, hasNextPage } = await crm('sp-1032').getList({ pagination: { page: 1, perPage: 5 } });
    expect(data).toHaveLength(5);
    expect(hasNextPage).toBe(true);
    expect(data.every((r) => typeof r.id === 'string' && r.entityTypeId === 1032)).toBe(true);
  });
});

describe('tasks.task provider', () => {
  it('creates with UPPER_CASE input, reads camelCase strings, completes and deletes', async () => {
    const tasks = source.provider('tasks') as TaskProvider;
    const created = await tasks.create({ title: 'Call the customer', responsibleId: 1, priority: 2 });
    expect(created).toMatchObject({ title: 'Call the customer', responsibleId: '1', priority: '2', status: '2' });
    expect(created.id).toMatch(/^\d+$/);

    const updated = await tasks.update(created.id, { title: 'Call the customer back' }, created);
    expect(updated.title).toBe('Call the customer back');
    expect(await tasks.getMany([created.id])).toEqual([expect.objectContaining({ id: created.id })]);

    const done = await tasks.completeTask(created.id);
    expect(done.status).toBe('5');

    await tasks.delete(created.id);
    const gone = await tasks.getOne(created.id).catch((e: unknown) => e);
    expect(errorMessageKey(gone)).toBe('errors:notFound');
  });

  it('normalises tasks.task.getFields: camelCase names, enum values, required', async () => {
    const fields = await source.provider('tasks').getFields();
    expect(field(fields, 'priority')).toMatchObject({ kind: 'enum', upperName: 'PRIORITY' });
    expect(field(fields, 'priority').items).toEqual(expect.arrayContaining([{ id: '2', value: 'High' }]));
    expect(field(fields, 'title')).toMatchObject({ required: true, kind: 'string' });
    expect(field(fields, 'responsibleId')).toMatchObject({ required: true, kind: 'user' });
    expect(field(fields, 'id')).toMatchObject({ readOnly: true, kind: 'id' });
  });

  it('refuses a task without a title as a validation error', async () => {
    const error = await source
      .provider('tasks')
      .create({ responsibleId: 1 })
      .catch((e: unknown) => e);
    expect(errorMessageKey(error)).toBe('errors:validation');
  });
});
