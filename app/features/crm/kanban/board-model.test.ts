import { describe, expect, it } from 'vitest';
import type { RecordData, Stage } from '../../../data/types.ts';
import { columnsOf, formatSums, funnelOf, pipelineStages, sumsOf } from './board-model.ts';

const stage = (
  id: string,
  sort: number,
  semantics: Stage['semantics'] = 'process',
  entityId = 'DEAL_STAGE',
): Stage => ({
  id,
  entityId,
  name: id,
  color: '#39A8EF',
  sort,
  semantics,
});
const STAGES = [
  stage('LOSE', 70, 'failure'),
  stage('NEW', 10),
  stage('C1:NEW', 10, 'process', 'DEAL_STAGE_1'),
  stage('WORK', 20),
  stage('WON', 60, 'success'),
];
const deal = (id: number, stageId: string, opportunity: unknown = 0, currencyId = 'EUR'): RecordData => ({
  id: String(id),
  stageId,
  opportunity,
  currencyId,
});

describe('board model', () => {
  it('takes one pipeline’s stages in their order', () => {
    expect(pipelineStages(STAGES, { stageEntityId: 'DEAL_STAGE' }).map((s) => s.id)).toEqual([
      'NEW',
      'WORK',
      'WON',
      'LOSE',
    ]);
    expect(pipelineStages(STAGES, { stageEntityId: 'DEAL_STAGE_1' }).map((s) => s.id)).toEqual(['C1:NEW']);
    expect(pipelineStages(undefined, { stageEntityId: 'DEAL_STAGE' })).toEqual([]);
  });

  it('sums amounts per currency, never across them, and leaves out what adds up to nothing', () => {
    expect(
      sumsOf([
        deal(1, 'NEW', 10),
        deal(2, 'NEW', '5.5'),
        deal(3, 'NEW', 100, 'DKK'),
        deal(4, 'NEW', 0, 'USD'),
        deal(5, 'NEW', 'x'),
      ]),
    ).toEqual([
      { currency: 'DKK', amount: 100 },
      { currency: 'EUR', amount: 15.5 },
    ]);
    expect(
      formatSums(
        [
          { currency: 'EUR', amount: 12500 },
          { currency: 'DKK', amount: 800 },
        ],
        'de',
      ),
    ).toBe(
      `${new Intl.NumberFormat('de', { style: 'currency', currency: 'EUR' }).format(12500)} · ${new Intl.NumberFormat('de', { style: 'currency', currency: 'DKK' }).format(800)}`,
    );
    expect(formatSums([{ currency: '', amount: 1234.5 }], 'en')).toBe('1,234.5');
  });

  it('puts each record in its stage’s column: just-moved first, then newest first; stale stages left out', () => {
    const columns = columnsOf(
      pipelineStages(STAGES, { stageEntityId: 'DEAL_STAGE' }),
      [deal(1, 'NEW', 1), deal(2, 'NEW', 2), deal(3, 'NEW', 3), deal(4, 'WORK'), deal(5, 'C1:NEW')],
      ['1'],
    );
    expect(columns.map((c) => [c.stage.id, c.records.map((r) => r.id)])).toEqual([
      ['NEW', ['1', '3', '2']],
      ['WORK', ['4']],
      ['WON', []],
      ['LOSE', []],
    ]);
    expect(columns[0]!.sums).toEqual([{ currency: 'EUR', amount: 6 }]);
  });

  it('builds the funnel from what reached each open stage, won last, lost apart', () => {
    const columns = columnsOf(pipelineStages(STAGES, { stageEntityId: 'DEAL_STAGE' }), [
      deal(1, 'NEW'),
      deal(2, 'NEW'),
      deal(3, 'WORK'),
      deal(4, 'WON'),
      deal(5, 'LOSE'),
      deal(6, 'LOSE'),
    ]);
    const { steps, lost } = funnelOf(columns);
    expect(steps.map((s) => [s.stage.id, s.count, s.reached, s.conversion])).toEqual([
      ['NEW', 2, 4, null],
      ['WORK', 1, 2, 0.5],
      ['WON', 1, 1, 0.5],
    ]);
    expect(lost).toBe(2);
    expect(
      funnelOf(columnsOf(pipelineStages(STAGES, { stageEntityId: 'DEAL_STAGE' }), [])).steps.map((s) => s.conversion),
    ).toEqual([null, null, null]);
  });
});
