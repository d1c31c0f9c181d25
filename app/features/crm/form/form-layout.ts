import type { FieldMeta, Resource } from '../../../data/types.ts';
import { isMoneyString } from './form-values.ts';

export type FormMode = 'create' | 'edit';
export type SectionKey = 'main' | 'custom' | 'more';

export interface FormSection {
  key: SectionKey;
  fields: FieldMeta[];
}

export interface FormLayout {
  /** What the user edits, in sections: the key and required fields, the custom fields, everything else. */
  sections: FormSection[];
  /** Every field the form may send (the sections' fields and the folded ones). */
  editable: FieldMeta[];
  /** Shown as text only (read-only, or fixed once created): never sent. */
  readOnly: FieldMeta[];
  /** A field edited inside another's input (`currencyId` with the amount): folded name → host field name. */
  folded: Record<string, string>;
}

// The fields most edits are about, first and in this order (the rest of the standard ones go to "more").
const KEY_FIELDS = [
  'title',
  'honorific',
  'name',
  'secondName',
  'lastName',
  'categoryId',
  'stageId',
  'opportunity',
  'revenue',
  'assignedById',
  'companyId',
  'companyIds',
  'contactIds',
  'fm',
  'begindate',
  'closedate',
];

/**
 * Which fields a record form shows, where, and which it may send. Read-only fields (and, when editing,
 * fields fixed once created) are text; `contactId`/`companyId` are edited through their lists
 * (`contactIds`, `companyIds`, whose first entry is the primary one); the currency goes with the amount.
 * Creating puts the required fields first.
 * @example formLayout(deals, fields, 'edit').sections[0].fields.map((f) => f.name) // ['title', 'stageId', 'opportunity', …]
 */
export function formLayout(resource: Resource, fields: readonly FieldMeta[], mode: FormMode): FormLayout {
  const names = new Set(fields.map((f) => f.name));
  const hidden = new Set<string>(['id']);
  if (names.has('contactIds')) hidden.add('contactId');
  if (names.has('companyIds')) hidden.add('companyId');

  const readOnly: FieldMeta[] = [];
  const editable: FieldMeta[] = [];
  for (const f of fields) {
    if (hidden.has(f.name) || f.kind === 'id') continue;
    const fixed = f.readOnly || f.kind === 'file' || (mode === 'edit' && f.immutable);
    if (fixed) {
      if (mode === 'edit') readOnly.push(f);
    } else editable.push(f);
  }

  const folded: Record<string, string> = {};
  const money = editable.find((f) => f.kind === 'money' && !isMoneyString(f) && !f.custom);
  const currency = editable.find((f) => f.name === 'currencyId');
  if (money && currency) folded[currency.name] = money.name;

  const shown = editable.filter((f) => !folded[f.name]);
  const title = resource.titleField;
  const isKey = (f: FieldMeta) => !f.custom && (f.name === title || KEY_FIELDS.includes(f.name));
  // The title field first, then KEY_FIELDS' order, then other required fields in the portal's order.
  const rank = (f: FieldMeta) => (f.name === title ? -1 : isKey(f) ? KEY_FIELDS.indexOf(f.name) : KEY_FIELDS.length);
  const main = shown
    .filter((f) => isKey(f) || (f.required && !f.custom))
    .sort((a, b) => {
      if (mode === 'create' && a.required !== b.required) return a.required ? -1 : 1;
      return rank(a) - rank(b);
    });
  const inMain = new Set(main.map((f) => f.name));
  const custom = shown.filter((f) => f.custom && !inMain.has(f.name));
  if (mode === 'create') custom.sort((a, b) => Number(b.required) - Number(a.required));
  const more = shown.filter((f) => !f.custom && !inMain.has(f.name));

  const sections: FormSection[] = [
    { key: 'main', fields: main },
    { key: 'custom', fields: custom },
    { key: 'more', fields: more },
  ];
  return { sections: sections.filter((s) => s.fields.length > 0), editable, readOnly, folded };
}
