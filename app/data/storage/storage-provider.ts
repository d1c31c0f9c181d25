import { toBitrixError, type B24Client, type BatchCommand } from '../../b24/client.ts';
import { BitrixError } from '../../b24/errors.ts';
import { SYNC_STORAGES } from '../sync/entity-store.ts';
import { BITRIX_TYPE, typeFromBitrix, valueText, type PropertyType } from './property-types.ts';
import {
  parseRegistry,
  schemaOf,
  STORAGES_OPTION,
  updateRegistry,
  withoutStorage,
  withStorage,
  type StorageSchema,
} from './storage-registry.ts';
import type {
  CreateStorageReport,
  ItemInput,
  NewProperty,
  NewStorage,
  StorageDetail,
  StorageItem,
  StorageProperty,
  StorageSection,
  StorageSummary,
} from './types.ts';

type Row = Record<string, unknown>;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const idOrNull = (v: unknown) => (/^[1-9]\d*$/.test(text(v)) ? text(v) : null);
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? (result as Row[]) : []);

/**
 * The portal refused `entity.*` because the call did not come with an application token: Bitrix24 keeps app
 * storages to the app's own context (an inbound webhook gets `ACCESS_DENIED` "Application context required",
 * or `WRONG_AUTH_TYPE`). Kontor's frame has the token; the CLI over a webhook does not.
 * @example isAppContextRequired(error) // true for a webhook's entity.get
 */
export function isAppContextRequired(error: unknown): boolean {
  if (!(error instanceof BitrixError)) return false;
  return error.code === 'WRONG_AUTH_TYPE' || (error.isAccessDenied && /application context/i.test(error.description));
}

/** The storages the sync engine keeps (its profiles, runs and change history): shown, never edited here. */
const SYNC_ENTITIES: ReadonlySet<string> = new Set(Object.values(SYNC_STORAGES).map((s) => s.entity));

function summaryOf(row: Row, schema: StorageSchema | null): StorageSummary {
  const entity = text(row.ENTITY);
  const managedBy = SYNC_ENTITIES.has(entity) ? 'sync' : null;
  return {
    entity,
    name: text(row.NAME) || entity,
    registered: schema !== null,
    readOnly: managedBy !== null || (schema?.readOnly ?? false),
    managedBy,
  };
}

/**
 * Every storage of the app (`entity.get` + the registry, one batch request), by name.
 * @example const storages = await listStorages(client); storages.map((s) => s.name)
 */
export async function listStorages(client: B24Client): Promise<StorageSummary[]> {
  const [storages, option] = await Promise.all([
    client.call('entity.get'),
    client.call('app.option.get', { option: STORAGES_OPTION }),
  ]);
  const registry = parseRegistry(option.result);
  return rowsOf(storages.result)
    .map((row) => summaryOf(row, schemaOf(registry, text(row.ENTITY))))
    .sort((a, b) => a.name.localeCompare(b.name) || a.entity.localeCompare(b.entity));
}

function propertyOf(row: Row, schema: StorageSchema | null): StorageProperty {
  const code = text(row.PROPERTY);
  const bitrixType = text(row.TYPE).toUpperCase() || 'S';
  const known = schema?.types[code];
  // The schema's type counts only while the portal still stores the property the way that type needs.
  const type: PropertyType = known && BITRIX_TYPE[known] === bitrixType ? known : typeFromBitrix(bitrixType);
  return {
    code,
    name: text(row.NAME) || code,
    type,
    bitrixType,
    sort: Number(row.SORT) || 500,
    readOnly: bitrixType === 'F',
  };
}

function sectionOf(row: Row): StorageSection {
  return {
    id: text(row.ID),
    name: text(row.NAME),
    parentId: idOrNull(row.SECTION ?? row.IBLOCK_SECTION_ID),
    sort: Number(row.SORT) || 500,
  };
}

/**
 * One storage: its name, typed properties, sections and CRM-item properties, in one batch request
 * (`entity.get`, `entity.item.property.get`, `entity.section.get`, `app.option.get`). More than 50
 * sections cost one more request for all of them. A storage that does not exist rejects with
 * `ERROR_ENTITY_NOT_FOUND`.
 * @example const visits = await readStorage(client, 'visits'); visits.properties.map((p) => `${p.code}: ${p.type}`)
 */
export async function readStorage(client: B24Client, entity: string): Promise<StorageDetail> {
  const [storage, properties, sections, option] = await Promise.all([
    client.call('entity.get', { ENTITY: entity }),
    client.call('entity.item.property.get', { ENTITY: entity }),
    client.call('entity.section.get', { ENTITY: entity, SORT: { ID: 'ASC' } }),
    client.call('app.option.get', { option: STORAGES_OPTION }),
  ]);
  const row = Array.isArray(storage.result) ? (storage.result as Row[])[0] : (storage.result as Row | null);
  if (!row || typeof row !== 'object')
    throw new BitrixError('ERROR_ENTITY_NOT_FOUND', 'Entity not found', 400, 'entity.get');
  const schema = schemaOf(parseRegistry(option.result), entity);
  let sectionRows = rowsOf(sections.result);
  if (sectionRows.length >= 50) sectionRows = await client.listAll('entity.section.get', { ENTITY: entity });
  const props = rowsOf(properties.result)
    .map((p) => propertyOf(p, schema))
    .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
  return {
    ...summaryOf(row, schema),
    properties: props,
    sections: sectionRows.map(sectionOf).sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name)),
    crmProperties: props.filter((p) => p.type === 'crm').map((p) => p.code),
  };
}

/** An item row as Kontor shows it; values as text for their property's type. */
export function itemOf(row: Row, properties: readonly StorageProperty[]): StorageItem {
  const stored = row.PROPERTY_VALUES && typeof row.PROPERTY_VALUES === 'object' ? (row.PROPERTY_VALUES as Row) : {};
  const values: Record<string, string> = {};
  for (const p of properties) {
    // Real portals answer in the code's own case; match without it, as the portal does on write.
    const key = p.code in stored ? p.code : Object.keys(stored).find((k) => k.toLowerCase() === p.code.toLowerCase());
    values[p.code] = key === undefined ? '' : valueText(p.type, stored[key]);
  }
  return {
    id: text(row.ID),
    name: text(row.NAME),
    sectionId: idOrNull(row.SECTION ?? row.IBLOCK_SECTION_ID),
    values,
    active: row.ACTIVE !== 'N',
    modifiedAt: text(row.TIMESTAMP_X),
  };
}

/**
 * Every item row of a storage as the portal sends it, streamed with the ID cursor (`entity.item.get`, one
 * request per 2,500 items, ascending ids).
 * @example const rows = await readItemRows(client, 'visits'); rows.map((r) => itemOf(r, detail.properties))
 */
export async function readItemRows(client: B24Client, entity: string): Promise<Row[]> {
  return client.listAll<Row>('entity.item.get', { ENTITY: entity });
}

/**
 * Every item of a storage, typed by its properties.
 * @example const items = await readItems(client, 'visits', detail.properties);
 */
export async function readItems(
  client: B24Client,
  entity: string,
  properties: readonly StorageProperty[],
): Promise<StorageItem[]> {
  return (await readItemRows(client, entity)).map((row) => itemOf(row, properties));
}

/** The fields of `entity.item.add` / `update` for an item. */
export function itemFields(entity: string, input: ItemInput): Record<string, unknown> {
  return {
    ENTITY: entity,
    NAME: input.name.trim(),
    // 0 takes an item out of its section (SECTION '' would be ignored by an update).
    SECTION: input.sectionId ? Number(input.sectionId) : 0,
    PROPERTY_VALUES: { ...input.values },
  };
}

/** The item read back by id in the same batch as the write that changed it. */
function readBack(client: B24Client, entity: string, id: unknown) {
  return client.call('entity.item.get', { ENTITY: entity, FILTER: { ID: id } });
}

function firstItem(result: unknown, properties: readonly StorageProperty[], method: string): StorageItem {
  const row = rowsOf(result)[0];
  if (!row) throw new BitrixError('NOT_FOUND', 'The item is gone', 400, method);
  return itemOf(row, properties);
}

/**
 * Adds an item and reads it back, in one batch request (the read takes the new id by `$result` reference).
 * @example const item = await addItem(client, 'visits', props, { name: 'Site visit', sectionId: null, values: { deal: 'D_12' } });
 */
export async function addItem(
  client: B24Client,
  entity: string,
  properties: readonly StorageProperty[],
  input: ItemInput,
): Promise<StorageItem> {
  const added = client.call<number>('entity.item.add', itemFields(entity, input));
  const read = readBack(client, entity, client.ref(added));
  const [, answer] = await Promise.all([added, read]);
  return firstItem(answer.result, properties, 'entity.item.add');
}

/**
 * Writes an item's name, section and values and reads it back, in one batch request.
 * @example await updateItem(client, 'visits', props, '5', { name: 'Second visit', sectionId: '2', values: { visited: '2026-03-25' } });
 */
export async function updateItem(
  client: B24Client,
  entity: string,
  properties: readonly StorageProperty[],
  id: string,
  input: ItemInput,
): Promise<StorageItem> {
  const [, answer] = await Promise.all([
    client.call('entity.item.update', { ...itemFields(entity, input), ID: Number(id) }),
    readBack(client, entity, Number(id)),
  ]);
  return firstItem(answer.result, properties, 'entity.item.update');
}

/** @example await deleteItem(client, 'visits', '5'); */
export async function deleteItem(client: B24Client, entity: string, id: string): Promise<void> {
  await client.call('entity.item.delete', { ENTITY: entity, ID: Number(id) });
}

/** Progress of a bulk write, after each request (and once before the first). */
export interface WriteProgress {
  total: number;
  done: number;
  failed: number;
}

export interface BulkAddResult {
  /** The new item's id per input, in order; null where the portal refused it or it was never sent. */
  ids: (string | null)[];
  /** Inputs the portal refused, by index. */
  failures: { index: number; error: BitrixError }[];
  /** Inputs never sent: a whole request failed (its outcome unknown: see `stoppedBy`) or `signal` aborted. */
  notAttempted: number[];
  stoppedBy: BitrixError | null;
}

export const WRITE_CHUNK = 50;

/**
 * Adds many items through `batch`: 50 `entity.item.add` a request, one request after another, the
 * progress after each. Adds are sent once (app/b24/write-policy.ts). A request that fails as a whole
 * stops the run: its items and every later one are reported not attempted, with the error (after a
 * transport failure the portal may have written some of that request — the caller says so).
 * @example const result = await addItems(client, 'visits', rows, { onProgress: setProgress });
 */
export async function addItems(
  client: B24Client,
  entity: string,
  inputs: readonly ItemInput[],
  { onProgress, signal }: { onProgress?: (p: WriteProgress) => void; signal?: AbortSignal } = {},
): Promise<BulkAddResult> {
  const result: BulkAddResult = { ids: inputs.map(() => null), failures: [], notAttempted: [], stoppedBy: null };
  const progress = { total: inputs.length, done: 0, failed: 0 };
  onProgress?.({ ...progress });
  for (let start = 0; start < inputs.length; start += WRITE_CHUNK) {
    const chunk = inputs.slice(start, start + WRITE_CHUNK);
    if (signal?.aborted) {
      for (let i = start; i < inputs.length; i++) result.notAttempted.push(i);
      break;
    }
    const commands: BatchCommand[] = chunk.map((input) => ({
      method: 'entity.item.add',
      params: itemFields(entity, input),
    }));
    try {
      const outcomes = await client.batch(commands);
      outcomes.forEach((o, k) => {
        const index = start + k;
        if (o.ok) result.ids[index] = text(o.value.result);
        else {
          result.failures.push({ index, error: o.error });
          progress.failed++;
        }
      });
      progress.done += chunk.length;
      onProgress?.({ ...progress });
    } catch (e) {
      result.stoppedBy = toBitrixError(e, 'batch');
      for (let i = start; i < inputs.length; i++) result.notAttempted.push(i);
      break;
    }
  }
  return result;
}

/** Runs commands in one batch request and gives each one's error (or null). */
async function runAll(client: B24Client, calls: { method: string; params: Record<string, unknown> }[]) {
  return Promise.all(
    calls.map((c) =>
      client.call(c.method, c.params).then(
        () => null,
        (e: unknown) => toBitrixError(e, c.method),
      ),
    ),
  );
}

/**
 * Brings the storage's registry entries in step with the portal (its name, every property with its type,
 * `types` overriding what the portal's own type would suggest), or removes them; reports rather than
 * throws a refusal — the storage change itself is done by then.
 */
async function syncRegistry(
  client: B24Client,
  entity: string,
  { types = {}, remove = false }: { types?: Record<string, PropertyType>; remove?: boolean } = {},
): Promise<BitrixError | null> {
  try {
    if (remove) {
      await updateRegistry(client, (entries) => withoutStorage(entries, entity));
      return null;
    }
    const detail = await readStorage(client, entity);
    await updateRegistry(client, (entries) =>
      withStorage(entries, {
        entity,
        title: detail.name,
        properties: detail.properties.map((p) => ({ code: p.code, type: types[p.code] ?? p.type })),
      }),
    );
    return null;
  } catch (e) {
    return toBitrixError(e, 'app.option.set');
  }
}

/** Grants of a new storage: every employee may read and write items (the card tabs of all users show
 * them); managing it (properties, deleting) stays with its creator and administrators. */
const NEW_STORAGE_ACCESS = { AU: 'W' };

/**
 * Creates a storage with typed properties and lists it in `kontor.storages`: `entity.add`, then every
 * `entity.item.property.add` in one batch request, then the registry (read + write). A refused property or
 * registry write is reported, not thrown — the storage exists by then.
 * @example
 * const report = await createStorage(client, { entity: 'visits', name: 'Visits',
 *   properties: [{ code: 'deal', name: 'Deal', type: 'crm' }, { code: 'visited', name: 'Visited', type: 'date' }] });
 */
export async function createStorage(client: B24Client, input: NewStorage): Promise<CreateStorageReport> {
  await client.call('entity.add', { ENTITY: input.entity, NAME: input.name.trim(), ACCESS: NEW_STORAGE_ACCESS });
  const errors = await runAll(
    client,
    input.properties.map((p, i) => ({
      method: 'entity.item.property.add',
      params: {
        ENTITY: input.entity,
        PROPERTY: p.code,
        NAME: p.name.trim() || p.code,
        TYPE: BITRIX_TYPE[p.type],
        SORT: (i + 1) * 100,
      },
    })),
  );
  const propertyFailures = errors.flatMap((error, i) => (error ? [{ code: input.properties[i]!.code, error }] : []));
  const failed = new Set(propertyFailures.map((f) => f.code));
  let registryError: BitrixError | null = null;
  try {
    await updateRegistry(client, (entries) =>
      withStorage(entries, {
        entity: input.entity,
        title: input.name.trim(),
        properties: input.properties.filter((p) => !failed.has(p.code)).map((p) => ({ code: p.code, type: p.type })),
      }),
    );
  } catch (e) {
    registryError = toBitrixError(e, 'app.option.set');
  }
  return { entity: input.entity, propertyFailures, registryError };
}

/** What a change of a storage did to the registry: null, or why `kontor.storages` could not follow. */
export interface RegistryOutcome {
  registryError: BitrixError | null;
}

/**
 * Renames a storage (its code stays) and its title in `kontor.storages`.
 * @example await renameStorage(client, 'visits', 'Site visits');
 */
export async function renameStorage(client: B24Client, entity: string, name: string): Promise<RegistryOutcome> {
  await client.call('entity.update', { ENTITY: entity, NAME: name.trim() });
  return { registryError: await syncRegistry(client, entity) };
}

/**
 * Deletes a storage with all its items, properties and sections, and takes it out of `kontor.storages`.
 * @example await deleteStorage(client, 'visits');
 */
export async function deleteStorage(client: B24Client, entity: string): Promise<RegistryOutcome> {
  await client.call('entity.delete', { ENTITY: entity });
  return { registryError: await syncRegistry(client, entity, { remove: true }) };
}

/**
 * Adds a typed property and records its Kontor type.
 * @example await addProperty(client, 'visits', { code: 'owner', name: 'Owner', type: 'user' });
 */
export async function addProperty(client: B24Client, entity: string, p: NewProperty): Promise<RegistryOutcome> {
  await client.call('entity.item.property.add', {
    ENTITY: entity,
    PROPERTY: p.code,
    NAME: p.name.trim() || p.code,
    TYPE: BITRIX_TYPE[p.type],
  });
  return { registryError: await syncRegistry(client, entity, { types: { [p.code]: p.type } }) };
}

/** @example await renameProperty(client, 'visits', 'owner', 'Visited by'); */
export async function renameProperty(client: B24Client, entity: string, code: string, name: string): Promise<void> {
  await client.call('entity.item.property.update', { ENTITY: entity, PROPERTY: code, NAME: name.trim() });
}

/**
 * Deletes a property (its values go with it) and drops it from `kontor.storages`.
 * @example await deleteProperty(client, 'visits', 'owner');
 */
export async function deleteProperty(client: B24Client, entity: string, code: string): Promise<RegistryOutcome> {
  await client.call('entity.item.property.delete', { ENTITY: entity, PROPERTY: code });
  return { registryError: await syncRegistry(client, entity) };
}

/** @example const id = await addSection(client, 'visits', { name: 'North', parentId: null }); */
export async function addSection(
  client: B24Client,
  entity: string,
  input: { name: string; parentId: string | null },
): Promise<string> {
  const { result } = await client.call('entity.section.add', {
    ENTITY: entity,
    NAME: input.name.trim(),
    ...(input.parentId ? { SECTION: Number(input.parentId) } : {}),
  });
  return text(result);
}

/** @example await renameSection(client, 'visits', '3', 'North region'); */
export async function renameSection(client: B24Client, entity: string, id: string, name: string): Promise<void> {
  await client.call('entity.section.update', { ENTITY: entity, ID: Number(id), NAME: name.trim() });
}

/**
 * Deletes a section. Empty it first: a real portal's iblock removes a section's items and subsections with
 * it, the screens therefore only offer this for a section without either.
 * @example await deleteSection(client, 'visits', '3');
 */
export async function deleteSection(client: B24Client, entity: string, id: string): Promise<void> {
  await client.call('entity.section.delete', { ENTITY: entity, ID: Number(id) });
}
