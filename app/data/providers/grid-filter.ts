import type { GridCondition, GridParams } from '../types.ts';

const CONTACT = 3;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** `2026-07-17` → `2026-07-18` (calendar arithmetic in UTC, so no time zone can shift the day). */
function dayAfter(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return next.toISOString().slice(0, 10);
}

/** Custom fields (`ufCrm_…`, `ufCrm3_…`) take booleans as 1/0, standard `char` fields as Y/N (rest.md §9). */
function booleanValue(field: string, value: boolean): string | number {
  return /^uf/i.test(field) ? (value ? 1 : 0) : value ? 'Y' : 'N';
}

function compileCondition(c: GridCondition, out: Record<string, unknown>): void {
  switch (c.op) {
    case 'in': {
      const values = c.values.filter((v) => !isBlank(v));
      if (values.length > 0) out[`@${c.field}`] = values;
      return;
    }
    case 'equals':
      if (isBlank(c.value)) return;
      out[`=${c.field}`] = typeof c.value === 'boolean' ? booleanValue(c.field, c.value) : c.value;
      return;
    case 'contains':
      if (!isBlank(c.value)) out[`%${c.field}`] = c.value.trim();
      return;
    case 'range':
      if (!isBlank(c.from)) out[`>=${c.field}`] = c.kind === 'number' ? Number(c.from) : c.from;
      if (isBlank(c.to)) return;
      if (c.kind === 'number') out[`<=${c.field}`] = Number(c.to);
      // A datetime "to 17 July" means the whole day: before the 18th's midnight (portal time).
      else if (c.kind === 'datetime') out[`<${c.field}`] = dayAfter(String(c.to));
      else out[`<=${c.field}`] = c.to;
      return;
  }
}

/**
 * The quick search as a crm.item OR sub-filter: contacts by first or last name, everything else by title;
 * a number (`42`, `#42`) also matches the record with that id.
 * @example searchCondition(2, 'nord') // { 0: { logic: 'OR', 0: { '%title': 'nord' } } }
 */
export function searchCondition(entityTypeId: number, text: string): Record<string, unknown> {
  const t = text.trim();
  if (!t) return {};
  const parts: Record<string, unknown>[] =
    entityTypeId === CONTACT ? [{ '%name': t }, { '%lastName': t }] : [{ '%title': t }];
  const id = /^#?([1-9]\d{0,9})$/.exec(t)?.[1];
  if (id) parts.push({ id: Number(id) });
  return { 0: { logic: 'OR', ...Object.fromEntries(parts.map((p, i) => [i, p])) } };
}

/**
 * The grid's filter in the portal's operators (rest.md §9), for `crm.item.list`: the portal filters the
 * whole set, so what the grid shows is exactly what matches. Blank inputs are left out.
 * @example compileGridFilter(2, { search: 'nord', conditions: [{ field: 'stageId', op: 'in', values: ['NEW'] }, { field: 'opportunity', op: 'range', kind: 'number', from: 1000 }] })
 * // { 0: { logic: 'OR', 0: { '%title': 'nord' } }, '@stageId': ['NEW'], '>=opportunity': 1000 }
 */
export function compileGridFilter(entityTypeId: number, params: GridParams): Record<string, unknown> {
  const out: Record<string, unknown> = { ...searchCondition(entityTypeId, params.search ?? '') };
  for (const c of params.conditions ?? []) compileCondition(c, out);
  return out;
}
