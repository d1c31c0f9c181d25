import type { B24Client, BitrixError, RestAnswer } from '../../b24/index.ts';
import { toBitrixError } from '../../b24/index.ts';
import type { RecordData, Stage, UserBrief } from '../types.ts';
import { crmBindingCode, timelineEntityType } from './card-binding.ts';
import type { CardStorage } from './card-storages.ts';
import { assertId } from './shared.ts';
import { readStages } from './stage-provider.ts';
import { userBriefOf } from './user-provider.ts';

/** One part of a card: its rows, or why the portal would not give them (the other parts still show). */
export type CardPart<T> = { ok: true; data: T } | { ok: false; error: BitrixError };

/** A CRM record linked to the card's record (its company, contacts, deals), as the card lists it. */
export interface LinkedRecord {
  id: string;
  entityTypeId: number;
  /** Title, or the person's name for contacts (portal text). */
  title: string;
  /** Contacts: their position. */
  post?: string;
  /** Deals: stage, amount, currency, closed. */
  stageId?: string;
  opportunity?: number;
  currencyId?: string;
  closed?: boolean;
}

/** A task bound to the record (`UF_CRM_TASK`); values are the strings tasks.task sends. */
export interface CardTask {
  id: string;
  title: string;
  /** 2 pending, 3 in progress, 4 awaiting control, 6 deferred (completed ones are not read). */
  status: string;
  /** ISO datetime or `''`. */
  deadline: string;
  responsibleId: string;
  /** The name tasks.task.list joins in (`responsible.name`), so no user read is needed. */
  responsibleName: string;
}

/** A timeline comment (portal text: shown as text, BB-codes and markup included). */
export interface CardComment {
  id: string;
  /** ISO datetime. */
  created: string;
  text: string;
  authorId: string;
}

/** An open activity of the record (to-do, call, meeting…): `crm.activity.list` with `COMPLETED = N`. */
export interface CardTodo {
  id: string;
  subject: string;
  /** ISO datetime or `''`. */
  deadline: string;
  responsibleId: string;
}

/** An upcoming calendar event linked to the record (`UF_CRM_CAL_EVENT` holds its binding code). */
export interface CardEvent {
  /** The event as its host created it (`PARENT_ID`): an attendee's copy and the host's are one event. */
  id: string;
  name: string;
  /** Epoch milliseconds (`DATE_FROM_TS_UTC`); an all-day event's date is its UTC date. */
  from: number;
  to: number;
  allDay: boolean;
  location: string;
}

/** One item of a custom data storage that references the record. */
export interface CardDataItem {
  id: string;
  name: string;
  /** Property code → value as text, without the reference property itself. */
  values: Record<string, string>;
}

export interface CardStorageItems {
  storage: CardStorage;
  items: CardPart<CardDataItem[]>;
}

/** The relations a card lists, by the card's entity type. */
export type CardRelation = 'companies' | 'contacts' | 'deals';

/** Everything a CRM card tab shows, read in one batch (`readCard`). */
export interface CardBundle {
  record: RecordData;
  /** The binding code other objects reference the record by (`D_12`). */
  code: string;
  /** The user the tab runs as (meetings are created in their calendar), or null if the portal hid it. */
  me: UserBrief | null;
  /** Every user whose name the batch read: the record's people, the current user, comment authors. */
  users: UserBrief[];
  /** Ids the batch asked for that the portal did not return (a removed user): known to have no name. */
  unknownUsers: string[];
  /** Only the relations of this entity type are present (a deal has companies and contacts, no deals). */
  related: Partial<Record<CardRelation, CardPart<LinkedRecord[]>>>;
  tasks: CardPart<CardTask[]>;
  comments: CardPart<CardComment[]>;
  todos: CardPart<CardTodo[]>;
  events: CardPart<CardEvent[]>;
  customData: CardStorageItems[];
  /** Deal stages, when the card lists deals (contacts, companies): seeds the stage cache. */
  dealStages?: Stage[];
}

export interface ReadCardOptions {
  storages?: readonly CardStorage[];
  /** "Now" for the upcoming-events window (tests pin it). */
  now?: number;
  /** How far ahead events are read. */
  eventDays?: number;
  /** Read the deal stages with the card (off when they are cached). */
  dealStages?: boolean;
}

/**
 * The relations of each entity type: deals, leads and smart processes → their company and contacts;
 * contacts → their companies and deals; companies → their contacts and deals.
 * @example cardRelations(3) // ['companies', 'deals']
 */
export function cardRelations(entityTypeId: number): CardRelation[] {
  if (entityTypeId === 3) return ['companies', 'deals'];
  if (entityTypeId === 4) return ['contacts', 'deals'];
  return ['companies', 'contacts'];
}

/** Authors of the newest comments resolved by name in the same batch (one `user.get` each, see below). */
export const COMMENT_AUTHORS = 5;
const EVENT_DAYS = 60;
const DAY = 86_400_000;

type Row = Record<string, unknown>;
interface UserRow {
  ID: string;
  NAME?: string;
  LAST_NAME?: string;
  WORK_POSITION?: string;
  PERSONAL_PHOTO?: string;
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const idOf = (v: unknown): string => (/^[1-9]\d*$/.test(text(v)) ? text(v) : '');

const SELECT: Record<CardRelation, string[]> = {
  companies: ['id', 'title'],
  contacts: ['id', 'name', 'secondName', 'lastName', 'post'],
  deals: ['id', 'title', 'stageId', 'opportunity', 'currencyId', 'closed'],
};
const TYPE_OF: Record<CardRelation, number> = { companies: 4, contacts: 3, deals: 2 };

function linked(relation: CardRelation, row: Row): LinkedRecord {
  const id = String(row.id);
  if (relation === 'contacts') {
    const name = [row.name, row.secondName, row.lastName].map(text).map((s) => s.trim());
    return { id, entityTypeId: 3, title: name.filter(Boolean).join(' ') || `#${id}`, post: text(row.post) };
  }
  const title = text(row.title).trim() || `#${id}`;
  if (relation === 'companies') return { id, entityTypeId: 4, title };
  return {
    id,
    entityTypeId: 2,
    title,
    stageId: text(row.stageId),
    ...(typeof row.opportunity === 'number' ? { opportunity: row.opportunity } : {}),
    currencyId: text(row.currencyId),
    closed: row.closed === 'Y',
  };
}

/** The ids a record links to under `key` (`companyId: 14`, `contactIds: [3, 9]`); 0 and empty mean none. */
function linkedIds(record: RecordData, key: string): Set<string> {
  const value = record[key];
  return new Set((Array.isArray(value) ? value : [value]).map(idOf).filter(Boolean));
}

function ymd(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The result, or undefined if the call failed (handled at once: nothing rejects unhandled). */
const settle = <T>(answer: Promise<RestAnswer<T>>): Promise<T | undefined> =>
  answer.then(
    (a) => a.result,
    () => undefined,
  );

async function part<T>(answer: Promise<RestAnswer>, map: (result: unknown) => T): Promise<CardPart<T>> {
  try {
    return { ok: true, data: map((await answer).result) };
  } catch (e) {
    return { ok: false, error: toBitrixError(e) };
  }
}

const rowsOf = (result: unknown, key?: string): Row[] => {
  const list = key && result && typeof result === 'object' ? (result as Row)[key] : result;
  return Array.isArray(list) ? (list as Row[]) : [];
};

function eventOf(row: Row): CardEvent {
  const parent = idOf(row.PARENT_ID);
  return {
    id: parent || text(row.ID),
    name: text(row.NAME),
    from: Number(row.DATE_FROM_TS_UTC) * 1000,
    to: Number(row.DATE_TO_TS_UTC) * 1000,
    allDay: row.DT_SKIP_TIME === 'Y',
    location: text(row.LOCATION),
  };
}

/**
 * Everything a CRM card tab shows, issued in one tick so the client sends it as ONE batch request —
 * including what depends on the record: its people's names (`user.get` by `$result` references to
 * `assignedById`, `createdBy`, `updatedBy`), its company and contacts (`crm.item.list` with `@id` =
 * a reference to `companyId` / `contactIds`), the events in its responsible's calendar, and the names
 * of the newest comments' authors.
 *
 * Empty links: a reference to `companyId: 0` or `contactIds: []` must list nothing, never every row.
 * `@id` with the reference inside a list (`[0]`) or as the whole list (`[]`) matches nothing on the
 * sandbox (an empty IN is false); as a portal may treat an empty filter value as "no filter", the rows
 * are also kept only if the record links to them. Company cards list the contacts whose `companyId` is
 * the company (the company's own `contactIds` is not what contacts say on every portal).
 *
 * Events: `calendar.event.get` cannot filter by CRM link, so the next `eventDays` of the responsible's
 * and the current user's calendars (meetings they attend included) are read and the events whose
 * `UF_CRM_CAL_EVENT` holds the record's code are kept.
 *
 * Comment authors: `user.get` takes one reference per author, and a reference to a comment that does not
 * exist (fewer comments) cannot be resolved — the client then refuses that call alone. So the first
 * `COMMENT_AUTHORS` authors get one small `user.get` each; more comments show their authors once the
 * names are read on demand.
 *
 * The record's failure fails the card (ERR_BATCH_REFERENCE follows for what refers to it); any other
 * part fails alone. Custom data: one `entity.item.get` per storage (docs/data-layer.md).
 * @example const card = await readCard(client, 2, '12', { storages }); card.related.contacts // { ok: true, data: [...] }
 */
export async function readCard(
  client: B24Client,
  entityTypeId: number,
  id: string,
  { storages = [], now = Date.now(), eventDays = EVENT_DAYS, dealStages = true }: ReadCardOptions = {},
): Promise<CardBundle> {
  assertId(id, 'crm.item.get');
  const code = crmBindingCode(entityTypeId, id);
  const relations = cardRelations(entityTypeId);
  const owner = Number(id);

  // Everything below is issued before the first await: one tick, one batch. Each answer gets its
  // handler at once, so nothing rejects unhandled when the record fails and takes its references along.
  const rec = client.call<{ item: Row & { id: number } }>('crm.item.get', {
    entityTypeId,
    id,
    useOriginalUfNames: 'N',
  });
  const ref = (...path: string[]) => client.ref(rec, 'item', ...path);
  const meCall = client.call<UserRow>('user.current');
  const me = settle(meCall);
  const people = settle(
    client.call<UserRow[]>('user.get', { FILTER: { ID: [ref('assignedById'), ref('createdBy'), ref('updatedBy')] } }),
  );

  const relationFilter = (relation: CardRelation): Record<string, unknown> => {
    if (relation === 'deals') return entityTypeId === 3 ? { contactId: owner } : { companyId: owner };
    if (relation === 'contacts') {
      if (entityTypeId === 4) return { companyId: owner };
      // Leads link one contact (`contactId`); deals and smart processes a list.
      return { '@id': entityTypeId === 1 ? [ref('contactId')] : ref('contactIds') };
    }
    return { '@id': entityTypeId === 3 ? ref('companyIds') : [ref('companyId')] };
  };
  const relationParts = relations.map((relation) =>
    part(
      client.call('crm.item.list', {
        entityTypeId: TYPE_OF[relation],
        select: SELECT[relation],
        filter: relationFilter(relation),
        order: { id: 'DESC' },
        start: -1,
      }),
      (result) => rowsOf(result, 'items'),
    ),
  );
  const stages = relations.includes('deals') && dealStages ? readStages(client, 2).catch(() => undefined) : undefined;

  const tasks = part(
    client.call('tasks.task.list', {
      filter: { UF_CRM_TASK: code, '!REAL_STATUS': 5 },
      select: ['ID', 'TITLE', 'STATUS', 'DEADLINE', 'RESPONSIBLE_ID'],
      order: { ID: 'DESC' },
    }),
    (result) => rowsOf(result, 'tasks').map(taskOf),
  );
  const commentsCall = client.call('crm.timeline.comment.list', {
    filter: { ENTITY_ID: owner, ENTITY_TYPE: timelineEntityType(entityTypeId) },
    select: ['ID', 'CREATED', 'COMMENT', 'AUTHOR_ID'],
    order: { CREATED: 'DESC', ID: 'DESC' },
  });
  const comments = part(commentsCall, (result) => rowsOf(result).map(commentOf));
  const authors = Array.from({ length: COMMENT_AUTHORS }, (_, i) =>
    settle(client.call<UserRow[]>('user.get', { FILTER: { ID: client.ref(commentsCall, i, 'AUTHOR_ID') } })),
  );
  const todos = part(
    client.call('crm.activity.list', {
      filter: { OWNER_TYPE_ID: entityTypeId, OWNER_ID: owner, COMPLETED: 'N' },
      select: ['ID', 'SUBJECT', 'DEADLINE', 'RESPONSIBLE_ID'],
      order: { DEADLINE: 'ASC', ID: 'ASC' },
    }),
    (result) => rowsOf(result).map(todoOf).sort(byDeadline),
  );
  const range = { type: 'user', from: ymd(now), to: ymd(now + eventDays * DAY) };
  const calendars = [
    part(client.call('calendar.event.get', { ...range, ownerId: ref('assignedById') }), (r) => rowsOf(r)),
    part(client.call('calendar.event.get', { ...range, ownerId: client.ref(meCall, 'ID') }), (r) => rowsOf(r)),
  ];
  const data = storages.map((storage) =>
    part(
      client.call('entity.item.get', {
        ENTITY: storage.entity,
        FILTER: { [`PROPERTY_${storage.crmProperty}`]: code },
        SORT: { ID: 'DESC' },
      }),
      (result) => rowsOf(result).map((item) => dataItemOf(item, storage.crmProperty)),
    ),
  );

  // The record first: without it there is no card.
  const record: RecordData = await rec.then(
    ({ result }) => ({ ...result.item, id: String(result.item.id) }),
    (e: unknown) => Promise.reject(toBitrixError(e, 'crm.item.get')),
  );

  const [meRow, peopleRows, authorRows] = await Promise.all([me, people, Promise.all(authors)]);
  const users = new Map<string, UserBrief>();
  for (const row of [...(peopleRows ?? []), ...authorRows.flatMap((r) => r ?? []), ...(meRow ? [meRow] : [])])
    if (idOf(row.ID)) users.set(String(row.ID), userBriefOf(row));
  // Asked for and answered without them: cached as "nobody", so no screen asks again.
  const commentRows = await comments;
  const asked = [
    ...(peopleRows ? ['assignedById', 'createdBy', 'updatedBy'].map((k) => idOf(record[k])) : []),
    ...(commentRows.ok ? commentRows.data.slice(0, COMMENT_AUTHORS).filter((_, i) => authorRows[i]) : []).map(
      (c) => c.authorId,
    ),
  ];
  const unknownUsers = [...new Set(asked.filter((u) => u && !users.has(u)))];

  const related: CardBundle['related'] = {};
  await Promise.all(
    relations.map(async (relation, i) => {
      const answer = await relationParts[i]!;
      if (!answer.ok) {
        // The record has no such link field (a lead's contactIds, a smart process without clients): no rows.
        related[relation] = answer.error.code === 'ERR_BATCH_REFERENCE' ? { ok: true, data: [] } : answer;
        return;
      }
      const byRef =
        relation === 'companies'
          ? linkedIds(record, entityTypeId === 3 ? 'companyIds' : 'companyId')
          : relation === 'contacts' && entityTypeId !== 4
            ? linkedIds(record, entityTypeId === 1 ? 'contactId' : 'contactIds')
            : null;
      const rows = byRef ? answer.data.filter((row) => byRef.has(String(row.id))) : answer.data;
      related[relation] = { ok: true, data: rows.map((row) => linked(relation, row)) };
    }),
  );

  const [taskPart, commentPart, todoPart, eventParts, dataParts, stageList] = await Promise.all([
    tasks,
    comments,
    todos,
    Promise.all(calendars),
    Promise.all(data),
    stages,
  ]);

  return {
    record,
    code,
    me: meRow && idOf(meRow.ID) ? userBriefOf(meRow) : null,
    users: [...users.values()],
    unknownUsers,
    related,
    tasks: taskPart,
    comments: commentPart,
    todos: todoPart,
    events: linkedEvents(eventParts, code, now),
    customData: storages.map((storage, i) => ({ storage, items: dataParts[i]! })),
    ...(stageList ? { dealStages: stageList } : {}),
  };
}

/** The events of both calendars that hold `code`, each once, not yet over, soonest first. */
function linkedEvents(parts: CardPart<Row[]>[], code: string, now: number): CardPart<CardEvent[]> {
  const read = parts.filter((p): p is { ok: true; data: Row[] } => p.ok);
  if (read.length === 0) return parts[0] as CardPart<CardEvent[]>;
  const byId = new Map<string, CardEvent>();
  for (const row of read.flatMap((p) => p.data)) {
    const links = Array.isArray(row.UF_CRM_CAL_EVENT) ? row.UF_CRM_CAL_EVENT.map(text) : [];
    if (!links.includes(code)) continue;
    const event = eventOf(row);
    const end = event.allDay ? event.to + DAY : event.to;
    if (Number.isFinite(event.from) && end >= now && !byId.has(event.id)) byId.set(event.id, event);
  }
  return { ok: true, data: [...byId.values()].sort((a, b) => a.from - b.from || a.name.localeCompare(b.name)) };
}

function taskOf(t: Row): CardTask {
  return {
    id: text(t.id),
    title: text(t.title),
    status: text(t.status),
    deadline: text(t.deadline),
    responsibleId: idOf(t.responsibleId),
    responsibleName: text((t.responsible as Row | undefined)?.name),
  };
}

function commentOf(c: Row): CardComment {
  return { id: text(c.ID), created: text(c.CREATED), text: text(c.COMMENT), authorId: idOf(c.AUTHOR_ID) };
}

function todoOf(a: Row): CardTodo {
  return {
    id: text(a.ID),
    subject: text(a.SUBJECT),
    deadline: text(a.DEADLINE),
    responsibleId: idOf(a.RESPONSIBLE_ID),
  };
}

/** Soonest deadline first; portals sort an empty deadline first, a to-do without one goes last here. */
function byDeadline(a: CardTodo, b: CardTodo): number {
  if (!a.deadline || !b.deadline) return (a.deadline ? 0 : 1) - (b.deadline ? 0 : 1);
  return Date.parse(a.deadline) - Date.parse(b.deadline);
}

function dataItemOf(item: Row, crmProperty: string): CardDataItem {
  const props = item.PROPERTY_VALUES && typeof item.PROPERTY_VALUES === 'object' ? (item.PROPERTY_VALUES as Row) : {};
  const values = Object.fromEntries(
    Object.entries(props)
      .filter(([k]) => k !== crmProperty)
      .map(([k, v]) => [k, Array.isArray(v) ? v.map(text).join(', ') : text(v)]),
  );
  return { id: text(item.ID), name: text(item.NAME), values };
}
