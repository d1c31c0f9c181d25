import type { Db } from '../db/database.ts';

/**
 * Read-only views of the tables other families own (users, CRM, tasks, placements, options,
 * notifications). Every reader tolerates a missing table: families are built independently.
 */

export interface PortalUser {
  id: number;
  name: string;
  firstName: string;
  lastName: string;
  position: string;
  photo: string;
  email: string;
  isAdmin: boolean;
  active: boolean;
  departments: number[];
}

type Doc = Record<string, unknown>;

const str = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function tableExists(db: Db, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

function columns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

function parseDoc(text: string): Doc {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : {};
  } catch {
    return {};
  }
}

function toUser(id: number, d: Doc): PortalUser {
  const firstName = str(d.NAME);
  const lastName = str(d.LAST_NAME);
  const dep = Array.isArray(d.UF_DEPARTMENT) ? d.UF_DEPARTMENT.map(Number).filter(Number.isFinite) : [];
  return {
    id,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`.trim() || str(d.EMAIL) || `User ${id}`,
    position: str(d.WORK_POSITION),
    photo: typeof d.PERSONAL_PHOTO === 'string' ? d.PERSONAL_PHOTO : '',
    email: str(d.EMAIL),
    isAdmin: d._ADMIN === true,
    active: d.ACTIVE !== false && d.ACTIVE !== 'N',
    departments: dep,
  };
}

export function getUser(db: Db, id: number): PortalUser | null {
  const row = db.prepare('SELECT id, data FROM users WHERE id = ?').get(id) as { id: number; data: string } | undefined;
  return row ? toUser(row.id, parseDoc(row.data)) : null;
}

export function listUsers(db: Db, limit = 200): PortalUser[] {
  const rows = db.prepare('SELECT id, data FROM users ORDER BY id LIMIT ?').all(limit) as {
    id: number;
    data: string;
  }[];
  return rows.map((r) => toUser(r.id, parseDoc(r.data)));
}

export function userName(db: Db, id: unknown): string {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return '';
  return getUser(db, n)?.name ?? '';
}

export interface Department {
  id: number;
  name: string;
}

export function listDepartments(db: Db): Department[] {
  for (const table of ['departments', 'department']) {
    if (!tableExists(db, table)) continue;
    const cols = columns(db, table);
    if (cols.includes('data')) {
      const rows = db.prepare(`SELECT id, data FROM ${table} ORDER BY id`).all() as { id: number; data: string }[];
      return rows.map((r) => ({ id: r.id, name: str(parseDoc(r.data).NAME) || `Department ${r.id}` }));
    }
    if (cols.includes('name')) {
      return (db.prepare(`SELECT id, name FROM ${table} ORDER BY id`).all() as { id: number; name: string }[]).map(
        (r) => ({ id: r.id, name: r.name }),
      );
    }
  }
  return [];
}

export interface Workgroup {
  id: number;
  name: string;
}

export function listWorkgroups(db: Db): Workgroup[] {
  for (const table of ['sonet_groups', 'sonet_group', 'workgroups']) {
    if (!tableExists(db, table)) continue;
    const cols = columns(db, table);
    if (!cols.includes('data')) continue;
    const rows = db.prepare(`SELECT id, data FROM ${table} ORDER BY id LIMIT 200`).all() as {
      id: number;
      data: string;
    }[];
    return rows.map((r) => ({ id: r.id, name: str(parseDoc(r.data).NAME) || `Group ${r.id}` }));
  }
  return [];
}

// ---------------------------------------------------------------- CRM

export interface CrmKind {
  entityTypeId: number;
  /** `deal`, `contact`, …, or `dynamic_<id>`. */
  code: string;
  /** Placement code part: DEAL, CONTACT, …, DYNAMIC_<id>. */
  placementCode: string;
  table: string;
  title: string;
  singular: string;
  /** selectCRM id prefix. */
  prefix: string;
  listPath: string;
  detailPath(id: number): string;
}

const BASE_KINDS: CrmKind[] = [
  {
    entityTypeId: 1,
    code: 'lead',
    placementCode: 'LEAD',
    table: 'crm_lead',
    title: 'Leads',
    singular: 'Lead',
    prefix: 'L',
    listPath: '/crm/lead/list/',
    detailPath: (id) => `/crm/lead/details/${id}/`,
  },
  {
    entityTypeId: 2,
    code: 'deal',
    placementCode: 'DEAL',
    table: 'crm_deal',
    title: 'Deals',
    singular: 'Deal',
    prefix: 'D',
    listPath: '/crm/deal/list/',
    detailPath: (id) => `/crm/deal/details/${id}/`,
  },
  {
    entityTypeId: 3,
    code: 'contact',
    placementCode: 'CONTACT',
    table: 'crm_contact',
    title: 'Contacts',
    singular: 'Contact',
    prefix: 'C',
    listPath: '/crm/contact/list/',
    detailPath: (id) => `/crm/contact/details/${id}/`,
  },
  {
    entityTypeId: 4,
    code: 'company',
    placementCode: 'COMPANY',
    table: 'crm_company',
    title: 'Companies',
    singular: 'Company',
    prefix: 'CO',
    listPath: '/crm/company/list/',
    detailPath: (id) => `/crm/company/details/${id}/`,
  },
];

/** Smart-process titles from the CRM colleague's type table, whatever its exact name. */
function smartProcessTitles(db: Db): Map<number, string> {
  const out = new Map<number, string>();
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('crm_type', 'crm_types', 'crm_dynamic_types', 'crm_smart_types')",
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    const cols = columns(db, name);
    if (!cols.includes('data')) continue;
    for (const r of db.prepare(`SELECT id, data FROM ${name}`).all() as { id: number; data: string }[]) {
      const d = parseDoc(r.data);
      const etid = Number(d.entityTypeId ?? d.ENTITY_TYPE_ID ?? 0);
      const title = str(d.title ?? d.TITLE);
      if (etid > 0 && title) out.set(etid, title);
    }
  }
  return out;
}

export function crmKinds(db: Db): CrmKind[] {
  const titles = smartProcessTitles(db);
  const dynamic = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'crm\\_dynamic\\_%' ESCAPE '\\'")
      .all() as { name: string }[]
  )
    .map((r) => Number(/^crm_dynamic_(\d+)$/.exec(r.name)?.[1] ?? NaN))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
  return [
    ...BASE_KINDS,
    ...dynamic.map((etid): CrmKind => {
      const title = titles.get(etid) ?? `Smart process ${etid}`;
      return {
        entityTypeId: etid,
        code: `dynamic_${etid}`,
        placementCode: `DYNAMIC_${etid}`,
        table: `crm_dynamic_${etid}`,
        title,
        singular: title,
        prefix: `T${etid.toString(16)}`,
        listPath: `/crm/type/${etid}/list/`,
        detailPath: (id) => `/crm/type/${etid}/details/${id}/`,
      };
    }),
  ];
}

export function crmKind(db: Db, code: string | number): CrmKind | null {
  return crmKinds(db).find((k) => k.code === code || k.entityTypeId === code) ?? null;
}

export interface CrmRecord {
  id: number;
  title: string;
  data: Doc;
}

export function crmTitle(kind: CrmKind, id: number, d: Doc): string {
  if (kind.code === 'contact') {
    const name = [d.NAME, d.SECOND_NAME, d.LAST_NAME].map(str).filter(Boolean).join(' ');
    return name || `Contact #${id}`;
  }
  return str(d.TITLE) || `${kind.singular} #${id}`;
}

export function getCrmRecord(db: Db, kind: CrmKind, id: number): CrmRecord | null {
  if (!tableExists(db, kind.table)) return null;
  const row = db.prepare(`SELECT id, data FROM ${kind.table} WHERE id = ?`).get(id) as
    { id: number; data: string } | undefined;
  if (!row) return null;
  const data = parseDoc(row.data);
  return { id: row.id, title: crmTitle(kind, row.id, data), data };
}

export function listCrmRecords(db: Db, kind: CrmKind, limit = 50, search = ''): CrmRecord[] {
  if (!tableExists(db, kind.table)) return [];
  const q = search.trim().toLowerCase();
  const rows = q
    ? (db
        .prepare(`SELECT id, data FROM ${kind.table} WHERE lower(data) LIKE ? ORDER BY id DESC LIMIT ?`)
        .all(`%${q}%`, limit) as { id: number; data: string }[])
    : (db.prepare(`SELECT id, data FROM ${kind.table} ORDER BY id DESC LIMIT ?`).all(limit) as {
        id: number;
        data: string;
      }[]);
  return rows.map((r) => {
    const data = parseDoc(r.data);
    return { id: r.id, title: crmTitle(kind, r.id, data), data };
  });
}

export function countCrmRecords(db: Db, kind: CrmKind): number {
  if (!tableExists(db, kind.table)) return 0;
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${kind.table}`).get() as { n: number }).n;
}

export interface MultiField {
  type: string;
  valueType: string;
  value: string;
}

export function multiFields(db: Db, entityTypeId: number, id: number): MultiField[] {
  if (!tableExists(db, 'crm_multifield')) return [];
  return (
    db
      .prepare(
        'SELECT type_id, value_type, value FROM crm_multifield WHERE entity_type_id = ? AND element_id = ? ORDER BY id',
      )
      .all(entityTypeId, id) as {
      type_id: string;
      value_type: string;
      value: string;
    }[]
  ).map((r) => ({ type: r.type_id, valueType: r.value_type, value: r.value }));
}

// ---------------------------------------------------------------- tasks

const TASK_TABLES = ['tasks', 'task', 'tasks_task', 'tasks_tasks'];

export function taskTable(db: Db): string | null {
  for (const t of TASK_TABLES) if (tableExists(db, t) && columns(db, t).includes('data')) return t;
  return null;
}

export interface TaskRecord {
  id: number;
  title: string;
  description: string;
  status: string;
  responsibleId: number;
  createdBy: number;
  deadline: string;
  data: Doc;
}

/** Task documents may be stored with UPPER_CASE or camelCase keys. */
function pick(d: Doc, upper: string, camel: string): unknown {
  return d[upper] ?? d[camel];
}

export function getTask(db: Db, id: number): TaskRecord | null | 'no-table' {
  const table = taskTable(db);
  if (!table) return 'no-table';
  const row = db.prepare(`SELECT id, data FROM ${table} WHERE id = ?`).get(id) as
    { id: number; data: string } | undefined;
  if (!row) return null;
  const d = parseDoc(row.data);
  return {
    id: row.id,
    title: str(pick(d, 'TITLE', 'title')) || `Task #${row.id}`,
    description: str(pick(d, 'DESCRIPTION', 'description')),
    status: str(pick(d, 'STATUS', 'status')),
    responsibleId: Number(pick(d, 'RESPONSIBLE_ID', 'responsibleId') ?? 0),
    createdBy: Number(pick(d, 'CREATED_BY', 'createdBy') ?? 0),
    deadline: str(pick(d, 'DEADLINE', 'deadline')),
    data: d,
  };
}

export function listTasks(db: Db, limit = 50): TaskRecord[] {
  const table = taskTable(db);
  if (!table) return [];
  const ids = db.prepare(`SELECT id FROM ${table} ORDER BY id DESC LIMIT ?`).all(limit) as { id: number }[];
  return ids.map((r) => getTask(db, r.id)).filter((t): t is TaskRecord => t !== null && t !== 'no-table');
}

// ---------------------------------------------------------------- app, placements, options

export interface PlacementRow {
  id: number;
  placement: string;
  handler: string;
  title: string;
  description: string;
  group_name: string;
  lang_all: string;
  options: string;
  user_id: number;
}

export function placementTitle(row: PlacementRow, lang: string, appName: string): string {
  const all = parseDoc(row.lang_all);
  const forLang = all[lang] ?? all[lang.toUpperCase()];
  if (forLang && typeof forLang === 'object') {
    const t = str((forLang as Doc).TITLE ?? (forLang as Doc).title);
    if (t) return t;
  }
  if (row.title) return row.title;
  for (const v of Object.values(all)) {
    if (v && typeof v === 'object') {
      const t = str((v as Doc).TITLE ?? (v as Doc).title);
      if (t) return t;
    }
  }
  return appName;
}

/** Bound handlers of app 1 for a placement code; empty while the app is not installed. */
export function boundPlacements(db: Db, placement: string, userId: number): PlacementRow[] {
  const app = db.prepare('SELECT installed FROM apps WHERE id = 1').get() as { installed: number } | undefined;
  if (!app || app.installed !== 1) return [];
  return db
    .prepare('SELECT * FROM placements WHERE app_id = 1 AND placement = ? AND (user_id = 0 OR user_id = ?) ORDER BY id')
    .all(placement.toUpperCase(), userId) as PlacementRow[];
}

export function placementById(db: Db, id: number): PlacementRow | null {
  return (
    (db.prepare('SELECT * FROM placements WHERE id = ? AND app_id = 1').get(id) as PlacementRow | undefined) ?? null
  );
}

export { appOptions, setAppOption, setUserOption, userOptions } from '../rest/methods/platform-options.ts';

/** Unread notifications of a user, or null when the notifications table does not exist. */
export function unreadNotifications(db: Db, userId: number): number | null {
  if (!tableExists(db, 'notifications')) return null;
  const cols = columns(db, 'notifications');
  if (!cols.includes('user_id')) return null;
  const unread = cols.includes('read') ? " AND (read IS NULL OR read = 0 OR read = 'N')" : '';
  return (db.prepare(`SELECT COUNT(*) AS n FROM notifications WHERE user_id = ?${unread}`).get(userId) as { n: number })
    .n;
}
