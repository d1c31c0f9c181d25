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
  /** A status change (`tasks.task.start`, `…defer`, `…renew`, …); the portal checks it is allowed. */
  taskAction(id: string, action: TaskAction): Promise<RecordData>;
}

/** A status change of `tasks.task.*`, each its own method (`tasks.task.start`, `tasks.task.renew`, …). */
export type TaskAction = 'start' | 'pause' | 'complete' | 'defer' | 'renew' | 'approve' | 'disapprove';

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

/**
 * One pipeline of a CRM entity type (`crm.category.list` row), in the app's shape. Leads have no
 * pipelines: they get one implicit pipeline (`implicit: true`) so a board treats every type alike.
 */
export interface Category {
  /** The value records carry in `categoryId`, as a string (`'0'` is the deals' first pipeline). */
  id: string;
  entityTypeId: number;
  /** The portal's name (portal text); `''` for an implicit pipeline. */
  name: string;
  sort: number;
  isDefault: boolean;
  /** No `crm.category` behind it (leads): records carry no `categoryId` and are not filtered by one. */
  implicit: boolean;
  /** Its stage dictionary (`Stage.entityId`): `DEAL_STAGE`, `DEAL_STAGE_1`, `DYNAMIC_1030_STAGE_2`, `STATUS`. */
  stageEntityId: string;
}

/**
 * One condition of the workspace grid's filter in the app's terms; the data layer compiles it to the
 * portal's filter operators (`@stageId`, `%title`, `>=opportunity`), so the portal filters, not the page.
 */
export type GridCondition =
  /** One of these values (stages, responsible users, enumeration items). */
  | { field: string; op: 'in'; values: (string | number)[] }
  /** Exactly this value; booleans become `Y`/`N` (or `1`/`0` for custom fields, rest.md §9). */
  | { field: string; op: 'equals'; value: string | number | boolean }
  /** The text appears anywhere in the value. */
  | { field: string; op: 'contains'; value: string }
  /** Both ends inclusive; dates are `YYYY-MM-DD` (a datetime's `to` covers that whole day). */
  | {
      field: string;
      op: 'range';
      kind: 'number' | 'date' | 'datetime';
      from?: string | number;
      to?: string | number;
    };

/** What the workspace grid reads: every matching record (up to a cap), in one order. */
export interface GridParams {
  /** Quick search: the title (contacts: first or last name) contains it; a number also matches that id. */
  search?: string;
  conditions?: GridCondition[];
  /** Default `id DESC` (newest first). */
  sort?: { field: string; order: SortOrder };
}

/** The grid's rows as they stream in; a ListResult, so writes patch and roll back its rows like any list's. */
export interface GridResult extends ListResult {
  /** Matching records: the portal's count when it sent one, else the rows read once the read is complete. */
  total?: number;
  /** More records match than were read (the cap): the screen says so. */
  hasNextPage: boolean;
  /** Every row is in; false while the read still streams. */
  complete: boolean;
}
