import { toStoredDateTime } from '../../rest/engine/time.ts';
import { activities, comments, createCrmExtrasSchema, newActivity } from '../../rest/methods/crm-extras.ts';
import type { Db } from '../database.ts';
import { type Rng, SEED_NOW } from './rng.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const COMMENTS = [
  'Called the client, they want a revised quote by Friday.',
  'Sent the product sheet and price list.',
  'Meeting moved to next week — Lars is travelling.',
  'Customer asked about volume discounts for 200+ units.',
  'Contract draft reviewed by legal, minor changes in §4.',
  'Follow-up e-mail sent, waiting for feedback.',
  'Budget approved on their side.',
  'Delivery address changed to the Aarhus warehouse.',
  'They compare us with two other suppliers.',
  'Invoice question resolved with accounting.',
];

const TODOS = [
  'Call back about the quote',
  'Send the updated contract',
  'Prepare a demo for the team',
  'Check delivery date with the warehouse',
  'Ask for feedback on the offer',
  'Book an on-site meeting',
  'Confirm payment terms',
  'Send a thank-you note',
];

function ids(db: Db, table: string): number[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  if (!exists) return [];
  return (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
}

/**
 * Currencies (every kind), plus for demo: timeline comments on deals/contacts and to-dos on
 * deals/contacts/companies that the CRM seed created (skipped when there are none), and hostile
 * markup in a comment and a to-do of deal 3 (the deal titled with markup).
 */
export function seedCrmExtras(db: Db, kind: 'demo' | 'large', rng: Rng): void {
  createCrmExtrasSchema(db);
  if (kind !== 'demo') return;

  const owners: [number, number][] = [
    ...ids(db, 'crm_deal').map((id): [number, number] => [2, id]),
    ...ids(db, 'crm_contact').map((id): [number, number] => [3, id]),
  ];
  const withCompanies: [number, number][] = [
    ...owners,
    ...ids(db, 'crm_company').map((id): [number, number] => [4, id]),
  ];

  const commentTable = comments(db);
  if (owners.length > 0) {
    for (let i = 0; i < 22; i++) {
      const [typeId, ownerId] = rng.pick(owners);
      const created = SEED_NOW - rng.int(1, 60) * DAY + rng.int(8, 17) * HOUR;
      commentTable.insert({
        ENTITY_TYPE_ID: typeId,
        ENTITY_ID: ownerId,
        CREATED: toStoredDateTime(created),
        // One comment carries markup verbatim so apps can prove they escape it.
        COMMENT: i === 7 ? '<img src=x onerror=alert(1)>' : rng.pick(COMMENTS),
        AUTHOR_ID: rng.int(1, 12),
        FILES: [],
      });
    }
  }

  // The deal titled with markup (3) also gets hostile comments: every section of its card tab must show them as text.
  const hostileDeal = ids(db, 'crm_deal').includes(3);
  if (hostileDeal) {
    ['<img src=x onerror=alert(1)>', '[url=javascript:alert(1)]x[/url]'].forEach((COMMENT, k) =>
      commentTable.insert({
        ENTITY_TYPE_ID: 2,
        ENTITY_ID: 3,
        CREATED: toStoredDateTime(SEED_NOW - (2 - k) * DAY),
        COMMENT,
        AUTHOR_ID: 3,
        FILES: [],
      }),
    );
  }

  const activityTable = activities(db);
  if (withCompanies.length > 0) {
    for (let i = 0; i < 30; i++) {
      const [typeId, ownerId] = rng.pick(withCompanies);
      // Roughly: a third overdue, a third done, the rest upcoming.
      const bucket = i % 3;
      const deadlineMs = bucket === 0 ? SEED_NOW - rng.int(1, 14) * DAY : SEED_NOW + rng.int(1, 21) * DAY;
      const deadline = toStoredDateTime(Math.floor(deadlineMs / HOUR) * HOUR);
      const createdMs = Math.min(deadlineMs, SEED_NOW) - rng.int(1, 10) * DAY;
      const responsible = rng.int(1, 12);
      const done = bucket === 1 && rng.chance(0.8);
      activityTable.insert(
        newActivity(
          {
            OWNER_TYPE_ID: typeId,
            OWNER_ID: ownerId,
            TYPE_ID: 6,
            SUBJECT: rng.pick(TODOS),
            DESCRIPTION: rng.chance(0.5) ? 'Details in the last e-mail from the client.' : '',
            START_TIME: deadline,
            END_TIME: deadline,
            DEADLINE: deadline,
            COMPLETED: done ? 'Y' : 'N',
            STATUS: done ? 2 : 1,
            RESPONSIBLE_ID: responsible,
            COLOR_ID: null,
            PING_OFFSETS: [0, 15],
          },
          responsible,
          createdMs,
        ),
      );
    }
  }
  if (hostileDeal) {
    const deadline = toStoredDateTime(SEED_NOW + 7 * DAY);
    activityTable.insert(
      newActivity(
        {
          OWNER_TYPE_ID: 2,
          OWNER_ID: 3,
          TYPE_ID: 6,
          SUBJECT: '[url=javascript:alert(1)]x[/url] <img src=x onerror=alert(1)>',
          DESCRIPTION: '',
          START_TIME: deadline,
          END_TIME: deadline,
          DEADLINE: deadline,
          RESPONSIBLE_ID: 3,
          COLOR_ID: null,
          PING_OFFSETS: [],
        },
        3,
        SEED_NOW - DAY,
      ),
    );
  }
}
