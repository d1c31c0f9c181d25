import type { FieldKind, FieldMeta, Resource } from '../../../data/types.ts';

/**
 * Phones and e-mails: crm.item sends them together under `fm`; the list shows each kind as a column of its
 * own (contacts and companies name them among their default columns).
 */
export const COMMUNICATION_COLUMNS: Record<string, string> = { phone: 'PHONE', email: 'EMAIL' };

/** One column of the grid (the title column and the selection column are always there besides these). */
export interface GridColumn {
  name: string;
  /** Field metadata; none for the communication columns. */
  field?: FieldMeta;
  /** Minimum width in px; wider screens share the rest. */
  width: number;
  sortable: boolean;
}

const WIDTH: Partial<Record<FieldKind, number>> = {
  id: 80,
  number: 110,
  money: 150,
  boolean: 90,
  date: 120,
  datetime: 160,
  status: 170,
  user: 170,
  enum: 150,
  'crm-link': 110,
  'multi-field': 200,
  url: 200,
};
export const TITLE_WIDTH = 260;

/** Kinds the portal cannot order by (lists, files, composite values). */
const UNSORTABLE: ReadonlySet<FieldKind> = new Set(['multi-field', 'file', 'other']);

/**
 * Whether the portal can sort the list by a field: single values of a plain kind.
 * @example isSortable({ kind: 'money', multiple: false, … }) // true
 */
export function isSortable(field: FieldMeta | undefined): boolean {
  return !!field && !field.multiple && !UNSORTABLE.has(field.kind);
}

/** Names the title column already shows: the title field, and a contact's name parts. */
function inTitle(resource: Resource, name: string): boolean {
  return name === resource.titleField || (resource.titleField === 'lastName' && ['name', 'secondName'].includes(name));
}

function hasCommunications(fields: readonly FieldMeta[]): boolean {
  return fields.some((f) => f.name === 'fm');
}

/**
 * The columns a user can choose from, in the portal's field order: every field except what the title
 * shows, `fm` (split into phone and e-mail columns) and files.
 * @example choosableColumns(deals, fields).map((c) => c.name) // ['id', 'typeId', 'stageId', …]
 */
export function choosableColumns(resource: Resource, fields: readonly FieldMeta[]): GridColumn[] {
  const out: GridColumn[] = fields
    .filter((f) => !inTitle(resource, f.name) && f.kind !== 'multi-field' && f.kind !== 'file')
    .map((f) => ({ name: f.name, field: f, width: WIDTH[f.kind] ?? 170, sortable: isSortable(f) }));
  if (hasCommunications(fields))
    for (const name of Object.keys(COMMUNICATION_COLUMNS))
      out.push({ name, width: WIDTH['multi-field']!, sortable: false });
  return out;
}

/**
 * The resource's default columns as the grid shows them: without what the title shows and without the
 * currency (money values carry it).
 * @example defaultColumnNames(deals) // ['stageId', 'opportunity', 'assignedById', 'closedate']
 */
export function defaultColumnNames(resource: Resource): string[] {
  return resource.defaultColumns.filter((c) => !inTitle(resource, c) && c !== 'currencyId');
}

/**
 * The columns to show: the user's choice (or the defaults) in the order chosen, keeping only fields the
 * portal still has (a removed custom field drops out quietly).
 * @example gridColumns(deals, fields, ['opportunity', 'gone']).map((c) => c.name) // ['opportunity']
 */
export function gridColumns(resource: Resource, fields: readonly FieldMeta[], chosen: readonly string[] | null) {
  const byName = new Map(choosableColumns(resource, fields).map((c) => [c.name, c]));
  return (chosen ?? defaultColumnNames(resource)).flatMap((name) => {
    const column = byName.get(name);
    return column ? [column] : [];
  });
}

/**
 * The selection, title and value columns as one CSS grid template shared by the header and every row,
 * so they line up; the sum of the minimum widths scrolls sideways when the frame is narrower.
 */
export function gridTemplate(
  columns: readonly GridColumn[],
  selectWidth: number,
): { template: string; minWidth: number } {
  const template = [
    `${selectWidth}px`,
    `minmax(${TITLE_WIDTH}px, 2fr)`,
    ...columns.map((c) => `minmax(${c.width}px, 1fr)`),
  ];
  const minWidth = selectWidth + TITLE_WIDTH + columns.reduce((sum, c) => sum + c.width, 0);
  return { template: template.join(' '), minWidth };
}
