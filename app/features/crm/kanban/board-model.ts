import type { Category, RecordData, Stage } from '../../../data/types.ts';
import { formatValue } from '../../../ui/format-value.ts';

/** The amount of one currency (`''` when records carry none). */
export interface CurrencySum {
  currency: string;
  amount: number;
}

/** One column of a board: a stage, its records in display order and their totals. */
export interface StageColumn {
  stage: Stage;
  records: RecordData[];
  sums: CurrencySum[];
}

/** One row of the funnel: an open (or won) stage, what is in it and what reached it. */
export interface FunnelStep {
  stage: Stage;
  count: number;
  sums: CurrencySum[];
  /** Records in this stage or further along (won included): the funnel's width here. */
  reached: number;
  /** `reached` as a share of the previous step's; null for the first step or after an empty one. */
  conversion: number | null;
}

/**
 * The stages of one pipeline in the portal's order (one `crm.status.list` holds every pipeline's).
 * @example pipelineStages(stages, { stageEntityId: 'DEAL_STAGE_1' }).map((s) => s.id) // ['C1:NEW', …, 'C1:LOSE']
 */
export function pipelineStages(
  stages: readonly Stage[] | undefined,
  pipeline: Pick<Category, 'stageEntityId'> | undefined,
): Stage[] {
  if (!stages || !pipeline) return [];
  return stages.filter((s) => s.entityId === pipeline.stageEntityId).sort((a, b) => a.sort - b.sort);
}

function amountOf(record: RecordData): number {
  const n = Number(record.opportunity);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Amounts per currency, largest first; currencies that add up to nothing are left out.
 * @example sumsOf([{ id: '1', opportunity: 10, currencyId: 'EUR' }, { id: '2', opportunity: 5, currencyId: 'EUR' }]) // [{ currency: 'EUR', amount: 15 }]
 */
export function sumsOf(records: readonly RecordData[]): CurrencySum[] {
  const by = new Map<string, number>();
  for (const r of records) {
    const currency = typeof r.currencyId === 'string' ? r.currencyId : '';
    by.set(currency, (by.get(currency) ?? 0) + amountOf(r));
  }
  return [...by]
    .filter(([, amount]) => amount !== 0)
    .map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
}

/**
 * Totals as text, one amount per currency (a pipeline may mix them; they are never added up).
 * @example formatSums([{ currency: 'EUR', amount: 12500 }, { currency: 'DKK', amount: 800 }], 'de') // '12.500,00 € · 800,00 DKK'
 */
export function formatSums(sums: readonly CurrencySum[], lang: string): string {
  return sums
    .map((s) => formatValue(s.amount, { kind: 'money' }, s.currency ? { lang, currency: s.currency } : { lang }))
    .join(' · ');
}

/**
 * The board's columns: every stage of the pipeline, its records (the ones just moved first, in the
 * order they were moved, then newest first) and its totals. Records whose stage is not in the pipeline
 * (a stale row) are left out.
 * @example columnsOf(stages, rows, ['12'])[0].records[0].id // '12' if deal 12 was just moved into the first stage
 */
export function columnsOf(
  stages: readonly Stage[],
  records: readonly RecordData[],
  pinned: readonly string[] = [],
): StageColumn[] {
  const rank = new Map(pinned.map((id, i) => [id, i]));
  const byStage = new Map<string, RecordData[]>(stages.map((s) => [s.id, []]));
  for (const r of records) if (typeof r.stageId === 'string') byStage.get(r.stageId)?.push(r);
  return stages.map((stage) => {
    const list = byStage.get(stage.id)!;
    list.sort((a, b) => {
      const ra = rank.get(a.id) ?? Infinity;
      const rb = rank.get(b.id) ?? Infinity;
      return ra !== rb ? ra - rb : Number(b.id) - Number(a.id);
    });
    return { stage, records: list, sums: sumsOf(list) };
  });
}

/**
 * The funnel of a pipeline: its open stages in order, then the won ones. A record in a stage has passed
 * the ones before it, so each step counts what reached it; lost records are counted apart (where they
 * dropped out is not known).
 * @example funnelOf(columns).steps.map((s) => s.reached) // [40, 31, 20, 9]
 */
export function funnelOf(columns: readonly StageColumn[]): { steps: FunnelStep[]; lost: number } {
  const flow = [
    ...columns.filter((c) => c.stage.semantics === 'process'),
    ...columns.filter((c) => c.stage.semantics === 'success'),
  ];
  let reached = flow.reduce((n, c) => n + c.records.length, 0);
  const steps: FunnelStep[] = [];
  for (const c of flow) {
    const previous = steps[steps.length - 1];
    steps.push({
      stage: c.stage,
      count: c.records.length,
      sums: c.sums,
      reached,
      conversion: previous && previous.reached > 0 ? reached / previous.reached : null,
    });
    reached -= c.records.length;
  }
  const lost = columns.filter((c) => c.stage.semantics === 'failure').reduce((n, c) => n + c.records.length, 0);
  return { steps, lost };
}
