import { mutationOptions, useMutation } from '@tanstack/react-query';
import { multiFieldPatch, multiFieldsOf, sameMultiFields, type MultiFieldValue } from '../fields/multi-fields.ts';
import type { DataSource } from '../providers/data-source.ts';
import type { RecordData, RecordProvider, ResourceName } from '../types.ts';
import { invalidateFamily, writeRecord, type CacheSnapshot } from './cache.ts';
import { useDataSource } from './data-context.ts';
import { optimisticRecordWrite } from './record-write.ts';

/**
 * A record's version: crm.item `updatedTime` (the portal moves it on every write), tasks.task
 * `changedDate`; `''` when the record carries neither.
 * @example versionOf({ id: '7', updatedTime: '2024-07-22T18:00:08+02:00' }) // '2024-07-22T18:00:08+02:00'
 */
export function versionOf(record: RecordData): string {
  const v = record.updatedTime ?? record.changedDate;
  return typeof v === 'string' ? v : '';
}

/** One field both the user and someone in the portal changed since the form was opened. */
export interface FieldConflict {
  field: string;
  /** The value when the record was loaded. */
  original: unknown;
  /** The value the user is saving (as it goes on the wire; `fm` as the values it leaves). */
  mine: unknown;
  /** The value in the portal now. */
  portal: unknown;
}

/**
 * The record changed in the portal since it was loaded, in fields the user is saving too. Nothing was
 * written. `current` is the portal's record now: save again against it to keep the user's values, or drop
 * the conflicting fields to take the portal's.
 */
export class ConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly conflicts: FieldConflict[],
    readonly current: RecordData,
  ) {
    super(`Changed in the portal meanwhile: ${conflicts.map((c) => c.field).join(', ')}`);
    this.name = 'ConflictError';
  }
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || v === 0 || (Array.isArray(v) && v.length === 0);

/** `'2024-09-01'` and `'2024-09-01T00:00:00+02:00'` name the same date; a datetime without zone, the same wall clock. */
function sameMoment(a: string, b: string): boolean {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (date.test(a) || date.test(b)) return a.slice(0, 10) === b.slice(0, 10);
  const wall = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
  if (wall.test(a) || wall.test(b)) return a.slice(0, 16) === b.slice(0, 16);
  return false;
}

/**
 * Equality across the shapes a value takes between the portal's answer and a form (`7` and `'7'`, `0` and
 * `null` for an empty link, a date and its midnight datetime), so a field the user set to what the portal
 * already holds is no conflict.
 * @example sameValue(7, '7') // true; sameValue('2024-09-01', '2024-09-01T00:00:00+02:00') // true
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : [a];
    const y = Array.isArray(b) ? b : [b];
    return x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
  }
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  const s = String(a);
  const t = String(b);
  if (s === t) return true;
  if (s.trim() !== '' && t.trim() !== '' && Number(s) === Number(t)) return true;
  return sameMoment(s, t);
}

/** The values an `fm` patch leaves (what the user wants), for showing and comparing. */
function fmWanted(patch: unknown): MultiFieldValue[] {
  return multiFieldsOf(patch).filter((v) => v.value.trim() !== '');
}

/**
 * The fields of `patch` that the portal changed between `loaded` and `current` to something other than the
 * user's value. Same version (`updatedTime`) → none, without comparing.
 * @example findConflicts({ title: 'Mine' }, { id: '7', title: 'Old' }, { id: '7', title: 'Theirs' })
 * // [{ field: 'title', original: 'Old', mine: 'Mine', portal: 'Theirs' }]
 */
export function findConflicts(
  patch: Record<string, unknown>,
  loaded: RecordData,
  current: RecordData,
): FieldConflict[] {
  const version = versionOf(loaded);
  if (version && version === versionOf(current)) return [];
  const out: FieldConflict[] = [];
  for (const [field, mine] of Object.entries(patch)) {
    if (field === 'fm') {
      const original = multiFieldsOf(loaded.fm);
      const portal = multiFieldsOf(current.fm);
      const wanted = fmWanted(mine);
      if (!sameMultiFields(original, portal) && !sameMultiFields(portal, wanted))
        out.push({ field, original, mine: wanted, portal });
      continue;
    }
    if (!sameValue(loaded[field], current[field]) && !sameValue(current[field], mine))
      out.push({ field, original: loaded[field], mine, portal: current[field] });
  }
  return out;
}

/**
 * Writes `patch` (only the fields the user changed) unless the record changed in the portal in those
 * fields since `loaded` was read. crm.item.update has no "only if unmodified since", and a batch cannot make
 * the update depend on a read, so the record is read right before the update: one `crm.item.get`, then one
 * `crm.item.update` (none if the portal already holds every value). Fields the portal changed and the user
 * did not are not sent, so they are never overwritten.
 * @throws ConflictError with the diff and the portal's record; nothing is written then.
 * @example const saved = await saveRecord(source.provider('deals'), '7', { title: 'New' }, dealAsLoaded);
 */
export async function saveRecord(
  provider: RecordProvider,
  id: string,
  patch: Record<string, unknown>,
  loaded: RecordData,
): Promise<RecordData> {
  if (Object.keys(patch).length === 0) return loaded;
  const current = await provider.getOne(id);
  const conflicts = findConflicts(patch, loaded, current);
  if (conflicts.length > 0) throw new ConflictError(conflicts, current);
  return provider.update(id, patch, current);
}

/**
 * The patch that puts back what a save changed: for each field of the saved `patch`, its value `before`;
 * `fm` as the operations that restore the old values (removed ones come back with new ids). Save it with
 * `after` as the loaded record, so an undo never overwrites what someone changed since.
 * @example undoPatch({ title: 'New' }, { id: '7', title: 'Old' }, saved) // { title: 'Old' }
 */
export function undoPatch(
  patch: Record<string, unknown>,
  before: RecordData,
  after: RecordData,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(patch)) {
    if (field === 'fm') {
      const now = multiFieldsOf(after.fm);
      const ids = new Set(now.map((v) => v.id));
      const wanted = multiFieldsOf(before.fm).map(({ id, ...v }) => (id && ids.has(id) ? { id, ...v } : v));
      out.fm = multiFieldPatch(now, wanted);
    } else out[field] = before[field] ?? null;
  }
  return out;
}

export interface SaveRecordVariables {
  id: string;
  /** Only the fields the user changed, in the portal's write format. */
  patch: Record<string, unknown>;
  /** The record as the form was opened on (never a newer copy: that would hide what changed). */
  loaded: RecordData;
}

/**
 * The mutation options of useSaveRecord over a DataSource (tests mount them with a MutationObserver):
 * saveRecord, shown at once in the record and its lists and rolled back if the portal refuses or a conflict
 * is found. On a conflict the portal's record replaces the cached one (it is the newest read). Errors are
 * the form's to show (`meta.silent`).
 */
export function saveMutationOptions(source: DataSource, resource: ResourceName) {
  const base = optimisticRecordWrite<SaveRecordVariables>(
    resource,
    // `fm` goes out as operations, not as the values a record shows: it waits for the portal's answer.
    ({ patch: { fm: _fm, ...rest } }) => rest,
    (v) => saveRecord(source.provider(resource), v.id, v.patch, v.loaded),
  );
  return mutationOptions<RecordData, Error, SaveRecordVariables, CacheSnapshot>({
    ...base,
    onError: (error, variables, snapshot, context) => {
      base.onError?.(error, variables, snapshot, context);
      if (error instanceof ConflictError) writeRecord(context.client, resource, error.current);
    },
    // A conflict brought the newest record already: refreshing it again would cost a request for nothing.
    onSettled: (_record, error, variables, _snapshot, { client }) =>
      invalidateFamily(client, resource, error && !(error instanceof ConflictError) ? undefined : variables.id),
    meta: { silent: true },
  });
}

/**
 * Saves a form with conflict detection (saveRecord); see saveMutationOptions.
 * @example
 * const save = useSaveRecord('deals');
 * save.mutate({ id, patch, loaded }, { onError: (e) => e instanceof ConflictError && showConflicts(e.conflicts) });
 */
export function useSaveRecord(resource: ResourceName) {
  return useMutation(saveMutationOptions(useDataSource(), resource));
}
