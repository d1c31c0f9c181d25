import type { Db } from '../database.ts';
import { SEED_NOW, type Rng } from './rng.ts';

const DEPARTMENTS: { name: string; sort: number; parent: number | null; head: number }[] = [
  { name: 'Nordlys ApS', sort: 100, parent: null, head: 1 },
  { name: 'Sales', sort: 200, parent: 1, head: 3 },
  { name: 'Marketing', sort: 300, parent: 1, head: 5 },
  { name: 'Support', sort: 400, parent: 1, head: 7 },
  { name: 'Finance', sort: 500, parent: 1, head: 2 },
  { name: 'Development', sort: 600, parent: 1, head: 9 },
];

interface DemoUser {
  name: string;
  last: string;
  gender: 'M' | 'F';
  position: string;
  dept: number;
  city: string;
}

const DEMO_USERS: DemoUser[] = [
  { name: 'Anna', last: 'Holm', gender: 'F', position: 'Managing director', dept: 1, city: 'Copenhagen' },
  { name: 'Mikkel', last: 'Sørensen', gender: 'M', position: 'Head of finance', dept: 5, city: 'Copenhagen' },
  { name: 'Sofie', last: 'Lindqvist', gender: 'F', position: 'Sales manager', dept: 2, city: 'Malmö' },
  { name: 'Jonas', last: 'Dahl', gender: 'M', position: 'Account executive', dept: 2, city: 'Aarhus' },
  { name: 'Ida', last: 'Kjær', gender: 'F', position: 'Marketing lead', dept: 3, city: 'Copenhagen' },
  { name: 'Lukas', last: 'Brandt', gender: 'M', position: 'Content specialist', dept: 3, city: 'Hamburg' },
  { name: 'Freja', last: 'Mortensen', gender: 'F', position: 'Support lead', dept: 4, city: 'Odense' },
  { name: 'Emil', last: 'Nyberg', gender: 'M', position: 'Support specialist', dept: 4, city: 'Aalborg' },
  { name: 'Clara', last: 'Vermeulen', gender: 'F', position: 'Lead developer', dept: 6, city: 'Amsterdam' },
  { name: 'Oskar', last: 'Lund', gender: 'M', position: 'Developer', dept: 6, city: 'Copenhagen' },
  { name: 'Maja', last: 'Friis', gender: 'F', position: 'Accountant', dept: 5, city: 'Roskilde' },
  { name: 'Henrik', last: 'Bach', gender: 'M', position: 'Sales representative', dept: 2, city: 'Vejle' },
];

const FIRST_F = [
  'Anna',
  'Sofie',
  'Ida',
  'Freja',
  'Clara',
  'Maja',
  'Emma',
  'Laura',
  'Karen',
  'Signe',
  'Nora',
  'Astrid',
  'Ingrid',
  'Lea',
  'Elin',
];
const FIRST_M = [
  'Mikkel',
  'Jonas',
  'Lukas',
  'Emil',
  'Oskar',
  'Henrik',
  'Magnus',
  'Anders',
  'Rasmus',
  'Niels',
  'Felix',
  'Jakob',
  'Tobias',
  'Erik',
  'Viktor',
];
const LAST = [
  'Holm',
  'Sørensen',
  'Lindqvist',
  'Dahl',
  'Kjær',
  'Brandt',
  'Mortensen',
  'Nyberg',
  'Vermeulen',
  'Lund',
  'Friis',
  'Bach',
  'Jensen',
  'Nielsen',
  'Hansen',
  'Berg',
  'Møller',
  'Larsen',
  'Winther',
  'Eriksson',
];
const POSITIONS: Record<number, string[]> = {
  2: ['Account executive', 'Sales representative', 'Key account manager'],
  3: ['Marketing specialist', 'Content specialist', 'Designer'],
  4: ['Support specialist', 'Customer success manager'],
  5: ['Accountant', 'Controller'],
  6: ['Developer', 'QA engineer', 'DevOps engineer'],
};
const CITIES = ['Copenhagen', 'Aarhus', 'Odense', 'Aalborg', 'Malmö', 'Hamburg', 'Roskilde', 'Esbjerg'];

const ascii = (s: string) =>
  s
    .toLowerCase()
    .replace(/ø/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const DAY = 86_400_000;

/** Departments 1–6 and users (demo 1–12, large 1–50). User 1 is Anna Holm, admin; user 2 is admin too. */
export function seedUsers(db: Db, kind: 'demo' | 'large', rng: Rng): void {
  db.exec('CREATE TABLE IF NOT EXISTS departments (id INTEGER PRIMARY KEY, data TEXT NOT NULL)');
  const dep = db.prepare('INSERT OR REPLACE INTO departments (id, data) VALUES (?, ?)');
  DEPARTMENTS.forEach((d, i) => {
    const data: Record<string, unknown> = { NAME: d.name, SORT: d.sort, UF_HEAD: d.head };
    if (d.parent !== null) data.PARENT = d.parent;
    dep.run(i + 1, JSON.stringify(data));
  });

  const count = kind === 'large' ? 50 : 12;
  const insert = db.prepare('INSERT OR REPLACE INTO users (id, data) VALUES (?, ?)');
  for (let id = 1; id <= count; id++) {
    let u: DemoUser;
    const demo = DEMO_USERS[id - 1];
    if (demo) u = demo;
    else {
      const gender = rng.chance(0.5) ? 'F' : 'M';
      const dept = rng.int(2, 6);
      u = {
        name: rng.pick(gender === 'F' ? FIRST_F : FIRST_M),
        last: rng.pick(LAST),
        gender,
        position: rng.pick(POSITIONS[dept]!),
        dept,
        city: rng.pick(CITIES),
      };
    }
    const registered = SEED_NOW - rng.int(60, 1500) * DAY;
    const lastLogin = SEED_NOW - rng.int(0, 72) * 3_600_000 - rng.int(0, 3599) * 1000;
    const birthYear = rng.int(1965, 2000);
    const data: Record<string, unknown> = {
      ACTIVE: !(kind === 'demo' && id === 12) && !(kind === 'large' && id % 17 === 0),
      NAME: u.name,
      LAST_NAME: u.last,
      SECOND_NAME: '',
      XML_ID: '',
      TITLE: '',
      EMAIL: `${ascii(u.name)}.${ascii(u.last)}${id > 12 ? id : ''}@example.com`,
      LAST_LOGIN: iso(lastLogin),
      DATE_REGISTER: iso(registered).slice(0, 10),
      TIMESTAMP_X: iso(registered + rng.int(1, 50) * DAY),
      LAST_ACTIVITY_DATE: iso(lastLogin + rng.int(60, 3000) * 1000),
      IS_ONLINE: id <= 3 ? 'Y' : 'N',
      TIME_ZONE: '',
      PERSONAL_GENDER: u.gender,
      PERSONAL_BIRTHDAY: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      PERSONAL_MOBILE: `+45 555${String(rng.int(10000, 99999))}`,
      PERSONAL_CITY: u.city,
      PERSONAL_WWW: '',
      WORK_PHONE: `+45 555${String(10000 + id).padStart(5, '0')}`,
      WORK_COMPANY: 'Nordlys ApS',
      WORK_POSITION: u.position,
      UF_DEPARTMENT: [u.dept],
      UF_EMPLOYMENT_DATE: iso(registered).slice(0, 10),
      UF_PHONE_INNER: String(100 + id),
      USER_TYPE: 'employee',
      _ADMIN: id <= 2,
    };
    insert.run(id, JSON.stringify(data));
  }
}
