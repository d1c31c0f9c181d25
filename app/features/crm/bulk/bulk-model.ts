import type { BitrixError } from '../../../b24/errors.ts';
import type { BulkResult, BulkWrite } from '../../../data/query/bulk-write.ts';
import { stageEntityIdOf } from '../../../data/providers/category-provider.ts';
import type { Category, FieldMeta, RecordData, Stage } from '../../../data/types.ts';

/** The bulk actions the toolbar offers. */
export type BulkAction = 'stage' | 'responsible' | 'field' | 'delete';

/** Where one selected record stands in the dialog, across the first run and any retries. */
export type RowState =
  | { status: 'pending' }
  | { status: 'ok'; alreadyGone?: boolean }
  | { status: 'failed'; error: unknown }
  | { status: 'notAttempted' }
  /** Left out on purpose by the user's choice (no stage chosen for the record's pipeline). */
  | { status: 'skipped' };

export type RowStates = ReadonlyMap<string, RowState>;

/** What a form hands to the dialog: the write, and the records it leaves out or cannot send. */
export interface BulkPlan {
  write: BulkWrite;
  /** Records the user chose to leave as they are. */
  skipped: string[];
  /** Selected records the portal no longer has (they cannot be placed in a pipeline): failed, not sent. */
  missing: string[];
}

export interface BulkSummary {
  total: number;
  ok: number;
  failed: number;
  notAttempted: number;
  skipped: number;
  pending: number;
}

/** The ids of a write, in its order. */
export function writeIds(write: BulkWrite): string[] {
  return write.kind === 'update' ? write.items.map((i) => i.id) : write.ids;
}

/** The same write restricted to some ids (a retry of the failed, the rest after a cancel). */
export function narrowWrite(write: BulkWrite, ids: readonly string[]): BulkWrite {
  const keep = new Set(ids);
  return write.kind === 'update'
    ? { kind: 'update', items: write.items.filter((i) => keep.has(i.id)) }
    : { kind: 'delete', ids: write.ids.filter((id) => keep.has(id)) };
}

/**
 * The row states when a plan starts: its write's records pending, the skipped ones skipped, the missing
 * ones failed with "not found" (the portal's own answer for them, given without a request).
 */
export function initialRows(plan: BulkPlan, notFound: (id: string) => BitrixError): Map<string, RowState> {
  const rows = new Map<string, RowState>();
  for (const id of writeIds(plan.write)) rows.set(id, { status: 'pending' });
  for (const id of plan.skipped) rows.set(id, { status: 'skipped' });
  for (const id of plan.missing) rows.set(id, { status: 'failed', error: notFound(id) });
  return rows;
}

/** Marks the rows a run is about to send as pending. */
export function markPending(rows: RowStates, ids: readonly string[]): Map<string, RowState> {
  const next = new Map(rows);
  for (const id of ids) next.set(id, { status: 'pending' });
  return next;
}

/** The row states after a run: its outcomes, and its unsent records as not attempted. */
export function mergeResult(rows: RowStates, result: BulkResult): Map<string, RowState> {
  const next = new Map(rows);
  for (const o of result.outcomes)
    next.set(o.id, o.ok ? { status: 'ok', alreadyGone: o.alreadyGone } : { status: 'failed', error: o.error });
  for (const id of result.notAttempted) next.set(id, { status: 'notAttempted' });
  return next;
}

/**
 * A run that failed as a whole (not record by record): every record it was sending is failed with that
 * error, so none stays "pending" on screen as if it were still on its way.
 */
export function failPending(rows: RowStates, error: unknown): Map<string, RowState> {
  const next = new Map(rows);
  for (const [id, row] of next) if (row.status === 'pending') next.set(id, { status: 'failed', error });
  return next;
}

export function summarize(rows: RowStates): BulkSummary {
  const s: BulkSummary = { total: rows.size, ok: 0, failed: 0, notAttempted: 0, skipped: 0, pending: 0 };
  for (const row of rows.values()) s[row.status]++;
  return s;
}

/** Ids in a given state, in the rows' order. */
export function idsWith(rows: RowStates, status: RowState['status']): string[] {
  return [...rows].filter(([, r]) => r.status === status).map(([id]) => id);
}

/** Failed rows first, then the ones not sent, then skipped, then done: what needs attention on top. */
export function rowsForDisplay(rows: RowStates): [string, RowState][] {
  const rank: Record<RowState['status'], number> = { failed: 0, notAttempted: 1, pending: 2, skipped: 3, ok: 4 };
  return [...rows].sort((a, b) => rank[a[1].status] - rank[b[1].status]);
}

/** One pipeline of the selection: its stages and the selected records in it. */
export interface StageGroup {
  /** The pipeline's stage dictionary (`DEAL_STAGE_1`, `STATUS`, `DYNAMIC_1030_STAGE_7`). */
  key: string;
  /** The portal's name of the pipeline; `''` when it has none (leads, a pipeline not listed). */
  name: string;
  stages: Stage[];
  ids: string[];
}

/**
 * The selected records grouped by pipeline, each group with the stages of that pipeline only: a record
 * can only be moved to a stage of its own pipeline (the portal refuses others). The pipeline is the
 * record's `categoryId`; records without one (leads) go by their stage's dictionary. Groups follow the
 * portal's order of pipelines; records the portal did not return are not in any group.
 * @example stageGroups(2, [{ id: '7', categoryId: 1, stageId: 'C1:NEW' }], stages, pipelines)
 * // [{ key: 'DEAL_STAGE_1', name: 'Wholesale', stages: [C1:NEW, C1:WON, …], ids: ['7'] }]
 */
export function stageGroups(
  entityTypeId: number,
  rows: readonly RecordData[],
  stages: readonly Stage[],
  categories: readonly Category[],
): StageGroup[] {
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const category = row.categoryId;
    const key =
      typeof category === 'number' || (typeof category === 'string' && category !== '')
        ? stageEntityIdOf(entityTypeId, String(category))
        : (stages.find((s) => s.id === row.stageId)?.entityId ?? stages[0]?.entityId ?? '');
    byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
  }
  const order = (key: string) => {
    const i = categories.findIndex((c) => c.stageEntityId === key);
    return i === -1 ? categories.length : i;
  };
  return [...byKey]
    .sort((a, b) => order(a[0]) - order(b[0]))
    .map(([key, ids]) => ({
      key,
      name: categories.find((c) => c.stageEntityId === key)?.name ?? '',
      stages: stages.filter((s) => s.entityId === key),
      ids,
    }));
}

/**
 * The stage write for the chosen stage of each pipeline: records of a pipeline without a choice are
 * skipped, and selected records the portal did not return are reported as missing.
 */
export function stagePlan(
  groups: readonly StageGroup[],
  chosen: Readonly<Record<string, string | null | undefined>>,
  selected: readonly string[],
): BulkPlan {
  const items: { id: string; fields: Record<string, unknown> }[] = [];
  const skipped: string[] = [];
  for (const group of groups) {
    const stageId = chosen[group.key];
    if (stageId) items.push(...group.ids.map((id) => ({ id, fields: { stageId } })));
    else skipped.push(...group.ids);
  }
  const grouped = new Set(groups.flatMap((g) => g.ids));
  return { write: { kind: 'update', items }, skipped, missing: selected.filter((id) => !grouped.has(id)) };
}

/** Fields with their own action (stage, responsible) or that move a record elsewhere (pipeline). */
const OWN_ACTION = new Set(['stageId', 'categoryId', 'assignedById']);
const NOT_BULK_KINDS = new Set<FieldMeta['kind']>(['id', 'file', 'multi-field']);

/**
 * The fields "Change a field" offers: writable ones (not read-only, not set-once), without files and
 * phone/e-mail lists (a value replaces a list, not adds to it), nor stage, pipeline and responsible,
 * which have their own actions. Sorted by title in the user's language.
 */
export function bulkEditableFields(fields: readonly FieldMeta[], lang: string): FieldMeta[] {
  return fields
    .filter((f) => !f.readOnly && !f.immutable && !NOT_BULK_KINDS.has(f.kind) && !OWN_ACTION.has(f.name))
    .filter((f) => f.name !== 'fm')
    .sort((a, b) => (a.title || a.name).localeCompare(b.title || b.name, lang));
}
