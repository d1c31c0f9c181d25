import type { Db } from '../../db/database.ts';
import { DocTable, prepare } from '../engine/query.ts';
import { toStoredDateTime } from '../engine/time.ts';

/**
 * Storage of the CRM: one document table per entity type (JSON keyed by the legacy UPPER_CASE
 * names), `crm_multifield` for phones/e-mails/…, dictionaries (`crm_status`), pipelines
 * (`crm_category`), smart-process types (`crm_type`) and user fields (`crm_userfield`).
 * Other families read these tables directly; the helpers below are their public contract.
 */

export type CrmDoc = Record<string, unknown>;

export const LEAD = 1;
export const DEAL = 2;
export const CONTACT = 3;
export const COMPANY = 4;

export const BASE_CURRENCY = 'DKK';

/** The portal's base currency (`crm_currency` of the currency family), DKK when there is none. */
export function baseCurrency(db: Db): string {
  if (!tableExists(db, 'crm_currency')) return BASE_CURRENCY;
  const row = prepare(db, `SELECT code FROM crm_currency WHERE json_extract(data, '$.BASE') = 'Y' LIMIT 1`).get() as
    { code: string } | undefined;
  return row?.code ?? BASE_CURRENCY;
}

const STATIC_NAMES: Record<number, string> = { 1: 'LEAD', 2: 'DEAL', 3: 'CONTACT', 4: 'COMPANY' };
const STATIC_ABBR: Record<number, string> = { 1: 'L', 2: 'D', 3: 'C', 4: 'CO', 7: 'Q', 31: 'SI' };
const NAME_TO_ID: Record<string, number> = {
  LEAD: 1,
  DEAL: 2,
  CONTACT: 3,
  COMPANY: 4,
  INVOICE: 5,
  QUOTE: 7,
  REQUISITE: 8,
  ORDER: 14,
  SMART_INVOICE: 31,
};

/** The table holding records of an entity type; null for types the sandbox does not store. */
export function crmTable(entityTypeId: number): string | null {
  if (STATIC_NAMES[entityTypeId]) return `crm_${STATIC_NAMES[entityTypeId]!.toLowerCase()}`;
  if (Number.isInteger(entityTypeId) && entityTypeId >= 128) return `crm_dynamic_${entityTypeId}`;
  return null;
}

const tableCache = new WeakMap<Db, Set<string>>();
export function tableExists(db: Db, name: string): boolean {
  let known = tableCache.get(db);
  if (!known) tableCache.set(db, (known = new Set()));
  if (known.has(name)) return true;
  const row = prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
  if (row) known.add(name);
  return !!row;
}
function forgetTable(db: Db, name: string): void {
  tableCache.get(db)?.delete(name);
}

export function crmRecordExists(db: Db, entityTypeId: number, id: number): boolean {
  const table = crmTable(entityTypeId);
  if (!table || !tableExists(db, table) || !Number.isInteger(id)) return false;
  return !!prepare(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id);
}

/** Display title of a record: TITLE, or "NAME LAST_NAME" for contacts (and leads without a title). */
export function crmRecordTitle(db: Db, entityTypeId: number, id: number): string | null {
  const table = crmTable(entityTypeId);
  if (!table || !tableExists(db, table)) return null;
  const row = prepare(db, `SELECT data FROM ${table} WHERE id = ?`).get(id) as { data: string } | undefined;
  if (!row) return null;
  return docTitle(entityTypeId, JSON.parse(row.data) as CrmDoc);
}

export function docTitle(entityTypeId: number, doc: CrmDoc): string {
  const name = [doc.NAME, doc.LAST_NAME].filter((v) => typeof v === 'string' && v !== '').join(' ');
  if (entityTypeId === CONTACT) return name;
  if (typeof doc.TITLE === 'string' && doc.TITLE !== '') return doc.TITLE;
  return name;
}

/** `deal`, `DEAL`, `CRM_DEAL`, `dynamic_1036`, `CRM_DYNAMIC_1036`, `2` → entityTypeId. */
export function entityTypeIdFromName(name: string): number | null {
  let s = String(name).trim().toUpperCase();
  if (/^\d+$/.test(s)) return Number(s);
  if (s.startsWith('CRM_')) s = s.slice(4);
  const dyn = /^DYNAMIC_(\d+)$/.exec(s);
  if (dyn) return Number(dyn[1]) >= 128 ? Number(dyn[1]) : null;
  return NAME_TO_ID[s] ?? null;
}

/** `D_12` → {2, 12}; `T80_6` → {128, 6} (smart processes: T + hex entityTypeId). */
export function parseCrmBinding(value: string): { entityTypeId: number; id: number } | null {
  const m = /^([A-Z]+)([0-9a-f]*)_(\d+)$/i.exec(String(value).trim());
  if (!m) return null;
  const abbr = m[1]!.toUpperCase();
  const id = Number(m[3]);
  if (id <= 0) return null;
  if (abbr === 'T' && m[2]) {
    const entityTypeId = parseInt(m[2], 16);
    return entityTypeId >= 128 ? { entityTypeId, id } : null;
  }
  if (m[2]) return null;
  const entry = Object.entries(STATIC_ABBR).find(([, a]) => a === abbr);
  return entry ? { entityTypeId: Number(entry[0]), id } : null;
}

export function crmBinding(entityTypeId: number, id: number): string {
  if (entityTypeId >= 128) return `T${entityTypeId.toString(16)}_${id}`;
  return `${STATIC_ABBR[entityTypeId] ?? String(entityTypeId)}_${id}`;
}

// ---------------------------------------------------------------------------------------------
// Entity types

export interface CrmType {
  id: number;
  TITLE: string;
  CODE: string;
  ENTITY_TYPE_ID: number;
  CREATED_BY: number;
  UPDATED_BY: number;
  CREATED_TIME: string;
  UPDATED_TIME: string;
  CUSTOM_SECTION_ID: number | null;
  FLAGS: Record<string, 'Y' | 'N'>;
  RELATIONS: { parent: unknown[]; child: unknown[] };
}

export interface EntityInfo {
  entityTypeId: number;
  /** `DEAL`, `DYNAMIC_1036`. */
  name: string;
  table: string;
  /** User-field entity: `CRM_DEAL`, `CRM_1` (smart processes use their type id). */
  ufEntityId: string;
  /** UF name prefix: `UF_CRM_`, `UF_CRM_1_`. */
  ufPrefix: string;
  dynamic: boolean;
  type: CrmType | null;
}

export function staticEntityInfo(entityTypeId: number): EntityInfo | null {
  const name = STATIC_NAMES[entityTypeId];
  if (!name) return null;
  return {
    entityTypeId,
    name,
    table: `crm_${name.toLowerCase()}`,
    ufEntityId: `CRM_${name}`,
    ufPrefix: 'UF_CRM_',
    dynamic: false,
    type: null,
  };
}

export function entityInfo(db: Db, entityTypeId: number): EntityInfo | null {
  const s = staticEntityInfo(entityTypeId);
  if (s) return s;
  if (!Number.isInteger(entityTypeId) || entityTypeId < 128) return null;
  const type = typeByEntityTypeId(db, entityTypeId);
  if (!type) return null;
  return {
    entityTypeId,
    name: `DYNAMIC_${entityTypeId}`,
    table: `crm_dynamic_${entityTypeId}`,
    ufEntityId: `CRM_${type.id}`,
    ufPrefix: `UF_CRM_${type.id}_`,
    dynamic: true,
    type,
  };
}

export function typeTable(db: Db): DocTable<CrmDoc> {
  return new DocTable<CrmDoc>(db, 'crm_type');
}

function rowToType(row: { id: number; data: string }): CrmType {
  return { ...(JSON.parse(row.data) as Omit<CrmType, 'id'>), id: row.id };
}

export function typeByEntityTypeId(db: Db, entityTypeId: number): CrmType | null {
  const row = prepare(db, `SELECT id, data FROM crm_type WHERE json_extract(data, '$.ENTITY_TYPE_ID') = ?`).get(
    entityTypeId,
  ) as { id: number; data: string } | undefined;
  return row ? rowToType(row) : null;
}

export function typeById(db: Db, id: number): CrmType | null {
  const row = prepare(db, 'SELECT id, data FROM crm_type WHERE id = ?').get(id) as
    { id: number; data: string } | undefined;
  return row ? rowToType(row) : null;
}

export function allTypes(db: Db): CrmType[] {
  return (prepare(db, 'SELECT id, data FROM crm_type ORDER BY id').all() as { id: number; data: string }[]).map(
    rowToType,
  );
}

export const TYPE_FLAGS = [
  'isCategoriesEnabled',
  'isStagesEnabled',
  'isBeginCloseDatesEnabled',
  'isClientEnabled',
  'isUseInUserfieldEnabled',
  'isLinkWithProductsEnabled',
  'isMycompanyEnabled',
  'isDocumentsEnabled',
  'isSourceEnabled',
  'isObserversEnabled',
  'isRecyclebinEnabled',
  'isAutomationEnabled',
  'isBizProcEnabled',
  'isSetOpenPermissions',
  'isPaymentsEnabled',
  'isCountersEnabled',
] as const;
const FLAGS_OFF_BY_DEFAULT = new Set(['isPaymentsEnabled', 'isCountersEnabled']);

/** Creates a smart-process type with its table, default pipeline and stages. */
export function createSmartProcess(
  db: Db,
  input: {
    title: string;
    code?: string;
    entityTypeId?: number;
    createdBy: number;
    nowMs: number;
    flags?: Record<string, 'Y' | 'N'>;
    relations?: CrmType['RELATIONS'];
  },
): CrmType {
  const types = allTypes(db);
  const entityTypeId = input.entityTypeId ?? Math.max(1028, ...types.map((t) => t.ENTITY_TYPE_ID)) + 2;
  const now = toStoredDateTime(input.nowMs);
  const flags: Record<string, 'Y' | 'N'> = {};
  for (const f of TYPE_FLAGS) flags[f] = input.flags?.[f] ?? (FLAGS_OFF_BY_DEFAULT.has(f) ? 'N' : 'Y');
  const data: Omit<CrmType, 'id'> = {
    TITLE: input.title,
    CODE: input.code ?? '',
    ENTITY_TYPE_ID: entityTypeId,
    CREATED_BY: input.createdBy,
    UPDATED_BY: input.createdBy,
    CREATED_TIME: now,
    UPDATED_TIME: now,
    CUSTOM_SECTION_ID: null,
    FLAGS: flags,
    RELATIONS: input.relations ?? { parent: [], child: [] },
  };
  const id = typeTable(db).insert(data);
  ensureItemTable(db, entityTypeId);
  createCategory(db, entityTypeId, { name: input.title, sort: 500, isDefault: true });
  return { ...data, id };
}

export function ensureItemTable(db: Db, entityTypeId: number): void {
  const table = crmTable(entityTypeId)!;
  new DocTable(db, table);
  db.exec(`CREATE INDEX IF NOT EXISTS ${table}_stage ON ${table} (json_extract(data, '$.STAGE_ID'))`);
}

export function deleteSmartProcess(db: Db, type: CrmType): void {
  const table = `crm_dynamic_${type.ENTITY_TYPE_ID}`;
  db.exec(`DROP TABLE IF EXISTS ${table}`);
  forgetTable(db, table);
  prepare(db, 'DELETE FROM crm_multifield WHERE entity_type_id = ?').run(type.ENTITY_TYPE_ID);
  for (const cat of categoriesOf(db, type.ENTITY_TYPE_ID)) deleteCategoryRows(db, cat);
  for (const uf of userFieldsOf(db, `CRM_${type.id}`)) deleteUserField(db, uf.id);
  prepare(db, 'DELETE FROM crm_type WHERE id = ?').run(type.id);
}

// ---------------------------------------------------------------------------------------------
// Pipelines and stages

export interface Category {
  id: number;
  ENTITY_TYPE_ID: number;
  NAME: string;
  SORT: number;
  IS_DEFAULT: 'Y' | 'N';
  CREATED_DATE: string;
  ORIGIN_ID: string;
  ORIGINATOR_ID: string;
}

export interface Status {
  id: number;
  ENTITY_ID: string;
  STATUS_ID: string;
  NAME: string;
  NAME_INIT: string;
  SORT: number;
  SYSTEM: 'Y' | 'N';
  CATEGORY_ID: number | null;
  COLOR: string;
  /** null in progress, S success, F failure. */
  SEMANTICS: 'S' | 'F' | null;
  /** EXTRA.SEMANTICS: process | success | failure | apology. */
  EXTRA_SEMANTICS?: string;
}

function rowToCategory(row: { id: number; data: string }): Category {
  return { ...(JSON.parse(row.data) as Omit<Category, 'id'>), id: row.id };
}

export function categoriesOf(db: Db, entityTypeId: number): Category[] {
  const rows = prepare(
    db,
    `SELECT id, data FROM crm_category WHERE json_extract(data, '$.ENTITY_TYPE_ID') = ? ORDER BY json_extract(data, '$.SORT'), id`,
  ).all(entityTypeId) as { id: number; data: string }[];
  return rows.map(rowToCategory);
}

export function categoryById(db: Db, entityTypeId: number, id: number): Category | null {
  const row = prepare(db, 'SELECT id, data FROM crm_category WHERE id = ?').get(id) as
    { id: number; data: string } | undefined;
  if (!row) return null;
  const cat = rowToCategory(row);
  return cat.ENTITY_TYPE_ID === entityTypeId ? cat : null;
}

export function defaultCategory(db: Db, entityTypeId: number): Category | null {
  const all = categoriesOf(db, entityTypeId);
  return all.find((c) => c.IS_DEFAULT === 'Y') ?? all[0] ?? null;
}

/** `DEAL_STAGE`, `DEAL_STAGE_1`, `DYNAMIC_1036_STAGE_5`, `STATUS` (leads). */
export function stageEntityId(entityTypeId: number, categoryId: number): string {
  if (entityTypeId === LEAD) return 'STATUS';
  if (entityTypeId === DEAL) return categoryId === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`;
  if (entityTypeId === 31) return `SMART_INVOICE_STAGE_${categoryId}`;
  return `DYNAMIC_${entityTypeId}_STAGE_${categoryId}`;
}

/** Prefix of stage ids: `` for deal pipeline 0, `C1:`, `DT1036_5:`. */
export function stagePrefix(entityTypeId: number, categoryId: number): string {
  if (entityTypeId === LEAD) return '';
  if (entityTypeId === DEAL) return categoryId === 0 ? '' : `C${categoryId}:`;
  return `DT${entityTypeId}_${categoryId}:`;
}

/** Which pipeline a stage dictionary belongs to (null for non-stage dictionaries). */
export function parseStageEntityId(entityId: string): { entityTypeId: number; categoryId: number } | null {
  if (entityId === 'DEAL_STAGE') return { entityTypeId: DEAL, categoryId: 0 };
  let m = /^DEAL_STAGE_(\d+)$/.exec(entityId);
  if (m) return { entityTypeId: DEAL, categoryId: Number(m[1]) };
  m = /^DYNAMIC_(\d+)_STAGE_(\d+)$/.exec(entityId);
  if (m) return { entityTypeId: Number(m[1]), categoryId: Number(m[2]) };
  m = /^SMART_INVOICE_STAGE_(\d+)$/.exec(entityId);
  if (m) return { entityTypeId: 31, categoryId: Number(m[1]) };
  return null;
}

function rowToStatus(row: { id: number; data: string }): Status {
  return { ...(JSON.parse(row.data) as Omit<Status, 'id'>), id: row.id };
}

export function statusesOf(db: Db, entityId: string): Status[] {
  const rows = prepare(
    db,
    `SELECT id, data FROM crm_status WHERE json_extract(data, '$.ENTITY_ID') = ? ORDER BY json_extract(data, '$.SORT'), id`,
  ).all(entityId) as { id: number; data: string }[];
  return rows.map(rowToStatus);
}

export function statusById(db: Db, id: number): Status | null {
  const row = prepare(db, 'SELECT id, data FROM crm_status WHERE id = ?').get(id) as
    { id: number; data: string } | undefined;
  return row ? rowToStatus(row) : null;
}

export function stagesOf(db: Db, entityTypeId: number, categoryId: number): Status[] {
  return statusesOf(db, stageEntityId(entityTypeId, categoryId));
}

export function addStatus(
  db: Db,
  s: Omit<Status, 'id' | 'NAME_INIT' | 'SYSTEM'> & { SYSTEM?: 'Y' | 'N'; NAME_INIT?: string },
): number {
  const data: Omit<Status, 'id'> = {
    ENTITY_ID: s.ENTITY_ID,
    STATUS_ID: s.STATUS_ID,
    NAME: s.NAME,
    NAME_INIT: s.NAME_INIT ?? (s.SYSTEM === 'Y' ? s.NAME : ''),
    SORT: s.SORT,
    SYSTEM: s.SYSTEM ?? 'N',
    CATEGORY_ID: s.CATEGORY_ID,
    COLOR: s.COLOR,
    SEMANTICS: s.SEMANTICS,
  };
  if (s.EXTRA_SEMANTICS) data.EXTRA_SEMANTICS = s.EXTRA_SEMANTICS;
  return new DocTable<CrmDoc>(db, 'crm_status').insert(data as unknown as CrmDoc);
}

type StageSeed = [code: string, name: string, color: string, semantics: 'S' | 'F' | null, extra?: string];

const DEAL_STAGES: StageSeed[] = [
  ['NEW', 'New', '#39A8EF', null],
  ['PREPARATION', 'Preparing documents', '#2FC6F6', null],
  ['PREPAYMENT_INVOICE', 'Invoice', '#55D0E0', null],
  ['EXECUTING', 'In progress', '#47E4C2', null],
  ['FINAL_INVOICE', 'Final invoice', '#FFA900', null],
  ['WON', 'Deal won', '#7BD500', 'S'],
  ['LOSE', 'Deal lost', '#FF5752', 'F'],
  ['APOLOGY', 'Analyze failure', '#FF5752', 'F', 'apology'],
];
const LEAD_STAGES: StageSeed[] = [
  ['NEW', 'Unassigned', '#39A8EF', null],
  ['IN_PROCESS', 'In progress', '#2FC6F6', null],
  ['PROCESSED', 'Processed', '#55D0E0', null],
  ['CONVERTED', 'Good lead', '#7BD500', 'S'],
  ['JUNK', 'Junk lead', '#FF5752', 'F'],
];
const DYNAMIC_STAGES: StageSeed[] = [
  ['NEW', 'Start', '#22B9FF', null],
  ['PREPARATION', 'Preparation', '#FFA900', null],
  ['CLIENT', 'Client confirmation', '#47E4C2', null],
  ['SUCCESS', 'Success', '#7BD500', 'S'],
  ['FAIL', 'Failure', '#FF5752', 'F'],
];

function addStages(db: Db, entityTypeId: number, categoryId: number | null, stages: StageSeed[]): void {
  const cat = categoryId ?? 0;
  const entityId = stageEntityId(entityTypeId, cat);
  const prefix = stagePrefix(entityTypeId, cat);
  stages.forEach(([code, name, color, semantics, extra], i) => {
    addStatus(db, {
      ENTITY_ID: entityId,
      STATUS_ID: `${prefix}${code}`,
      NAME: name,
      SORT: (i + 1) * 10,
      SYSTEM: i === 0 || semantics !== null ? 'Y' : 'N',
      CATEGORY_ID: entityTypeId === LEAD ? null : cat,
      COLOR: color,
      SEMANTICS: semantics,
      ...(extra ? { EXTRA_SEMANTICS: extra } : {}),
    });
  });
}

/** Creates a pipeline with the default stages of its entity type. */
export function createCategory(
  db: Db,
  entityTypeId: number,
  input: { name: string; sort?: number; isDefault?: boolean; id?: number; nowMs?: number },
): Category {
  const data: Omit<Category, 'id'> = {
    ENTITY_TYPE_ID: entityTypeId,
    NAME: input.name,
    SORT: input.sort ?? 500,
    IS_DEFAULT: input.isDefault ? 'Y' : 'N',
    CREATED_DATE: toStoredDateTime(input.nowMs ?? Date.now()),
    ORIGIN_ID: '',
    ORIGINATOR_ID: '',
  };
  let id: number;
  if (input.id !== undefined) {
    prepare(db, 'INSERT INTO crm_category (id, data) VALUES (?, ?)').run(input.id, JSON.stringify(data));
    id = input.id;
  } else {
    id = Number(prepare(db, 'INSERT INTO crm_category (data) VALUES (?)').run(JSON.stringify(data)).lastInsertRowid);
  }
  addStages(db, entityTypeId, id, entityTypeId === DEAL ? DEAL_STAGES : DYNAMIC_STAGES);
  return { ...data, id };
}

export function deleteCategoryRows(db: Db, cat: Category): void {
  prepare(db, `DELETE FROM crm_status WHERE json_extract(data, '$.ENTITY_ID') = ?`).run(
    stageEntityId(cat.ENTITY_TYPE_ID, cat.id),
  );
  prepare(db, 'DELETE FROM crm_category WHERE id = ?').run(cat.id);
}

type DictSeed = [code: string, name: string];
const DICTIONARIES: Record<string, DictSeed[]> = {
  SOURCE: [
    ['CALL', 'Call'],
    ['EMAIL', 'E-Mail'],
    ['WEB', 'Website'],
    ['ADVERTISING', 'Advertising'],
    ['PARTNER', 'Existing client'],
    ['RECOMMENDATION', 'By recommendation'],
    ['TRADE_SHOW', 'Show/Exhibition'],
    ['WEBFORM', 'CRM form'],
    ['CALLBACK', 'Callback'],
    ['OTHER', 'Other'],
  ],
  CONTACT_TYPE: [
    ['CLIENT', 'Clients'],
    ['SUPPLIER', 'Suppliers'],
    ['PARTNER', 'Partners'],
    ['OTHER', 'Other'],
  ],
  COMPANY_TYPE: [
    ['CUSTOMER', 'Client'],
    ['SUPPLIER', 'Supplier'],
    ['COMPETITOR', 'Competitor'],
    ['PARTNER', 'Partner'],
    ['OTHER', 'Other'],
  ],
  EMPLOYEES: [
    ['EMPLOYEES_1', 'fewer than 50'],
    ['EMPLOYEES_2', '50-250'],
    ['EMPLOYEES_3', '250-500'],
    ['EMPLOYEES_4', 'over 500'],
  ],
  INDUSTRY: [
    ['IT', 'Information Technology'],
    ['TELECOM', 'Telecommunication'],
    ['MANUFACTURING', 'Manufacturing'],
    ['BANKING', 'Banking Services'],
    ['CONSULTING', 'Consulting'],
    ['FINANCE', 'Finance'],
    ['GOVERNMENT', 'Government'],
    ['DELIVERY', 'Delivery'],
    ['ENTERTAINMENT', 'Entertainment'],
    ['NOTPROFIT', 'Not-for-profit'],
    ['OTHER', 'Other'],
  ],
  DEAL_TYPE: [
    ['SALE', 'Sales'],
    ['COMPLEX', 'Integrated sale'],
    ['GOODS', 'Merchandise sale'],
    ['SERVICES', 'Service sales'],
    ['SERVICE', 'After-sales service'],
  ],
  HONORIFIC: [
    ['HNR_EN_1', 'Mr.'],
    ['HNR_EN_2', 'Mrs.'],
    ['HNR_EN_3', 'Ms.'],
    ['HNR_EN_4', 'Dr.'],
  ],
};

/** Entity ids of the plain dictionaries, in crm.status.entity.types order. */
export const DICTIONARY_NAMES: Record<string, string> = {
  STATUS: 'Lead statuses',
  SOURCE: 'Sources',
  CONTACT_TYPE: 'Contact types',
  COMPANY_TYPE: 'Company types',
  EMPLOYEES: 'Employees',
  INDUSTRY: 'Industries',
  DEAL_TYPE: 'Deal types',
  HONORIFIC: 'Salutations',
};

/** Expression indexes on hot filter fields (dropped while the large seed bulk-inserts). */
export const CRM_INDEXES: Record<string, string> = {
  crm_deal_stage: `crm_deal (json_extract(data, '$.STAGE_ID'))`,
  crm_deal_company: `crm_deal (json_extract(data, '$.COMPANY_ID'))`,
  crm_contact_company: `crm_contact (json_extract(data, '$.COMPANY_ID'))`,
  crm_multifield_value: 'crm_multifield (entity_type_id, type_id, value)',
};

export function createCrmIndexes(db: Db): void {
  for (const [name, on] of Object.entries(CRM_INDEXES)) db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
}

export function dropCrmIndexes(db: Db): void {
  for (const name of Object.keys(CRM_INDEXES)) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

/** Tables plus what every portal has: dictionaries, the deal pipeline 0 and lead statuses. */
export function createCrmSchema(db: Db): void {
  for (const t of ['crm_lead', 'crm_deal', 'crm_contact', 'crm_company', 'crm_status', 'crm_type', 'crm_userfield'])
    new DocTable(db, t);
  db.exec(`
    CREATE TABLE IF NOT EXISTS crm_category (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS crm_multifield (
      id INTEGER PRIMARY KEY, entity_type_id INTEGER NOT NULL, element_id INTEGER NOT NULL,
      type_id TEXT NOT NULL, value_type TEXT NOT NULL, value TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS crm_multifield_owner ON crm_multifield (entity_type_id, element_id);
    CREATE TABLE IF NOT EXISTS crm_userfield_enum (
      id INTEGER PRIMARY KEY, field_id INTEGER NOT NULL, value TEXT NOT NULL, sort INTEGER NOT NULL DEFAULT 500,
      def TEXT NOT NULL DEFAULT 'N', xml_id TEXT NOT NULL DEFAULT ''
    );
  `);
  createCrmIndexes(db);
  for (const t of allTypes(db)) ensureItemTable(db, t.ENTITY_TYPE_ID);
  if (prepare(db, 'SELECT 1 FROM crm_status LIMIT 1').get()) return;
  db.transaction(() => {
    for (const [entityId, items] of Object.entries(DICTIONARIES)) {
      items.forEach(([code, name], i) =>
        addStatus(db, {
          ENTITY_ID: entityId,
          STATUS_ID: code,
          NAME: name,
          SORT: (i + 1) * 10,
          SYSTEM: 'Y',
          CATEGORY_ID: null,
          COLOR: '',
          SEMANTICS: null,
        }),
      );
    }
    addStages(db, LEAD, null, LEAD_STAGES);
    createCategory(db, DEAL, { name: 'General', sort: 300, isDefault: true, id: 0, nowMs: Date.UTC(2024, 0, 1) });
  })();
}

// ---------------------------------------------------------------------------------------------
// User fields

export interface EnumItem {
  ID: number;
  VALUE: string;
  SORT: number;
  DEF: 'Y' | 'N';
  XML_ID: string;
}

export interface UserField {
  id: number;
  ENTITY_ID: string;
  FIELD_NAME: string;
  USER_TYPE_ID: string;
  XML_ID: string | null;
  SORT: number;
  MULTIPLE: 'Y' | 'N';
  MANDATORY: 'Y' | 'N';
  SHOW_FILTER: 'Y' | 'N';
  SHOW_IN_LIST: 'Y' | 'N';
  EDIT_IN_LIST: 'Y' | 'N';
  IS_SEARCHABLE: 'Y' | 'N';
  SETTINGS: Record<string, unknown>;
  EDIT_FORM_LABEL: Record<string, string>;
  LIST_COLUMN_LABEL: Record<string, string>;
  LIST_FILTER_LABEL: Record<string, string>;
  ERROR_MESSAGE: Record<string, string>;
  HELP_MESSAGE: Record<string, string>;
  /** Enumeration items (filled on read). */
  LIST?: EnumItem[];
}

const ufVersions = new WeakMap<Db, number>();
/** Changes whenever a user field changes: field metadata is cached against it. */
export function userFieldVersion(db: Db): number {
  return ufVersions.get(db) ?? 0;
}
export function bumpUserFields(db: Db): void {
  ufVersions.set(db, userFieldVersion(db) + 1);
}

function rowToUserField(db: Db, row: { id: number; data: string }): UserField {
  const uf = { ...(JSON.parse(row.data) as Omit<UserField, 'id'>), id: row.id };
  if (uf.USER_TYPE_ID === 'enumeration') uf.LIST = enumItems(db, row.id);
  return uf;
}

export function enumItems(db: Db, fieldId: number): EnumItem[] {
  const rows = prepare(
    db,
    'SELECT id, value, sort, def, xml_id FROM crm_userfield_enum WHERE field_id = ? ORDER BY sort, id',
  ).all(fieldId) as {
    id: number;
    value: string;
    sort: number;
    def: 'Y' | 'N';
    xml_id: string;
  }[];
  return rows.map((r) => ({ ID: r.id, VALUE: r.value, SORT: r.sort, DEF: r.def, XML_ID: r.xml_id }));
}

export function userFieldsOf(db: Db, ufEntityId: string): UserField[] {
  const rows = prepare(
    db,
    `SELECT id, data FROM crm_userfield WHERE json_extract(data, '$.ENTITY_ID') = ? ORDER BY json_extract(data, '$.SORT'), id`,
  ).all(ufEntityId) as { id: number; data: string }[];
  return rows.map((r) => rowToUserField(db, r));
}

export function userFieldById(db: Db, id: number): UserField | null {
  const row = prepare(db, 'SELECT id, data FROM crm_userfield WHERE id = ?').get(id) as
    { id: number; data: string } | undefined;
  return row ? rowToUserField(db, row) : null;
}

export function userFieldByName(db: Db, name: string): UserField | null {
  const row = prepare(db, `SELECT id, data FROM crm_userfield WHERE json_extract(data, '$.FIELD_NAME') = ?`).get(
    name,
  ) as { id: number; data: string } | undefined;
  return row ? rowToUserField(db, row) : null;
}

export function insertUserField(db: Db, uf: Omit<UserField, 'id' | 'LIST'>, list: Omit<EnumItem, 'ID'>[] = []): number {
  const id = new DocTable<CrmDoc>(db, 'crm_userfield').insert(uf as unknown as CrmDoc);
  for (const item of list) addEnumItem(db, id, item);
  bumpUserFields(db);
  return id;
}

export function addEnumItem(db: Db, fieldId: number, item: Omit<EnumItem, 'ID'>): number {
  return Number(
    prepare(db, 'INSERT INTO crm_userfield_enum (field_id, value, sort, def, xml_id) VALUES (?, ?, ?, ?, ?)').run(
      fieldId,
      item.VALUE,
      item.SORT,
      item.DEF,
      item.XML_ID,
    ).lastInsertRowid,
  );
}

export function updateUserFieldRow(db: Db, uf: UserField): void {
  const { id, LIST: _list, ...data } = uf;
  void _list;
  prepare(db, 'UPDATE crm_userfield SET data = ? WHERE id = ?').run(JSON.stringify(data), id);
  bumpUserFields(db);
}

export function deleteUserField(db: Db, id: number): void {
  prepare(db, 'DELETE FROM crm_userfield WHERE id = ?').run(id);
  prepare(db, 'DELETE FROM crm_userfield_enum WHERE field_id = ?').run(id);
  bumpUserFields(db);
}

// ---------------------------------------------------------------------------------------------
// Multi-fields

export const MULTI_TYPES = ['PHONE', 'EMAIL', 'WEB', 'IM', 'LINK'] as const;
export type MultiType = (typeof MULTI_TYPES)[number];
export const MULTI_VALUE_TYPES: Record<MultiType, string[]> = {
  PHONE: ['WORK', 'MOBILE', 'FAX', 'HOME', 'PAGER', 'MAILING', 'OTHER'],
  EMAIL: ['WORK', 'HOME', 'MAILING', 'OTHER'],
  WEB: ['WORK', 'HOME', 'FACEBOOK', 'VK', 'LIVEJOURNAL', 'TWITTER', 'OTHER'],
  IM: [
    'TELEGRAM',
    'VK',
    'SKYPE',
    'VIBER',
    'INSTAGRAM',
    'FACEBOOK',
    'BITRIX24',
    'OPENLINE',
    'IMOL',
    'ICQ',
    'MSN',
    'JABBER',
    'OTHER',
  ],
  LINK: ['USER'],
};

export interface MultiRow {
  id: number;
  element_id: number;
  type_id: string;
  value_type: string;
  value: string;
}

/** Multi-fields of many records in one query, grouped by record id. */
export function multiFieldsFor(db: Db, entityTypeId: number, ids: number[]): Map<number, MultiRow[]> {
  const out = new Map<number, MultiRow[]>();
  if (ids.length === 0) return out;
  const rows = prepare(
    db,
    'SELECT id, element_id, type_id, value_type, value FROM crm_multifield WHERE entity_type_id = ? AND element_id IN (SELECT value FROM json_each(?)) ORDER BY id',
  ).all(entityTypeId, JSON.stringify(ids)) as MultiRow[];
  for (const r of rows) {
    let list = out.get(r.element_id);
    if (!list) out.set(r.element_id, (list = []));
    list.push(r);
  }
  return out;
}

export function addMultiField(
  db: Db,
  entityTypeId: number,
  elementId: number,
  typeId: string,
  valueType: string,
  value: string,
): number {
  return Number(
    prepare(
      db,
      'INSERT INTO crm_multifield (entity_type_id, element_id, type_id, value_type, value) VALUES (?, ?, ?, ?, ?)',
    ).run(entityTypeId, elementId, typeId, valueType, value).lastInsertRowid,
  );
}

export function deleteMultiFieldsOf(db: Db, entityTypeId: number, elementId: number): void {
  prepare(db, 'DELETE FROM crm_multifield WHERE entity_type_id = ? AND element_id = ?').run(entityTypeId, elementId);
}
