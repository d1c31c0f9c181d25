import type { FieldKind, FieldMeta, FieldOption } from '../types.ts';

/** A field description of `crm.item.fields` (rest.md §13). */
export interface CrmFieldDescription {
  type?: string;
  isRequired?: boolean;
  isReadOnly?: boolean;
  isImmutable?: boolean;
  isMultiple?: boolean;
  isDynamic?: boolean;
  title?: string;
  upperName?: string;
  statusType?: string;
  items?: { ID?: unknown; VALUE?: unknown }[];
  settings?: Record<string, unknown>;
  listLabel?: string;
  formLabel?: string;
}

/** A field description of `tasks.task.getFields`. */
export interface TaskFieldDescription {
  title?: string;
  type?: string;
  primary?: boolean;
  values?: Record<string, string>;
  default?: unknown;
}

const KIND_BY_TYPE: Record<string, FieldKind> = {
  string: 'string',
  text: 'text',
  integer: 'number',
  double: 'number',
  money: 'money',
  char: 'boolean',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  enumeration: 'enum',
  enum: 'enum',
  crm_status: 'status',
  crm_category: 'status',
  crm_currency: 'status',
  user: 'user',
  employee: 'user',
  crm_company: 'crm-link',
  crm_contact: 'crm-link',
  crm_lead: 'crm-link',
  crm_quote: 'crm-link',
  crm_deal: 'crm-link',
  crm_entity: 'crm-link',
  crm: 'crm-link',
  crm_multifield: 'multi-field',
  file: 'file',
  url: 'url',
};

/** Amount fields are `double` on the wire; the name says they are money. */
const MONEY = new Set(['opportunity', 'taxValue', 'revenue', 'opportunityAccount', 'taxValueAccount']);

/** Entity types whose records carry phones, e-mails, sites and messengers (`fm`). */
const WITH_MULTI_FIELDS = new Set([1, 3, 4]);

/** `RESPONSIBLE_ID` → `responsibleId`: the names tasks.task.* records arrive with. */
export function upperToCamel(name: string): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function kindOf(name: string, type: string): FieldKind {
  if (name === 'id') return 'id';
  if (MONEY.has(name)) return 'money';
  return KIND_BY_TYPE[type] ?? 'other';
}

function options(items: CrmFieldDescription['items']): FieldOption[] | undefined {
  if (!Array.isArray(items)) return undefined;
  return items.map((i) => ({ id: String(i.ID ?? ''), value: String(i.VALUE ?? '') }));
}

/**
 * `crm.item.fields` → FieldMeta[] in the portal's order. Contacts, companies and leads also get
 * an `fm` entry: crm.item lists phones and e-mails under `fm` but does not describe it.
 * @example normalizeCrmFields(answer.fields, 2).find((f) => f.name === 'stageId')?.statusType // 'DEAL_STAGE'
 */
export function normalizeCrmFields(fields: Record<string, CrmFieldDescription>, entityTypeId: number): FieldMeta[] {
  const out: FieldMeta[] = Object.entries(fields).map(([name, d]) => {
    const type = String(d.type ?? 'string');
    const meta: FieldMeta = {
      name,
      upperName: d.upperName ?? name,
      title: String(d.formLabel || d.listLabel || d.title || name),
      type,
      kind: kindOf(name, type),
      required: d.isRequired === true,
      readOnly: d.isReadOnly === true,
      immutable: d.isImmutable === true,
      multiple: d.isMultiple === true,
      custom: d.isDynamic === true || /^uf_?crm/i.test(name),
    };
    if (d.statusType) meta.statusType = d.statusType;
    const items = options(d.items);
    if (items) meta.items = items;
    if (d.settings && typeof d.settings === 'object' && !Array.isArray(d.settings)) meta.settings = d.settings;
    return meta;
  });
  if (WITH_MULTI_FIELDS.has(entityTypeId) && !out.some((f) => f.name === 'fm')) {
    out.push({
      name: 'fm',
      upperName: 'FM',
      title: 'Communications',
      type: 'crm_multifield',
      kind: 'multi-field',
      required: false,
      readOnly: false,
      immutable: false,
      multiple: true,
      custom: false,
    });
  }
  return out;
}

// Task fields the portal computes; tasks.task.getFields does not flag them read-only.
const TASK_READ_ONLY = new Set([
  'ID',
  'CREATED_DATE',
  'CHANGED_BY',
  'CHANGED_DATE',
  'STATUS_CHANGED_BY',
  'STATUS_CHANGED_DATE',
  'CLOSED_BY',
  'CLOSED_DATE',
  'ACTIVITY_DATE',
  'DATE_START',
  'GUID',
  'COMMENTS_COUNT',
  'SERVICE_COMMENTS_COUNT',
  'FORUM_TOPIC_ID',
  'FORUM_ID',
  'VIEWED_DATE',
  'DURATION_FACT',
  'TIME_SPENT_IN_LOGS',
  'MULTITASK',
  'NOT_VIEWED',
]);
const TASK_REQUIRED = new Set(['TITLE', 'RESPONSIBLE_ID']);
const TASK_MULTIPLE = new Set(['ACCOMPLICES', 'AUDITORS', 'UF_CRM_TASK', 'UF_TASK_WEBDAV_FILES', 'TAGS']);
const TASK_USERS = new Set([
  'CREATED_BY',
  'RESPONSIBLE_ID',
  'CHANGED_BY',
  'STATUS_CHANGED_BY',
  'CLOSED_BY',
  'ACCOMPLICES',
  'AUDITORS',
]);

/**
 * `tasks.task.getFields` (UPPER names, `values` maps) → FieldMeta[] with the camelCase names task
 * records arrive with.
 * @example normalizeTaskFields(answer.fields).find((f) => f.name === 'priority')?.items // [{ id: '2', value: 'High' }, …]
 */
export function normalizeTaskFields(fields: Record<string, TaskFieldDescription>): FieldMeta[] {
  return Object.entries(fields).map(([upper, d]) => {
    const name = upperToCamel(upper);
    const type = String(d.type ?? 'string');
    const meta: FieldMeta = {
      name,
      upperName: upper,
      title: String(d.title ?? upper),
      type,
      kind:
        upper === 'ID'
          ? 'id'
          : TASK_USERS.has(upper)
            ? 'user'
            : upper === 'UF_CRM_TASK'
              ? 'crm-link'
              : kindOf(name, type),
      required: TASK_REQUIRED.has(upper),
      readOnly: d.primary === true || TASK_READ_ONLY.has(upper),
      immutable: false,
      multiple: TASK_MULTIPLE.has(upper),
      custom: upper.startsWith('UF_'),
    };
    if (d.values && typeof d.values === 'object')
      meta.items = Object.entries(d.values).map(([id, value]) => ({ id, value: String(value) }));
    return meta;
  });
}
