import { describe, expect, it } from 'vitest';
import { BitrixError } from '../../../b24/errors.ts';
import type { Category, FieldMeta, Stage } from '../../../data/types.ts';
import {
  bulkEditableFields,
  failPending,
  idsWith,
  initialRows,
  markPending,
  mergeResult,
  narrowWrite,
  rowsForDisplay,
  stageGroups,
  stagePlan,
  summarize,
} from './bulk-model.ts';

const stage = (id: string, entityId: string): Stage => ({
  id,
  entityId,
  name: id,
  color: '',
  sort: 0,
  semantics: 'process',
});
const STAGES = [
  stage('NEW', 'DEAL_STAGE'),
  stage('WON', 'DEAL_STAGE'),
  stage('C1:NEW', 'DEAL_STAGE_1'),
  stage('C1:WON', 'DEAL_STAGE_1'),
];
const category = (id: string, name: string, stageEntityId: string): Category => ({
  id,
  entityTypeId: 2,
  name,
  sort: 0,
  isDefault: id === '0',
  implicit: false,
  stageEntityId,
});
// The portal's order: Wholesale before General.
const PIPELINES = [category('1', 'Wholesale', 'DEAL_STAGE_1'), category('0', 'General', 'DEAL_STAGE')];
const notFound = (id: string) => new BitrixError('NOT_FOUND', `No record with id "${id}"`, 0);

describe('stageGroups', () => {
  it('groups deals by pipeline, in the portal’s order, each with only its own stages', () => {
    const groups = stageGroups(
      2,
      [
        { id: '1', categoryId: 0, stageId: 'NEW' },
        { id: '2', categoryId: 1, stageId: 'C1:NEW' },
        { id: '3', categoryId: 0, stageId: 'WON' },
      ],
      STAGES,
      PIPELINES,
    );
    expect(groups.map((g) => [g.key, g.name, g.ids, g.stages.map((s) => s.id)])).toEqual([
      ['DEAL_STAGE_1', 'Wholesale', ['2'], ['C1:NEW', 'C1:WON']],
      ['DEAL_STAGE', 'General', ['1', '3'], ['NEW', 'WON']],
    ]);
  });

  it('places records without a pipeline (leads) by their stage’s dictionary', () => {
    const leadStages = [stage('NEW', 'STATUS'), stage('CONVERTED', 'STATUS')];
    const leads: Category[] = [{ ...category('0', '', 'STATUS'), entityTypeId: 1, implicit: true }];
    const groups = stageGroups(1, [{ id: '5', stageId: 'NEW' }], leadStages, leads);
    expect(groups).toEqual([{ key: 'STATUS', name: '', ids: ['5'], stages: leadStages }]);
  });
});

describe('stagePlan', () => {
  const groups = stageGroups(
    2,
    [
      { id: '1', categoryId: 0 },
      { id: '2', categoryId: 1 },
    ],
    STAGES,
    PIPELINES,
  );

  it('moves each record to the stage chosen for its pipeline; a pipeline without a choice is skipped', () => {
    const plan = stagePlan(groups, { DEAL_STAGE: 'WON' }, ['1', '2']);
    expect(plan).toEqual({
      write: { kind: 'update', items: [{ id: '1', fields: { stageId: 'WON' } }] },
      skipped: ['2'],
      missing: [],
    });
  });

  it('reports selected records the portal did not return as missing, not sent', () => {
    const plan = stagePlan(groups, { DEAL_STAGE: 'WON', DEAL_STAGE_1: 'C1:WON' }, ['1', '2', '9']);
    expect(plan.write).toEqual({
      kind: 'update',
      items: [
        { id: '2', fields: { stageId: 'C1:WON' } },
        { id: '1', fields: { stageId: 'WON' } },
      ],
    });
    expect(plan.missing).toEqual(['9']);
  });
});

describe('row states', () => {
  const plan = {
    write: { kind: 'update' as const, items: ['1', '2', '3', '4'].map((id) => ({ id, fields: { title: 'x' } })) },
    skipped: ['5'],
    missing: ['6'],
  };

  it('counts changed, failed, not attempted and skipped across a run and its retry', () => {
    let rows = initialRows(plan, notFound);
    expect(summarize(rows)).toEqual({ total: 6, ok: 0, failed: 1, notAttempted: 0, skipped: 1, pending: 4 });

    const refused = new BitrixError('CRM_FIELD_ERROR_VALUE_NOT_VALID', 'Incorrect value', 400);
    rows = mergeResult(rows, {
      outcomes: [
        { id: '1', ok: true },
        { id: '2', ok: false, error: refused },
      ],
      notAttempted: ['3', '4'],
      cancelled: true,
    });
    expect(summarize(rows)).toEqual({ total: 6, ok: 1, failed: 2, notAttempted: 2, skipped: 1, pending: 0 });
    expect(rowsForDisplay(rows).map(([id]) => id)).toEqual(['2', '6', '3', '4', '5', '1']);

    // Retry the refused one and send the rest: the retry's outcomes replace the earlier ones.
    const again = narrowWrite(plan.write, ['2', ...idsWith(rows, 'notAttempted')]);
    expect(again).toEqual({ kind: 'update', items: plan.write.items.slice(1) });
    rows = markPending(rows, ['2', '3', '4']);
    expect(summarize(rows).pending).toBe(3);
    rows = mergeResult(rows, {
      outcomes: ['2', '3', '4'].map((id) => ({ id, ok: true })),
      notAttempted: [],
      cancelled: false,
    });
    expect(summarize(rows)).toEqual({ total: 6, ok: 4, failed: 1, notAttempted: 0, skipped: 1, pending: 0 });
  });

  it('fails what was pending when the run itself fails, so nothing stays "waiting"', () => {
    const rows = failPending(initialRows(plan, notFound), new Error('boom'));
    expect(summarize(rows)).toMatchObject({ failed: 5, pending: 0, skipped: 1 });
  });
});

describe('bulkEditableFields', () => {
  const field = (name: string, patch: Partial<FieldMeta> = {}): FieldMeta => ({
    name,
    upperName: name.toUpperCase(),
    title: name,
    type: 'string',
    kind: 'string',
    required: false,
    readOnly: false,
    immutable: false,
    multiple: false,
    custom: false,
    ...patch,
  });

  it('offers writable fields only, without stage, pipeline, responsible, files and multi-fields', () => {
    const fields = [
      field('title', { title: 'Name' }),
      field('id', { kind: 'id', readOnly: true }),
      field('createdTime', { readOnly: true }),
      field('stageId'),
      field('categoryId'),
      field('assignedById', { kind: 'user' }),
      field('ufCrm_FILE', { kind: 'file' }),
      field('fm', { kind: 'multi-field' }),
      field('currencyId', { title: 'Currency' }),
      field('ufCrm_REGION', { title: 'Region', custom: true }),
      field('typeIdImmutable', { immutable: true }),
    ];
    expect(bulkEditableFields(fields, 'en').map((f) => f.name)).toEqual(['currencyId', 'title', 'ufCrm_REGION']);
  });
});
