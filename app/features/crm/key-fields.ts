import type { FieldMeta, RecordData, Resource } from '../../data/types.ts';

export interface KeyField {
  name: string;
  /** Our own label when the portal's is too technical (`stageId` → "Stage"); else the field title. */
  labelKey?: 'stage' | 'responsible' | 'amount';
  field?: FieldMeta;
}

// Shown first and in this order on every CRM card; the resource's default columns follow.
const LEADING: KeyField[] = [
  { name: 'stageId', labelKey: 'stage' },
  { name: 'opportunity', labelKey: 'amount' },
  { name: 'assignedById', labelKey: 'responsible' },
];
// Shown inside another row (currency with the amount) or as the heading.
const FOLDED = new Set(['currencyId', 'id']);

/** The fields the overview shows for a record: stage, amount, responsible, then the resource's columns. */
export function keyFieldsOf(resource: Resource | undefined, fields: FieldMeta[], record: RecordData): KeyField[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const names = new Set<string>();
  const out: KeyField[] = [];
  const add = (k: KeyField) => {
    if (names.has(k.name) || FOLDED.has(k.name) || k.name === resource?.titleField) return;
    if (!(k.name in record) && !byName.has(k.name)) return;
    names.add(k.name);
    const field = byName.get(k.name);
    out.push(field ? { ...k, field } : k);
  };
  for (const k of LEADING) add(k);
  for (const name of resource?.defaultColumns ?? []) add({ name });
  return out;
}
