import type { B24Client } from '../../b24/client.ts';
import { STORAGES_OPTION } from '../providers/card-storages.ts';
import { isPropertyType, type PropertyType } from './property-types.ts';

/**
 * One entry of the app option `kontor.storages` (a JSON array). The card tab and the task tab read
 * `{entity, title, crmProperty}` (app/data/providers/card-storages.ts): the items whose property
 * `crmProperty` holds a record's binding code show on that record's card. The storage browser adds
 * `properties` — the Kontor type of each property, which the portal cannot keep (property-types.ts).
 *
 * - A storage with one CRM-item property: one entry `{entity, title, crmProperty, properties}`.
 * - With several: one entry per CRM-item property (the card tab reads one property per entry); the first
 *   carries `properties`.
 * - With none: `{entity, title, properties}` — the card tab skips an entry without `crmProperty`.
 * - `readOnly: true` marks a storage Kontor writes itself (sync profiles, runs, history): the browser shows
 *   it but offers no edits. Fields Kontor does not know are kept as they are.
 */
export interface RegistryEntry {
  entity: string;
  title: string;
  crmProperty?: string;
  properties?: { code: string; type: PropertyType }[];
  readOnly?: boolean;
  [other: string]: unknown;
}

/** What the registry knows about one storage, merged over its entries. */
export interface StorageSchema {
  title: string;
  /** Property code → Kontor type. */
  types: Record<string, PropertyType>;
  crmProperties: string[];
  readOnly: boolean;
}

export { STORAGES_OPTION };

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The option's entries as stored (a JSON string, or the array a frame's init data already decoded).
 * Entries that are not objects with an `entity` string are dropped: they describe nothing Kontor can use.
 * @example parseRegistry('[{"entity":"visits","title":"Visits","crmProperty":"deal"}]')[0].crmProperty // 'deal'
 */
export function parseRegistry(raw: unknown): RegistryEntry[] {
  let value = raw;
  if (typeof value === 'string') {
    if (value.trim() === '') return [];
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is RegistryEntry => isObject(e) && typeof e.entity === 'string' && e.entity !== '',
  ) as RegistryEntry[];
}

/**
 * The schema of one storage from the registry's entries (null when none mentions it).
 * @example schemaOf(entries, 'visits')?.types // { deal: 'crm', visited: 'date' }
 */
export function schemaOf(entries: readonly RegistryEntry[], entity: string): StorageSchema | null {
  const mine = entries.filter((e) => e.entity === entity);
  if (mine.length === 0) return null;
  const types: Record<string, PropertyType> = {};
  const crmProperties: string[] = [];
  for (const e of mine) {
    for (const p of Array.isArray(e.properties) ? e.properties : [])
      if (isObject(p) && typeof p.code === 'string' && isPropertyType(p.type) && !(p.code in types))
        types[p.code] = p.type;
    if (typeof e.crmProperty === 'string' && e.crmProperty && !crmProperties.includes(e.crmProperty))
      crmProperties.push(e.crmProperty);
  }
  // A CRM property the card tab reads is a CRM item, whatever the schema omitted.
  for (const code of crmProperties) types[code] ??= 'crm';
  const titled = mine.find((e) => typeof e.title === 'string' && e.title.trim());
  return {
    title: titled ? String(titled.title).trim() : entity,
    types,
    crmProperties,
    readOnly: mine.some((e) => e.readOnly === true),
  };
}

/**
 * The entries with one storage's entries replaced (same position; appended when new). Fields of its first
 * entry that Kontor does not write (`readOnly`, anything another module added) are kept.
 * @example withStorage(entries, { entity: 'visits', title: 'Visits', properties: [{ code: 'deal', type: 'crm' }] })
 * // [..., { entity: 'visits', title: 'Visits', crmProperty: 'deal', properties: [{ code: 'deal', type: 'crm' }] }]
 */
export function withStorage(
  entries: readonly RegistryEntry[],
  storage: { entity: string; title: string; properties: readonly { code: string; type: PropertyType }[] },
): RegistryEntry[] {
  const at = entries.findIndex((e) => e.entity === storage.entity);
  const previous = at >= 0 ? entries[at]! : undefined;
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(previous ?? {}))
    if (!['entity', 'title', 'crmProperty', 'properties'].includes(k)) kept[k] = v;
  const properties = storage.properties.map((p) => ({ code: p.code, type: p.type }));
  const crm = properties.filter((p) => p.type === 'crm').map((p) => p.code);
  const base = { ...kept, entity: storage.entity, title: storage.title };
  const mine: RegistryEntry[] =
    crm.length === 0
      ? [{ ...base, properties }]
      : crm.map((code, i) => (i === 0 ? { ...base, crmProperty: code, properties } : { ...base, crmProperty: code }));
  const others = entries.filter((e) => e.entity !== storage.entity);
  const insertAt = at < 0 ? others.length : entries.slice(0, at).filter((e) => e.entity !== storage.entity).length;
  return [...others.slice(0, insertAt), ...mine, ...others.slice(insertAt)];
}

/** The entries without one storage's. */
export function withoutStorage(entries: readonly RegistryEntry[], entity: string): RegistryEntry[] {
  return entries.filter((e) => e.entity !== entity);
}

/**
 * The registry as the portal has it now (`app.option.get`, one call).
 * @example const entries = await readRegistry(client);
 */
export async function readRegistry(client: B24Client): Promise<RegistryEntry[]> {
  const { result } = await client.call('app.option.get', { option: STORAGES_OPTION });
  return parseRegistry(result);
}

/**
 * Reads the registry, applies `change` and writes it back as a JSON string (what the card tab and the
 * frame's `setAppOption` expect). Read right before the write, so another screen's change made meanwhile
 * is kept. `app.option.set` needs an administrator: a user who is not one gets the portal's refusal.
 * @example await updateRegistry(client, (entries) => withoutStorage(entries, 'visits'));
 */
export async function updateRegistry(
  client: B24Client,
  change: (entries: RegistryEntry[]) => RegistryEntry[],
): Promise<RegistryEntry[]> {
  const next = change(await readRegistry(client));
  await client.call('app.option.set', { options: { [STORAGES_OPTION]: JSON.stringify(next) } });
  return next;
}
