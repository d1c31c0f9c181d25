import type { Statement } from 'better-sqlite3';
import type { Db } from '../database.ts';
import { Rng, SEED_NOW } from './rng.ts';
import { toStoredDateTime, wallClock } from '../../rest/engine/time.ts';
import {
  BASE_CURRENCY,
  COMPANY,
  CONTACT,
  createCategory,
  createCrmIndexes,
  createCrmSchema,
  dropCrmIndexes,
  createSmartProcess,
  DEAL,
  LEAD,
  stagesOf,
  staticEntityInfo,
  entityInfo,
  userFieldByName,
  type CrmDoc,
  type EntityInfo,
  type Status,
} from '../../rest/methods/crm-store.ts';
import { createUserField } from '../../rest/methods/crm-userfields.ts';

/**
 * CRM demo data: two deal pipelines, companies, contacts with phones and e-mails, deals over all
 * stages, leads, two smart processes with items, custom fields — and a few records carrying
 * markup (XSS probes) that must be stored and returned verbatim. `large` is for benchmarks.
 */

const DAY = 86_400_000;

const FIRST = [
  'Anders',
  'Mette',
  'Lars',
  'Sofie',
  'Jens',
  'Camilla',
  'Mikkel',
  'Ida',
  'Rasmus',
  'Freja',
  'Henrik',
  'Louise',
  'Søren',
  'Maja',
  'Niels',
  'Emma',
  'Peter',
  'Clara',
  'Kasper',
  'Astrid',
  'Thomas',
  'Signe',
  'Jakob',
  'Karen',
  'Morten',
  'Julie',
  'Frederik',
  'Nanna',
  'Lukas',
  'Greta',
];
const LAST = [
  'Nielsen',
  'Jensen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Lund',
  'Berg',
  'Dahl',
  'Holm',
  'Schmidt',
  'de Vries',
];
const STEMS = [
  'Nordlys',
  'Fjordblik',
  'Havbryg',
  'Skovly',
  'Kronborg',
  'Vestkyst',
  'Lindholm',
  'Egeskov',
  'Kattegat',
  'Møllebakken',
  'Strandvejen',
  'Ravnsborg',
  'Amager',
  'Valby',
  'Birkely',
  'Hedeby',
  'Solbakken',
  'Limfjord',
  'Gudenå',
  'Bornholm',
];
const SUFFIXES = [
  'Logistik ApS',
  'Consulting A/S',
  'Tech ApS',
  'Design ApS',
  'Fødevarer A/S',
  'Byg ApS',
  'Energi A/S',
  'Handel ApS',
  'Marine A/S',
  'Software ApS',
];
const EUROPEAN = [
  'Alpenblick GmbH',
  'Rijnland Trading B.V.',
  'Göteborg Verkstad AB',
  'Oslofjord Sjømat AS',
  'Helsinki Data Oy',
  'Brasserie Lumière SARL',
  'Tallinn Digital OÜ',
  'Hamburger Kontor GmbH',
];
const CITIES = [
  'København',
  'Aarhus',
  'Odense',
  'Aalborg',
  'Esbjerg',
  'Roskilde',
  'Vejle',
  'Kolding',
  'Horsens',
  'Helsingør',
];
const POSTS = [
  'CEO',
  'CFO',
  'Head of Purchasing',
  'Project manager',
  'Sales manager',
  'Office manager',
  'IT manager',
  'Marketing lead',
  'Buyer',
  'Operations director',
];
const DEAL_SUBJECTS = [
  'Annual service agreement',
  'Office fit-out',
  'Fleet renewal',
  'ERP integration',
  'Warehouse shelving',
  'Website relaunch',
  'Solar panels',
  'Consulting retainer',
  'Training programme',
  'Spare parts order',
  'Cloud migration',
  'Catering contract',
];
const REGIONS = ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland', 'International'];

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// Time-zone math (Intl) is slow: the large seed would spend seconds on it without a per-hour cache.
const dateCache = new Map<number, string>();
function dateOnly(ms: number): string {
  const hour = Math.floor(ms / 3_600_000);
  let d = dateCache.get(hour);
  if (d === undefined) {
    const w = wallClock(hour * 3_600_000);
    d = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
    dateCache.set(hour, d);
  }
  return d;
}

function phone(rng: Rng): string {
  return `+45 555 ${String(rng.int(10, 99))} ${String(rng.int(10, 99))}`;
}

function audit(rng: Rng, userMax: number, dynamic = false): CrmDoc {
  const created = SEED_NOW - rng.int(1, 180) * DAY - rng.int(0, 36_000) * 1000;
  const modified = Math.min(SEED_NOW, created + rng.int(0, 20) * DAY + rng.int(0, 30_000) * 1000);
  const user = rng.int(1, userMax);
  const editor = rng.chance(0.7) ? user : rng.int(1, userMax);
  const c = toStoredDateTime(created);
  const m = toStoredDateTime(modified);
  if (dynamic) {
    return {
      OPENED: 'Y',
      ASSIGNED_BY_ID: user,
      CREATED_BY: user,
      UPDATED_BY: editor,
      CREATED_TIME: c,
      UPDATED_TIME: m,
      MOVED_BY: editor,
      MOVED_TIME: m,
      LAST_ACTIVITY_TIME: m,
      LAST_ACTIVITY_BY: editor,
    };
  }
  return {
    OPENED: 'Y',
    ASSIGNED_BY_ID: user,
    CREATED_BY_ID: user,
    MODIFY_BY_ID: editor,
    DATE_CREATE: c,
    DATE_MODIFY: m,
    LAST_ACTIVITY_TIME: m,
    LAST_ACTIVITY_BY: editor,
  };
}

function semantic(s: Status): 'P' | 'S' | 'F' {
  return s.SEMANTICS ?? 'P';
}

interface Inserter {
  doc(info: EntityInfo, id: number, doc: CrmDoc): void;
  multi(entityTypeId: number, id: number, typeId: string, valueType: string, value: string): void;
}

function inserter(db: Db): Inserter {
  const statements = new Map<string, Statement>();
  const mf = db.prepare(
    'INSERT INTO crm_multifield (entity_type_id, element_id, type_id, value_type, value) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    doc(info, id, doc) {
      let st = statements.get(info.table);
      if (!st) statements.set(info.table, (st = db.prepare(`INSERT INTO ${info.table} (id, data) VALUES (?, ?)`)));
      st.run(id, JSON.stringify(doc));
    },
    multi(entityTypeId, id, typeId, valueType, value) {
      mf.run(entityTypeId, id, typeId, valueType, value);
    },
  };
}

function seedUserFields(db: Db): void {
  if (userFieldByName(db, 'UF_CRM_PROJECT_CODE')) return;
  const deal = staticEntityInfo(DEAL)!;
  const contact = staticEntityInfo(CONTACT)!;
  createUserField(db, deal, {
    FIELD_NAME: 'PROJECT_CODE',
    USER_TYPE_ID: 'string',
    LABEL: 'Project code',
    SORT: 100,
    SHOW_FILTER: 'Y',
  });
  createUserField(db, deal, {
    FIELD_NAME: 'REGION',
    USER_TYPE_ID: 'enumeration',
    LABEL: 'Region',
    SORT: 200,
    SHOW_FILTER: 'Y',
    LIST: REGIONS.map((r, i) => ({ VALUE: r, SORT: (i + 1) * 10, XML_ID: `REGION_${i + 1}` })),
  });
  createUserField(db, deal, {
    FIELD_NAME: 'PRIORITY_CUSTOMER',
    USER_TYPE_ID: 'boolean',
    LABEL: 'Priority customer',
    SORT: 300,
  });
  createUserField(db, deal, { FIELD_NAME: 'CONTRACT_DATE', USER_TYPE_ID: 'date', LABEL: 'Contract date', SORT: 400 });
  createUserField(db, contact, {
    FIELD_NAME: 'NEWSLETTER',
    USER_TYPE_ID: 'boolean',
    LABEL: 'Newsletter subscriber',
    SORT: 100,
  });
  createUserField(db, contact, { FIELD_NAME: 'LINKEDIN', USER_TYPE_ID: 'url', LABEL: 'LinkedIn profile', SORT: 200 });
}

function regionIds(db: Db): number[] {
  return (
    db
      .prepare(
        "SELECT e.id FROM crm_userfield_enum e JOIN crm_userfield f ON f.id = e.field_id WHERE json_extract(f.data, '$.FIELD_NAME') = ? ORDER BY e.sort",
      )
      .all('UF_CRM_REGION') as { id: number }[]
  ).map((r) => r.id);
}

function companyNames(rng: Rng, count: number): string[] {
  const names: string[] = [...EUROPEAN.slice(0, Math.min(EUROPEAN.length, Math.ceil(count / 6)))];
  const used = new Set(names);
  let guard = 0;
  while (names.length < count) {
    let name = `${rng.pick(STEMS)} ${rng.pick(SUFFIXES)}`;
    if (used.has(name)) name = guard < 5000 ? '' : `${name} ${names.length}`;
    guard++;
    if (!name) continue;
    used.add(name);
    names.push(name);
  }
  return names;
}

export function seedCrm(db: Db, kind: 'demo' | 'large', rng: Rng): void {
  createCrmSchema(db);
  const large = kind === 'large';
  if (large) dropCrmIndexes(db);
  const userMax = large ? 50 : 12;
  const ins = inserter(db);
  const dealInfo = staticEntityInfo(DEAL)!;
  const contactInfo = staticEntityInfo(CONTACT)!;
  const companyInfo = staticEntityInfo(COMPANY)!;
  const leadInfo = staticEntityInfo(LEAD)!;

  // Dictionaries: the second deal pipeline, custom fields, smart processes.
  const wholesale = createCategory(db, DEAL, { name: 'Wholesale', sort: 200, nowMs: SEED_NOW - 400 * DAY });
  seedUserFields(db);
  const regions = regionIds(db);
  const projects = createSmartProcess(db, {
    title: 'Projects',
    createdBy: 1,
    nowMs: SEED_NOW - 300 * DAY,
    relations: { parent: [{ entityTypeId: COMPANY, isChildrenListEnabled: 'Y', isPredefined: 'N' }], child: [] },
  });
  const requests = createSmartProcess(db, { title: 'Service requests', createdBy: 1, nowMs: SEED_NOW - 200 * DAY });
  const projectInfo = entityInfo(db, projects.ENTITY_TYPE_ID)!;
  const requestInfo = entityInfo(db, requests.ENTITY_TYPE_ID)!;
  createUserField(db, projectInfo, { FIELD_NAME: 'BUDGET', USER_TYPE_ID: 'double', LABEL: 'Budget', SORT: 100 });

  // Companies
  const companyCount = large ? 2000 : 40;
  const names = companyNames(rng, companyCount);
  if (!large) names[7] = '<script>alert(1)</script> ApS';
  const industries = ['IT', 'TELECOM', 'MANUFACTURING', 'BANKING', 'CONSULTING', 'FINANCE', 'DELIVERY', 'OTHER'];
  const companyTypes = ['CUSTOMER', 'CUSTOMER', 'CUSTOMER', 'SUPPLIER', 'PARTNER', 'COMPETITOR'];
  names.forEach((title, i) => {
    const id = i + 1;
    const hasPhone = rng.chance(0.9);
    const hasEmail = rng.chance(0.85);
    ins.doc(companyInfo, id, {
      TITLE: title,
      COMPANY_TYPE: rng.pick(companyTypes),
      INDUSTRY: rng.pick(industries),
      EMPLOYEES: `EMPLOYEES_${rng.int(1, 4)}`,
      CURRENCY_ID: BASE_CURRENCY,
      REVENUE: rng.int(5, 900) * 10_000,
      ADDRESS: `${rng.pick(STEMS)}vej ${rng.int(1, 120)}`,
      ADDRESS_CITY: rng.pick(CITIES),
      ADDRESS_POSTAL_CODE: String(rng.int(1000, 9990)),
      ADDRESS_COUNTRY: 'Denmark',
      COMMENTS: null,
      IS_MY_COMPANY: 'N',
      HAS_PHONE: hasPhone ? 'Y' : 'N',
      HAS_EMAIL: hasEmail ? 'Y' : 'N',
      HAS_IMOL: 'N',
      CONTACT_IDS: [],
      OBSERVERS: [],
      ...audit(rng, userMax),
    });
    const domain = `${slug(title) || `company-${id}`}.example.com`;
    if (hasPhone) ins.multi(COMPANY, id, 'PHONE', 'WORK', phone(rng));
    if (hasEmail) ins.multi(COMPANY, id, 'EMAIL', 'WORK', `info@${domain}`);
    if (!large && rng.chance(0.6)) ins.multi(COMPANY, id, 'WEB', 'WORK', `https://www.${domain}`);
  });

  // Contacts
  const contactCount = large ? 20_000 : 80;
  const contactsByCompany = new Map<number, number[]>();
  for (let i = 0; i < contactCount; i++) {
    const id = i + 1;
    const name = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const companyId = rng.chance(0.85) ? rng.int(1, companyCount) : null;
    if (companyId) contactsByCompany.set(companyId, [...(contactsByCompany.get(companyId) ?? []), id]);
    const hasPhone = rng.chance(0.9);
    const hasEmail = rng.chance(0.9);
    const doc: CrmDoc = {
      HONORIFIC: null,
      NAME: name,
      SECOND_NAME: null,
      LAST_NAME: last,
      POST: rng.pick(POSTS),
      TYPE_ID: rng.chance(0.8) ? 'CLIENT' : rng.pick(['SUPPLIER', 'PARTNER', 'OTHER']),
      SOURCE_ID: rng.pick(['CALL', 'EMAIL', 'WEB', 'RECOMMENDATION', 'TRADE_SHOW']),
      ADDRESS_CITY: rng.pick(CITIES),
      COMMENTS: null,
      EXPORT: 'Y',
      HAS_PHONE: hasPhone ? 'Y' : 'N',
      HAS_EMAIL: hasEmail ? 'Y' : 'N',
      HAS_IMOL: 'N',
      COMPANY_ID: companyId,
      COMPANY_IDS: companyId ? [companyId] : [],
      BIRTHDATE: rng.chance(0.3)
        ? `${rng.int(1960, 2000)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
        : null,
      OBSERVERS: [],
      UF_CRM_NEWSLETTER: rng.chance(0.4) ? 1 : 0,
      UF_CRM_LINKEDIN:
        !large && rng.chance(0.3) ? `https://www.linkedin.com/in/${slug(`${name}-${last}`)}-${id}` : null,
      ...audit(rng, userMax),
    };
    if (!large && id === 5) doc.COMMENTS = '[url=javascript:alert(1)]x[/url]';
    ins.doc(contactInfo, id, doc);
    if (hasPhone) ins.multi(CONTACT, id, 'PHONE', rng.chance(0.6) ? 'WORK' : 'MOBILE', phone(rng));
    if (hasEmail)
      ins.multi(CONTACT, id, 'EMAIL', 'WORK', `${slug(name)}.${slug(last)}${large ? `.${id}` : ''}@example.com`);
  }

  // Deals
  const stages0 = stagesOf(db, DEAL, 0);
  const stages1 = stagesOf(db, DEAL, wholesale.id);
  const dealCount = large ? 100_000 : 60;
  for (let i = 0; i < dealCount; i++) {
    const id = i + 1;
    const wholesaleDeal = rng.chance(0.25);
    const stages = wholesaleDeal ? stages1 : stages0;
    // Mostly open deals, some won and lost.
    const stage = rng.chance(0.7) ? stages[rng.int(0, 4)]! : rng.pick(stages.slice(5));
    const companyId = rng.chance(0.9) ? rng.int(1, companyCount) : null;
    const pool = companyId ? (contactsByCompany.get(companyId) ?? []) : [];
    const contactIds = pool.slice(0, rng.int(0, Math.min(2, pool.length)));
    const a = audit(rng, userMax);
    const created = Date.parse(a.DATE_CREATE as string);
    const companyTitle = companyId ? (names[companyId - 1] ?? '') : '';
    const doc: CrmDoc = {
      TITLE: large
        ? `${rng.pick(DEAL_SUBJECTS)} #${id}`
        : `${rng.pick(DEAL_SUBJECTS)}${companyTitle && !companyTitle.startsWith('<') ? ` – ${companyTitle}` : ''}`,
      TYPE_ID: rng.pick(['SALE', 'SALE', 'COMPLEX', 'GOODS', 'SERVICES']),
      CATEGORY_ID: wholesaleDeal ? wholesale.id : 0,
      STAGE_ID: stage.STATUS_ID,
      STAGE_SEMANTIC_ID: semantic(stage),
      CLOSED: stage.SEMANTICS ? 'Y' : 'N',
      IS_NEW: stage === stages[0] ? 'Y' : 'N',
      IS_RECURRING: 'N',
      IS_RETURN_CUSTOMER: rng.chance(0.2) ? 'Y' : 'N',
      IS_REPEATED_APPROACH: 'N',
      PROBABILITY: rng.chance(0.5) ? rng.int(1, 10) * 10 : null,
      CURRENCY_ID: rng.chance(0.85) ? BASE_CURRENCY : 'EUR',
      OPPORTUNITY: rng.int(10, 5000) * 100 + (rng.chance(0.3) ? 50 : 0),
      IS_MANUAL_OPPORTUNITY: 'Y',
      TAX_VALUE: 0,
      COMPANY_ID: companyId,
      CONTACT_ID: contactIds[0] ?? null,
      CONTACT_IDS: contactIds,
      BEGINDATE: dateOnly(created),
      CLOSEDATE: dateOnly(created + rng.int(7, 90) * DAY),
      COMMENTS: rng.chance(0.2) ? 'Follow up after the [B]site visit[/B].' : null,
      SOURCE_ID: rng.pick(['CALL', 'EMAIL', 'WEB', 'PARTNER', 'RECOMMENDATION']),
      OBSERVERS: [],
      MOVED_BY_ID: a.MODIFY_BY_ID,
      MOVED_TIME: a.DATE_MODIFY,
      UF_CRM_PROJECT_CODE: rng.chance(0.6) ? `PRJ-${String(1000 + id)}` : null,
      UF_CRM_REGION: rng.chance(0.8) && regions.length ? rng.pick(regions) : null,
      UF_CRM_PRIORITY_CUSTOMER: rng.chance(0.25) ? 1 : 0,
      UF_CRM_CONTRACT_DATE: stage.SEMANTICS === 'S' ? dateOnly(created + rng.int(10, 60) * DAY) : null,
      ...a,
    };
    if (!large && id === 3) doc.TITLE = '<img src=x onerror=alert(1)>';
    if (!large && id === 4) doc.UF_CRM_PROJECT_CODE = '<b onmouseover=alert(1)>x</b>';
    ins.doc(dealInfo, id, doc);
  }

  // Leads
  const leadStages = stagesOf(db, LEAD, 0);
  const leadCount = large ? 200 : 25;
  for (let i = 0; i < leadCount; i++) {
    const id = i + 1;
    const stage = rng.chance(0.75) ? leadStages[rng.int(0, 2)]! : rng.pick(leadStages.slice(3));
    const name = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const company = `${rng.pick(STEMS)} ${rng.pick(SUFFIXES)}`;
    const a = audit(rng, userMax);
    ins.doc(leadInfo, id, {
      TITLE: `${rng.pick(['Enquiry', 'Quote request', 'Website form', 'Trade fair contact'])}: ${company}`,
      NAME: name,
      LAST_NAME: last,
      COMPANY_TITLE: company,
      POST: rng.pick(POSTS),
      STATUS_ID: stage.STATUS_ID,
      STATUS_SEMANTIC_ID: semantic(stage),
      SOURCE_ID: rng.pick(['CALL', 'EMAIL', 'WEB', 'WEBFORM', 'TRADE_SHOW', 'ADVERTISING']),
      CURRENCY_ID: BASE_CURRENCY,
      OPPORTUNITY: rng.int(0, 300) * 100,
      IS_MANUAL_OPPORTUNITY: 'N',
      HAS_PHONE: 'Y',
      HAS_EMAIL: 'Y',
      HAS_IMOL: 'N',
      IS_RETURN_CUSTOMER: 'N',
      DATE_CLOSED: stage.SEMANTICS ? a.DATE_MODIFY : null,
      MOVED_BY_ID: a.MODIFY_BY_ID,
      MOVED_TIME: a.DATE_MODIFY,
      OBSERVERS: [],
      ...a,
    });
    ins.multi(LEAD, id, 'PHONE', 'WORK', phone(rng));
    ins.multi(LEAD, id, 'EMAIL', 'WORK', `${slug(name)}@${slug(company)}.example.com`);
  }

  // Smart-process items
  for (const [info, titles, count] of [
    [
      projectInfo,
      [
        'Warehouse automation',
        'New office in Aarhus',
        'CRM roll-out',
        'Trade fair stand',
        'Website relaunch',
        'Energy audit',
      ],
      large ? 50 : 12,
    ],
    [
      requestInfo,
      [
        'Printer not working',
        'Invoice question',
        'Spare part needed',
        'Installation visit',
        'Warranty claim',
        'Access card broken',
      ],
      large ? 50 : 15,
    ],
  ] as const) {
    const cat = info.type!.ENTITY_TYPE_ID;
    const category = db
      .prepare(`SELECT id FROM crm_category WHERE json_extract(data, '$.ENTITY_TYPE_ID') = ?`)
      .get(cat) as { id: number };
    const stages = stagesOf(db, cat, category.id);
    for (let i = 0; i < count; i++) {
      const id = i + 1;
      const stage = rng.pick(stages);
      const companyId = rng.chance(0.8) ? rng.int(1, companyCount) : null;
      const contactId = companyId ? ((contactsByCompany.get(companyId) ?? [])[0] ?? null) : null;
      const a = audit(rng, userMax, true);
      const created = Date.parse(a.CREATED_TIME as string);
      const doc: CrmDoc = {
        XML_ID: null,
        TITLE: `${rng.pick(titles)} #${id}`,
        CATEGORY_ID: category.id,
        STAGE_ID: stage.STATUS_ID,
        PREVIOUS_STAGE_ID: null,
        STAGE_SEMANTIC_ID: semantic(stage),
        BEGINDATE: dateOnly(created),
        CLOSEDATE: dateOnly(created + rng.int(14, 120) * DAY),
        COMPANY_ID: companyId,
        CONTACT_ID: contactId,
        CONTACT_IDS: contactId ? [contactId] : [],
        OPPORTUNITY: info === projectInfo ? rng.int(50, 2000) * 1000 : 0,
        IS_MANUAL_OPPORTUNITY: 'Y',
        TAX_VALUE: 0,
        CURRENCY_ID: BASE_CURRENCY,
        MYCOMPANY_ID: null,
        SOURCE_ID: null,
        OBSERVERS: rng.chance(0.3) ? [rng.int(1, userMax)] : [],
        ...a,
      };
      if (info === projectInfo) doc[`UF_CRM_${projects.id}_BUDGET`] = rng.int(10, 500) * 1000;
      ins.doc(info, id, doc);
    }
  }
  if (large) createCrmIndexes(db);
}
