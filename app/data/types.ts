import type { Language } from '../i18n/index.ts';

/** Every entity type Kontor reads and writes; smart processes are `sp-<entityTypeId>`. */
export type ResourceName = 'deals' | 'contacts' | 'companies' | 'leads' | 'tasks' | `sp-${number}`;

/**
 * One record as the app sees it. The id is always a string: the query cache compares keys by
 * value and type, so `7` and `'7'` would be two different records (crm.item sends numbers, tasks
 * and placement options send strings).
 */
export type RecordData = Record<string, unknown> & { id: string };

/** A text in every shipped language (portal data such as a smart process title repeats itself). */
export type LocalizedText = Record<Language, string>;

/** Which REST family serves a resource. */
export type ProviderKind = 'crm.item' | 'tasks.task';

/** A resource, declared once: everything a generic list, detail or form screen needs to know. */
export interface Resource {
  name: ResourceName;
  provider: ProviderKind;
  /** CRM entity type (1 lead, 2 deal, 3 contact, 4 company, ≥ 128 smart process); none for tasks. */
  entityTypeId?: number;
  /** The record key that names a record in lists and titles. */
  titleField: string;
  defaultColumns: string[];
  titles: LocalizedText;
}

export type SortOrder = 'ASC' | 'DESC';

/** react-admin's getList params, in Bitrix terms: filter keys use the family's own operators (`>opportunity`). */
export interface ListParams {
  filter?: Record<string, unknown>;
  sort?: { field: string; order: SortOrder };
  /** `perPage` ≤ 50: a Bitrix list page holds 50 rows, more would cost a second request. */
  pagination?: { page: number; perPage: number };
  /** Fields to read; omitted = whole records (and only then do list rows seed the per-record cache). */
  select?: string[];
}

export interface ListResult<R extends RecordData = RecordData> {
  data: R[];
  /** What the portal counted for the filter; undefined when the answer carried no count. */
  total?: number;
  hasNextPage: boolean;
}

/** Normalised kind of a field, for picking an input or a formatter. */
export type FieldKind =
  | 'id'
  | 'string'
  | 'text'
  | 'number'
  | 'money'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'status'
  | 'user'
  | 'crm-link'
  | 'multi-field'
  | 'file'
  | 'url'
  | 'other';

export interface FieldOption {
  id: string;
  value: string;
}

/** Field metadata of one resource field, the same shape for every REST family. */
export interface FieldMeta {
  /** The key in RecordData (camelCase for crm.item and tasks.task). */
  name: string;
  /** The portal's UPPER_CASE name (what legacy methods, filters of tasks and UF storage use). */
  upperName: string;
  title: string;
  /** The portal's own type string (`string`, `crm_status`, `enumeration`, `double`, …). */
  type: string;
  kind: FieldKind;
  required: boolean;
  readOnly: boolean;
  immutable: boolean;
  multiple: boolean;
  /** A user field (`UF_*` / `ufCrm*`) the portal admin added. */
  custom: boolean;
  /** For `crm_status` fields: the status dictionary (`DEAL_STAGE`, `SOURCE`, …). */
  statusType?: string;
  /** Enumeration options (custom enumeration fields, task enums). */
  items?: FieldOption[];
  settings?: Record<string, unknown>;
}

/**
 * The react-admin-style contract every resource provider implements. Ids are strings in and out.
 * @example const deal = await provider.getOne('7'); await provider.update('7', { title: 'New' }, deal);
 */
export interface RecordProvider {
  getList(params?: ListParams): Promise<ListResult>;
  getOne(id: string): Promise<RecordData>;
  /** Records in the order of `ids`; ids the portal does not know are left out. */
  getMany(ids: string[]): Promise<RecordData[]>;
  create(data: Record<string, unknown>): Promise<RecordData>;
  /** With `previous`, only the fields that differ from it are sent. */
  update(id: string, patch: Record<string, unknown>, previous?: RecordData): Promise<RecordData>;
  delete(id: string): Promise<void>;
  getFields(): Promise<FieldMeta[]>;
}

/** `crm.item.*`: deals, contacts, companies, leads and smart processes. */
export interface CrmItemProvider extends RecordProvider {
  readonly kind: 'crm.item';
  readonly entityTypeId: number;
  /** Moves the record to a stage (`C1:WON`, `DT1030_7:NEW`); the portal checks the pipeline. */
  moveStage(id: string, stageId: string): Promise<RecordData>;
}

/** `tasks.task.*`. */
export interface TaskProvider extends RecordProvider {
  readonly kind: 'tasks.task';
  /** Completes the task the way the task card does (status 5, or 4 when the creator must approve). */
  completeTask(id: string): Promise<RecordData>;
}

export type AnyProvider = CrmItemProvider | TaskProvider;

/** Where a stage sits in its pipeline: still open, won (`S`) or lost (`F`). */
export type StageSemantics = 'process' | 'success' | 'failure';

/** One stage of a pipeline (`crm.status.list` row of a stage dictionary), in the app's shape. */
export interface Stage {
  /** The value records carry in `stageId`: `NEW`, `C1:WON`, `DT1030_7:NEW`. */
  id: string;
  /** Its dictionary: `DEAL_STAGE`, `DEAL_STAGE_1`, `STATUS` (leads), `DYNAMIC_1030_STAGE_7`. */
  entityId: string;
  name: string;
  /** `#RRGGBB`, or `''` when the portal has none. */
  color: string;
  sort: number;
  semantics: StageSemantics;
}

/** What lists and cards show of a user (`user.get` under the `user_brief` scope). */
export interface UserBrief {
  id: string;
  name: string;
  lastName: string;
  /** `name lastName`, trimmed; `''` when the portal has neither. */
  fullName: string;
  workPosition: string;
  /** URL of the photo, or `''`. */
  photo: string;
}
