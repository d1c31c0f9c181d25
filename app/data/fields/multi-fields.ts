/**
 * Phones, e-mails, websites and messengers of contacts, companies and leads: `fm` in crm.item
 * (`[{id, typeId, valueType, value}]`, rest.md §12).
 */

/** The multi-field kinds a form edits (`LINK` is the portal's own and not offered). */
export const MULTI_FIELD_TYPES = ['PHONE', 'EMAIL', 'WEB', 'IM'] as const;
export type MultiFieldType = (typeof MULTI_FIELD_TYPES)[number];

/** The value types the portal accepts per kind (rest.md §12); the first is the default. */
export const MULTI_VALUE_TYPES: Record<MultiFieldType, readonly string[]> = {
  PHONE: ['WORK', 'MOBILE', 'HOME', 'FAX', 'PAGER', 'MAILING', 'OTHER'],
  EMAIL: ['WORK', 'HOME', 'MAILING', 'OTHER'],
  WEB: ['WORK', 'HOME', 'FACEBOOK', 'VK', 'LIVEJOURNAL', 'TWITTER', 'OTHER'],
  IM: ['TELEGRAM', 'SKYPE', 'VIBER', 'INSTAGRAM', 'FACEBOOK', 'VK', 'BITRIX24', 'OPENLINE', 'OTHER'],
};

/** One value; `id` is the portal's, absent on a value not saved yet. */
export interface MultiFieldValue {
  id?: number;
  typeId: string;
  valueType: string;
  value: string;
}

/**
 * The `fm` of a record as typed values; anything malformed is left out.
 * @example multiFieldsOf(contact.fm).filter((v) => v.typeId === 'PHONE')
 */
export function multiFieldsOf(fm: unknown): MultiFieldValue[] {
  if (!Array.isArray(fm)) return [];
  return fm.flatMap((raw): MultiFieldValue[] => {
    if (!raw || typeof raw !== 'object') return [];
    const r = raw as Record<string, unknown>;
    const typeId = typeof r.typeId === 'string' ? r.typeId : '';
    if (!typeId) return [];
    const id = Number(r.id);
    return [
      {
        ...(Number.isInteger(id) && id > 0 ? { id } : {}),
        typeId,
        valueType: typeof r.valueType === 'string' ? r.valueType : '',
        value: typeof r.value === 'string' || typeof r.value === 'number' ? String(r.value) : '',
      },
    ];
  });
}

/**
 * What to send as `fm` to turn `before` into `after`: every kept value with its id (unchanged ones too),
 * new values without an id, and each removed value as its id with an empty value.
 *
 * Why the unchanged ones too: the legacy rules (rest.md §12, what the sandbox follows) leave values that
 * are not mentioned alone, while crm.item's `fm` is documented as the record's collection of values;
 * sending the whole wanted list is right under both readings, and an omitted value is never lost.
 * A removed value goes out as `{id, value: ''}`, the documented way to delete one.
 * @example multiFieldPatch([{ id: 5, typeId: 'PHONE', valueType: 'WORK', value: '1' }], [])
 * // [{ id: 5, typeId: 'PHONE', valueType: 'WORK', value: '' }]
 */
export function multiFieldPatch(before: readonly MultiFieldValue[], after: readonly MultiFieldValue[]) {
  const kept = after
    .map((v) => ({ ...v, value: v.value.trim() }))
    .filter((v) => v.value !== '')
    .map((v) => ({ ...(v.id ? { id: v.id } : {}), typeId: v.typeId, valueType: v.valueType, value: v.value }));
  const keptIds = new Set(kept.flatMap((v) => (v.id ? [v.id] : [])));
  const removed = before
    .filter((v) => v.id && !keptIds.has(v.id))
    .map((v) => ({ id: v.id, typeId: v.typeId, valueType: v.valueType, value: '' }));
  return [...kept, ...removed];
}

/**
 * Whether two lists hold the same values (ids aside: a value re-added after an undo gets a new id).
 * @example sameMultiFields(a, a.map(({ id: _, ...v }) => v)) // true
 */
export function sameMultiFields(a: readonly MultiFieldValue[], b: readonly MultiFieldValue[]): boolean {
  const key = (list: readonly MultiFieldValue[]) =>
    list
      .filter((v) => v.value.trim() !== '')
      .map((v) => `${v.typeId}\u0000${v.valueType}\u0000${v.value.trim()}`)
      .sort()
      .join('\u0001');
  return key(a) === key(b);
}
