import type { FieldMeta, GridCondition } from '../../../data/types.ts';

/** A range as typed: `''` leaves that end open. */
export interface RangeInput {
  from: string;
  to: string;
}

/** What the filter panel holds, as the inputs hold it (texts); `filterConditions` turns it into a query. */
export interface FilterState {
  stages: string[];
  /** User ids. */
  responsible: string[];
  /** Dates and amounts, by field name. */
  ranges: Record<string, RangeInput>;
  /** "Contains" texts of custom string fields. */
  texts: Record<string, string>;
  /** Chosen items of custom enumeration fields. */
  choices: Record<string, string[]>;
  /** Custom yes/no fields. */
  flags: Record<string, '' | 'yes' | 'no'>;
}

export const EMPTY_FILTER: FilterState = { stages: [], responsible: [], ranges: {}, texts: {}, choices: {}, flags: {} };

/** The standard date fields the panel offers a range for, when the resource has them. */
export const DATE_FILTERS = ['createdTime', 'updatedTime', 'closedate'] as const;
/** The amount. */
export const AMOUNT_FILTER = 'opportunity';

/**
 * How a field is filtered by range, or null if it is not.
 * @example rangeKind({ kind: 'money', … }) // 'number'
 */
export function rangeKind(field: FieldMeta | undefined): 'number' | 'date' | 'datetime' | null {
  if (!field || field.multiple) return null;
  if (field.kind === 'money' || field.kind === 'number') return 'number';
  if (field.kind === 'date' || field.kind === 'datetime') return field.kind;
  return null;
}

/** Custom fields the panel offers an input for: texts, enumerations, yes/no, numbers and dates. */
export function customFilterFields(fields: readonly FieldMeta[]): FieldMeta[] {
  return fields.filter(
    (f) =>
      f.custom &&
      (['string', 'text', 'url', 'boolean'].includes(f.kind) ||
        (f.kind === 'enum' && (f.items?.length ?? 0) > 0) ||
        rangeKind(f) !== null),
  );
}

const filled = (v: string) => v.trim() !== '';

/**
 * The panel's state as grid conditions (the data layer compiles them to the portal's operators).
 * Ranges of fields the resource does not have are left out.
 * @example filterConditions({ ...EMPTY_FILTER, stages: ['WON'] }, fields) // [{ field: 'stageId', op: 'in', values: ['WON'] }]
 */
export function filterConditions(state: FilterState, fields: readonly FieldMeta[]): GridCondition[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const out: GridCondition[] = [];
  if (state.stages.length > 0) out.push({ field: 'stageId', op: 'in', values: state.stages });
  if (state.responsible.length > 0)
    out.push({ field: 'assignedById', op: 'in', values: state.responsible.map(Number) });
  for (const [name, range] of Object.entries(state.ranges)) {
    const kind = rangeKind(byName.get(name));
    if (!kind || (!filled(range.from) && !filled(range.to))) continue;
    out.push({
      field: name,
      op: 'range',
      kind,
      ...(filled(range.from) ? { from: range.from } : {}),
      ...(filled(range.to) ? { to: range.to } : {}),
    });
  }
  for (const [name, text] of Object.entries(state.texts))
    if (filled(text) && byName.has(name)) out.push({ field: name, op: 'contains', value: text.trim() });
  for (const [name, items] of Object.entries(state.choices))
    if (items.length > 0 && byName.has(name)) out.push({ field: name, op: 'in', values: items });
  for (const [name, flag] of Object.entries(state.flags))
    if (flag && byName.has(name)) out.push({ field: name, op: 'equals', value: flag === 'yes' });
  return out;
}

/**
 * How many inputs of the panel are in use (the "Filters (3)" badge).
 * @example activeFilterCount({ ...EMPTY_FILTER, stages: ['WON'], ranges: { opportunity: { from: '1', to: '' } } }) // 2
 */
export function activeFilterCount(state: FilterState): number {
  return (
    (state.stages.length > 0 ? 1 : 0) +
    (state.responsible.length > 0 ? 1 : 0) +
    Object.values(state.ranges).filter((r) => filled(r.from) || filled(r.to)).length +
    Object.values(state.texts).filter(filled).length +
    Object.values(state.choices).filter((c) => c.length > 0).length +
    Object.values(state.flags).filter(Boolean).length
  );
}
