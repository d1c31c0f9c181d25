import type { FieldMeta, ResourceName } from '../../../data/types.ts';

/** A resource a CRM-link field may point to, and how its values name a record of it. */
export interface LinkTarget {
  resource: ResourceName;
  entityTypeId: number;
  /** `CO` for `CO_3`: a link field that may point to several entity types prefixes its values. */
  prefix?: string;
}

const STATIC: Record<number, { resource: ResourceName; abbr: string; setting: string }> = {
  1: { resource: 'leads', abbr: 'L', setting: 'LEAD' },
  2: { resource: 'deals', abbr: 'D', setting: 'DEAL' },
  3: { resource: 'contacts', abbr: 'C', setting: 'CONTACT' },
  4: { resource: 'companies', abbr: 'CO', setting: 'COMPANY' },
};

const BY_TYPE: Record<string, number> = { crm_lead: 1, crm_deal: 2, crm_contact: 3, crm_company: 4 };

/**
 * The resource of a CRM entity type: leads, deals, contacts, companies, smart processes (`sp-1030`); null for
 * types Kontor does not serve (quotes, invoices).
 * @example resourceOfEntityType(4) // 'companies'
 */
export function resourceOfEntityType(entityTypeId: number): ResourceName | null {
  if (STATIC[entityTypeId]) return STATIC[entityTypeId].resource;
  return entityTypeId >= 128 ? `sp-${entityTypeId}` : null;
}

/** The binding prefix of an entity type (rest.md §11): `L`, `D`, `C`, `CO`, smart processes `T` + hex. */
function abbrOf(entityTypeId: number): string {
  return STATIC[entityTypeId]?.abbr ?? `T${entityTypeId.toString(16)}`;
}

/**
 * Where a CRM-link field points: `companyId` → companies, `contactIds` → contacts, `parentId1030` → the smart
 * process 1030, a custom `crm` field → the types its settings allow (`{COMPANY: 'Y', DYNAMIC_1030: 'Y'}`),
 * prefixed (`CO_3`) when more than one is allowed. Empty for links Kontor cannot pick (quotes).
 * @example linkTargets({ name: 'companyId', type: 'crm_company', … }) // [{ resource: 'companies', entityTypeId: 4 }]
 */
export function linkTargets(field: FieldMeta): LinkTarget[] {
  const parent = /^parentId(\d+)$/.exec(field.name);
  const single = parent ? Number(parent[1]) : BY_TYPE[field.type];
  if (single !== undefined) {
    const resource = resourceOfEntityType(single);
    return resource ? [{ resource, entityTypeId: single }] : [];
  }
  if (field.type !== 'crm' && field.type !== 'crm_entity') return [];
  const settings = field.settings ?? {};
  const allowed: number[] = [];
  for (const [id, s] of Object.entries(STATIC)) if (settings[s.setting] === 'Y') allowed.push(Number(id));
  for (const [key, v] of Object.entries(settings)) {
    const dynamic = /^DYNAMIC_(\d+)$/.exec(key);
    if (dynamic && v === 'Y') allowed.push(Number(dynamic[1]));
  }
  const prefixed = allowed.length > 1;
  return allowed.flatMap((entityTypeId) => {
    const resource = resourceOfEntityType(entityTypeId);
    return resource ? [{ resource, entityTypeId, ...(prefixed ? { prefix: abbrOf(entityTypeId) } : {}) }] : [];
  });
}

/**
 * The record a link value names: `CO_3` → companies 3, `7` → the only target's record 7; null for a value
 * that names none of the targets.
 * @example linkRef('CO_3', targets) // { target: { resource: 'companies', … }, id: '3' }
 */
export function linkRef(value: string, targets: readonly LinkTarget[]): { target: LinkTarget; id: string } | null {
  const m = /^([A-Za-z0-9]+)_(\d+)$/.exec(value);
  if (m) {
    const target = targets.find((t) => t.prefix?.toUpperCase() === m[1]!.toUpperCase());
    return target ? { target, id: m[2]! } : null;
  }
  if (/^[1-9]\d*$/.test(value) && targets.length >= 1 && !targets[0]!.prefix) return { target: targets[0]!, id: value };
  return null;
}

/** The value that names a record of a target (`CO_3` or `3`). */
export function linkValue(target: LinkTarget, id: string): string {
  return target.prefix ? `${target.prefix}_${id}` : id;
}
