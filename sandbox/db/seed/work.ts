import type { Db } from '../database.ts';
import { fromWallClock, toStoredDateTime, wallClock } from '../../rest/engine/time.ts';
import {
  calendarSchema,
  ensureDefaultSection,
  insertEvent,
  sections,
  type Attendee,
  type EventDoc,
} from '../../rest/methods/calendar.ts';
import { insertGroup, setMember, sonetSchema, type GroupDoc } from '../../rest/methods/sonet-group.ts';
import { newTaskDoc } from '../../rest/methods/tasks.ts';
import { insertChecklistItem, insertComment } from '../../rest/methods/tasks-items.ts';
import { tasksSchema, taskTable, type TaskDoc } from '../../rest/methods/tasks-store.ts';
import { SEED_NOW, type Rng } from './rng.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const GROUPS: {
  name: string;
  description: string | null;
  project: boolean;
  owner: number;
  members: number[];
  visible: boolean;
}[] = [
  {
    name: 'Website relaunch',
    description: 'New public website with shop integration',
    project: true,
    owner: 9,
    members: [1, 5, 6, 10],
    visible: true,
  },
  {
    name: 'Nordic sales push',
    description: 'Q4 campaign for Danish and Swedish accounts',
    project: true,
    owner: 3,
    members: [1, 4, 12, 5],
    visible: true,
  },
  {
    name: 'Support handbook',
    description: 'Shared answers and escalation rules',
    project: false,
    owner: 7,
    members: [8, 9, 3],
    visible: true,
  },
  {
    name: 'Year-end closing',
    description: 'Budget, audit and annual report',
    project: true,
    owner: 2,
    members: [1, 11],
    visible: false,
  },
  {
    name: 'Office move Aarhus',
    description: null,
    project: false,
    owner: 1,
    members: [2, 4, 7, 10, 12],
    visible: true,
  },
];

const TASK_TITLES = [
  'Prepare offer for {c}',
  'Call back {c} about delivery',
  'Send contract draft to {c}',
  'Follow up on invoice for {c}',
  'Update price list',
  'Review newsletter copy',
  'Plan trade fair stand',
  'Check stock levels',
  'Fix login issue on shop',
  'Write case study with {c}',
  'Onboard new support colleague',
  'Collect feedback from {c}',
  'Schedule product demo for {c}',
  'Prepare monthly report',
  'Renew software licences',
  'Translate product sheets to Swedish',
  'Book meeting room for workshop',
  'Clean up CRM duplicates',
  'Draft Q1 budget',
  'Test new payment provider',
  'Answer tender from {c}',
  'Order new laptops',
];
const COMPANIES = [
  'Fjordlys A/S',
  'Havbro ApS',
  'Nordkyst Logistik',
  'Bøgeskov Møbler',
  'Skagen Kaffe',
  'Mälarviken AB',
  'Lindholm Tech',
  'Vesterhav Fisk',
];
const EVENT_TITLES = [
  'Weekly sales meeting',
  'Demo call with {c}',
  'Lunch with {c}',
  'Team stand-up',
  'Budget review',
  'Customer workshop at {c}',
  'Dentist',
  'Interview: support specialist',
  'Supplier visit',
  'Quarterly planning',
  'Webinar: new shop features',
  'One-on-one',
];
const CHECKLIST = [
  'Collect requirements',
  'Draft document',
  'Internal review',
  'Send to customer',
  'Archive signed copy',
];
const COMMENTS = [
  'I have called them, waiting for an answer.',
  'Draft attached in the shared folder.',
  'Can we move the deadline by two days?',
  'Done from my side, please review.',
  'Customer asked for a discount of 5 %.',
  'Thanks! Looks good to me.',
];

function existingIds(db: Db, table: string, limit: number): number[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  if (!exists) return [];
  return (db.prepare(`SELECT id FROM ${table} ORDER BY id LIMIT ?`).all(limit) as { id: number }[]).map((r) => r.id);
}

function guid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  return `{${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}}`;
}

const iso = (ms: number) => toStoredDateTime(ms);

/** Workgroups, calendars and tasks. Demo: realistic small set; large: 5,000 tasks, no calendar load. */
export function seedWork(db: Db, kind: 'demo' | 'large', rng: Rng): void {
  sonetSchema(db);
  tasksSchema(db);
  calendarSchema(db);
  const maxUser = kind === 'demo' ? 12 : 50;
  const users = existingIds(db, 'users', maxUser);
  if (users.length === 0) users.push(1);
  const user = (n: number) => (users.includes(n) ? n : users[(n - 1) % users.length]!);
  const pickUser = () => rng.pick(users);

  // Workgroups
  const groupIds: number[] = [];
  GROUPS.forEach((g, i) => {
    const created = iso(SEED_NOW - (120 - i * 15) * DAY);
    const doc: GroupDoc = {
      NAME: g.name,
      DESCRIPTION: g.description,
      DATE_CREATE: created,
      DATE_UPDATE: created,
      DATE_ACTIVITY: iso(SEED_NOW - i * DAY),
      ACTIVE: 'Y',
      VISIBLE: g.visible ? 'Y' : 'N',
      OPENED: g.visible ? 'Y' : 'N',
      CLOSED: 'N',
      SUBJECT_ID: 1,
      OWNER_ID: user(g.owner),
      KEYWORDS: null,
      PROJECT: g.project ? 'Y' : 'N',
      IS_EXTRANET: 'N',
      INITIATE_PERMS: i === 3 ? 'A' : 'K',
      PROJECT_DATE_START: g.project ? iso(SEED_NOW - 60 * DAY) : null,
      PROJECT_DATE_FINISH: g.project ? iso(SEED_NOW + 90 * DAY) : null,
    };
    const id = insertGroup(db, doc);
    g.members.forEach((m, j) => {
      const uid = user(m);
      if (uid !== doc.OWNER_ID) setMember(db, id, uid, j === 0 ? 'E' : 'K');
    });
    groupIds.push(id);
  });
  if (kind === 'large') {
    for (let i = 0; i < 15; i++) {
      const created = iso(SEED_NOW - (200 - i) * DAY);
      const id = insertGroup(db, {
        NAME: `Project ${String.fromCharCode(65 + i)}${i + 1}`,
        DESCRIPTION: null,
        DATE_CREATE: created,
        DATE_UPDATE: created,
        DATE_ACTIVITY: created,
        ACTIVE: 'Y',
        VISIBLE: 'Y',
        OPENED: 'Y',
        CLOSED: 'N',
        SUBJECT_ID: 1,
        OWNER_ID: pickUser(),
        KEYWORDS: null,
        PROJECT: 'Y',
        IS_EXTRANET: 'N',
        INITIATE_PERMS: 'K',
        PROJECT_DATE_START: null,
        PROJECT_DATE_FINISH: null,
      });
      for (let k = 0; k < 6; k++) {
        const m = pickUser();
        if (!db.prepare('SELECT 1 FROM sonet_group_member WHERE group_id = ? AND user_id = ?').get(id, m))
          setMember(db, id, m, 'K');
      }
      groupIds.push(id);
    }
  }

  const deals = existingIds(db, 'crm_deal', kind === 'demo' ? 60 : 200);
  const contacts = existingIds(db, 'crm_contact', 30);

  // Tasks
  const taskCount = kind === 'demo' ? 80 : 5000;
  const table = taskTable(db);
  const insert = db.prepare('INSERT INTO tasks_task (data) VALUES (?)');
  const demoTaskIds: number[] = [];
  for (let i = 0; i < taskCount; i++) {
    const company = rng.pick(COMPANIES);
    let title = rng.pick(TASK_TITLES).replace('{c}', company);
    let description = `Task for ${company}. [B]Priority[/B] customer, keep [I]${rng.pick(['sales', 'support', 'finance'])}[/I] in the loop.`;
    if (kind === 'demo' && i === 13) title = '<img src=x onerror=alert(1)>';
    if (kind === 'demo' && i === 14) description = '[url=javascript:alert(1)]x[/url]';
    const created = SEED_NOW - rng.int(1, 60) * DAY - rng.int(0, 8) * HOUR;
    const roll = rng.next();
    const status = roll < 0.45 ? 2 : roll < 0.7 ? 3 : roll < 0.88 ? 5 : roll < 0.95 ? 6 : 4;
    const hasDeadline = rng.chance(0.8);
    // Deadlines at full hours in the portal zone, spread over the weeks around SEED_NOW.
    const dl = SEED_NOW + rng.int(-20, 25) * DAY;
    const w = wallClock(dl);
    const deadline = hasDeadline
      ? iso(fromWallClock(w.year, w.month, w.day, rng.pick([10, 12, 15, 17, 19]), 0, 0))
      : null;
    const responsible = pickUser();
    const creator = rng.chance(0.5) ? responsible : pickUser();
    const crm: string[] = [];
    if (kind === 'demo' ? i % 3 === 0 && i < 75 : rng.chance(0.2)) {
      if (deals.length > 0) crm.push(`D_${rng.pick(deals)}`);
      if (contacts.length > 0 && rng.chance(0.4)) crm.push(`C_${rng.pick(contacts)}`);
    }
    // The hostile task title and description sit on the hostile deal (3), so its card tab shows them.
    if (kind === 'demo' && (i === 13 || i === 14) && deals.includes(3)) crm.push('D_3');
    const auditors = rng.chance(0.3) ? [pickUser()].filter((u) => u !== responsible) : [];
    const accomplices = rng.chance(0.2) ? [pickUser()].filter((u) => u !== responsible) : [];
    const groupId = rng.chance(0.3) ? rng.pick(groupIds) : 0;
    const fields: Partial<TaskDoc> = {
      TITLE: title,
      DESCRIPTION: description,
      STATUS: status,
      PRIORITY: rng.chance(0.2) ? 2 : 1,
      RESPONSIBLE_ID: responsible,
      CREATED_BY: creator,
      GROUP_ID: groupId,
      DEADLINE: deadline,
      UF_CRM_TASK: crm,
      AUDITORS: auditors,
      ACCOMPLICES: accomplices,
      ALLOW_CHANGE_DEADLINE: rng.chance(0.5) ? 'Y' : 'N',
      TASK_CONTROL: status === 4 ? 'Y' : 'N',
    };
    const doc = newTaskDoc(fields, creator, iso(created));
    const changed = iso(Math.min(SEED_NOW, created + rng.int(0, 10) * DAY));
    Object.assign(doc, {
      GUID: guid(rng),
      CHANGED_DATE: changed,
      ACTIVITY_DATE: changed,
      STATUS_CHANGED_DATE: changed,
    });
    if (status === 5) Object.assign(doc, { CLOSED_BY: responsible, CLOSED_DATE: changed });
    if (status === 3) doc.DATE_START = changed;
    const id = Number(insert.run(JSON.stringify(doc)).lastInsertRowid);
    if (kind === 'demo') demoTaskIds.push(id);
  }

  if (kind === 'large') return;

  // Comments and checklists on a few demo tasks
  for (const [n, id] of demoTaskIds.entries()) {
    const t = table.get(id)!;
    if (n % 6 === 0) {
      const count = rng.int(1, 3);
      for (let k = 0; k < count; k++) {
        const author = k % 2 === 0 ? t.RESPONSIBLE_ID : t.CREATED_BY;
        insertComment(db, {
          TASK_ID: id,
          AUTHOR_ID: author,
          POST_MESSAGE: rng.pick(COMMENTS),
          POST_DATE: iso(Date.parse(t.CREATED_DATE) + (k + 1) * 5 * HOUR),
        });
      }
    }
    if (n % 9 === 1) {
      const count = rng.int(2, 5);
      for (let k = 0; k < count; k++) {
        insertChecklistItem(db, id, t.CREATED_BY, {
          TITLE: CHECKLIST[k]!,
          IS_COMPLETE: k < count / 2 ? 'Y' : 'N',
          SORT_INDEX: k,
        });
      }
    }
  }

  // Calendars: a default section per user, a couple of extra ones, a group section
  const createdIso = iso(SEED_NOW - 90 * DAY);
  const defaults = new Map<number, number>();
  for (const u of users) defaults.set(u, ensureDefaultSection(db, 'user', u, u, createdIso));
  const extra = (type: 'user' | 'group', owner: number, name: string, color: string) =>
    sections(db).insert({
      NAME: name,
      DESCRIPTION: '',
      COLOR: color,
      TEXT_COLOR: '#000000',
      EXPORT_ALLOW: true,
      CAL_TYPE: type,
      OWNER_ID: owner,
      CREATED_BY: type === 'user' ? owner : 1,
      DATE_CREATE: createdIso,
      TIMESTAMP_X: createdIso,
      IS_DEFAULT: false,
    });
  const customerSection = extra('user', user(1), 'Customer meetings', '#f87396');
  extra('user', user(3), 'Travel', '#2fc6f6');
  const groupSection = ensureDefaultSection(db, 'group', groupIds[0]!, 1, createdIso);
  ensureDefaultSection(db, 'company_calendar', 0, 1, createdIso);

  for (let i = 0; i < 60; i++) {
    const company = rng.pick(COMPANIES);
    const name = rng.pick(EVENT_TITLES).replace('{c}', company);
    const owner = i < 20 ? user(1) : pickUser();
    const dayOffset = rng.int(-21, 28);
    const base = wallClock(SEED_NOW + dayOffset * DAY);
    const allDay = i % 8 === 3;
    const inGroup = i % 15 === 7;
    let from: number;
    let to: number;
    if (allDay) {
      from = Date.UTC(base.year, base.month - 1, base.day);
      to = from + (rng.chance(0.3) ? DAY : 0);
    } else {
      from = fromWallClock(base.year, base.month, base.day, rng.int(8, 16), rng.pick([0, 30]), 0);
      to = from + rng.pick([30, 60, 60, 90, 120]) * 60_000;
    }
    const attendees: Attendee[] = [];
    const meeting = !allDay && !inGroup && i % 3 === 0;
    if (meeting) {
      attendees.push({ id: owner, status: 'H' });
      for (let k = 0; k < rng.int(1, 3); k++) {
        const a = pickUser();
        if (!attendees.some((x) => x.id === a))
          attendees.push({ id: a, status: rng.pick(['Y', 'Y', 'Q', 'N'] as const) });
      }
    }
    const section = inGroup ? groupSection : owner === user(1) && i % 4 === 1 ? customerSection : defaults.get(owner)!;
    const crm = deals.length > 0 && i % 4 === 1 ? [`D_${deals[i % deals.length]}`] : [];
    const doc: EventDoc = {
      CAL_TYPE: inGroup ? 'group' : 'user',
      OWNER_ID: inGroup ? groupIds[0]! : owner,
      NAME: name,
      FROM_TS: from,
      TO_TS: to,
      TZ_FROM: allDay ? '' : 'Europe/Copenhagen',
      TZ_TO: allDay ? '' : 'Europe/Copenhagen',
      SKIP_TIME: allDay ? 'Y' : 'N',
      SECTION_ID: section,
      DESCRIPTION: i % 5 === 0 ? `Agenda: status with ${company}` : '',
      COLOR: section === customerSection ? '#f87396' : '#9dcf00',
      TEXT_COLOR: '#000000',
      ACCESSIBILITY: allDay ? 'absent' : 'busy',
      IMPORTANCE: i % 10 === 0 ? 'high' : 'normal',
      PRIVATE_EVENT: '',
      IS_MEETING: meeting,
      LOCATION: meeting ? rng.pick(['Room 1', 'Room 2', 'Online', company]) : '',
      REMIND: allDay ? [] : [{ type: 'min', count: 15 }],
      ATTENDEES: attendees,
      MEETING_HOST: owner,
      MEETING: null,
      CREATED_BY: owner,
      DATE_CREATE: iso(SEED_NOW - 40 * DAY),
      TIMESTAMP_X: iso(SEED_NOW - 40 * DAY),
      CRM: crm,
      RRULE: i === 0 ? { FREQ: 'WEEKLY', INTERVAL: 1, BYDAY: { MO: 'MO' } } : null,
    };
    insertEvent(db, doc);
  }
}
