import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { multiFieldPatch, multiFieldsOf } from '../fields/multi-fields.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { RecordData } from '../types.ts';
import { recordKeys } from './keys.ts';
import { createQueryClient } from './query-client.ts';
import {
  ConflictError,
  findConflicts,
  sameValue,
  saveMutationOptions,
  saveRecord,
  undoPatch,
  versionOf,
  type SaveRecordVariables,
} from './save-record.ts';

// Saving with conflict detection against a real sandbox (demo seed) over HTTPS through the SDK. "Someone in
// the portal" is the admin's webhook (t.hook), which bypasses the code under test.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
});
afterAll(async () => t?.close());
beforeEach(() => sandbox.clearLog());

const deals = () => source.provider('deals');

/** A record as the portal holds it, read over the webhook (not through the code under test). */
async function portalItem(entityTypeId: number, id: string, original = false): Promise<Record<string, unknown>> {
  const res = await t.hook('crm.item.get', { entityTypeId, id, useOriginalUfNames: original ? 'Y' : 'N' });
  expect(res.status).toBe(200);
  return (res.body.result as { item: Record<string, unknown> }).item;
}

/** Someone else edits the record in the portal. */
async function portalUpdate(entityTypeId: number, id: string, fields: Record<string, unknown>) {
  const res = await t.hook('crm.item.update', { entityTypeId, id, fields });
  expect(res.status).toBe(200);
}

async function newDeal(fields: Record<string, unknown>): Promise<RecordData> {
  const created = await deals().create(fields);
  await sandbox.clearLog();
  return created;
}

describe('saveRecord', () => {
  it('without a change in the portal: one read of the version, then one update', async () => {
    const loaded = await newDeal({ title: 'Quiet deal', opportunity: 100 });
    const saved = await saveRecord(deals(), loaded.id, { title: 'Quiet deal, renamed', opportunity: 250 }, loaded);
    expect(saved).toMatchObject({ id: loaded.id, title: 'Quiet deal, renamed', opportunity: 250 });
    expect(requests(await sandbox.log())).toEqual(['crm.item.get', 'crm.item.update']);
    expect(await portalItem(2, loaded.id)).toMatchObject({ title: 'Quiet deal, renamed', opportunity: 250 });
    expect(versionOf(saved)).not.toBe(versionOf(loaded));
  });

  it('costs nothing for an empty patch, and no update when the portal already holds the values', async () => {
    const loaded = await newDeal({ title: 'Same values' });
    expect(await saveRecord(deals(), loaded.id, {}, loaded)).toBe(loaded);
    expect(await sandbox.log()).toEqual([]);
    await saveRecord(deals(), loaded.id, { title: 'Same values' }, loaded);
    expect(requests(await sandbox.log())).toEqual(['crm.item.get']);
  });

  it('refuses with a ConflictError carrying field / mine / portal / original when the portal changed the same field', async () => {
    const loaded = await newDeal({ title: 'Conflict deal', opportunity: 1000, comments: 'first' });
    await portalUpdate(2, loaded.id, { opportunity: 2000 });
    await sandbox.clearLog();

    const error = await saveRecord(
      deals(),
      loaded.id,
      { opportunity: 1500, title: 'Conflict deal (mine)' },
      loaded,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError;
    // Only the field both sides changed; the title changed on this side alone.
    expect(conflict.conflicts).toEqual([{ field: 'opportunity', original: 1000, mine: 1500, portal: 2000 }]);
    expect(conflict.current).toMatchObject({ id: loaded.id, opportunity: 2000, title: 'Conflict deal' });
    // Nothing was written: one read, no update.
    expect(requests(await sandbox.log())).toEqual(['crm.item.get']);
    expect(await portalItem(2, loaded.id)).toMatchObject({ opportunity: 2000, title: 'Conflict deal' });
  });

  it('keeps mine: saving again against the portal’s record writes the user’s values', async () => {
    const loaded = await newDeal({ title: 'Keep mine', opportunity: 10 });
    await portalUpdate(2, loaded.id, { opportunity: 20, title: 'Keep mine (portal)' });
    const conflict = (await saveRecord(deals(), loaded.id, { opportunity: 30 }, loaded).catch(
      (e: unknown) => e,
    )) as ConflictError;
    expect(conflict.conflicts.map((c) => c.field)).toEqual(['opportunity']);
    await sandbox.clearLog();

    const saved = await saveRecord(deals(), loaded.id, { opportunity: 30 }, conflict.current);
    expect(saved).toMatchObject({ opportunity: 30, title: 'Keep mine (portal)' });
    expect(requests(await sandbox.log())).toEqual(['crm.item.get', 'crm.item.update']);
    expect(await portalItem(2, loaded.id)).toMatchObject({ opportunity: 30, title: 'Keep mine (portal)' });
  });

  it('a change in the portal to other fields is no conflict, and is not overwritten', async () => {
    const loaded = await newDeal({ title: 'Merge me', comments: 'before' });
    await portalUpdate(2, loaded.id, { comments: 'written in the portal' });
    const saved = await saveRecord(deals(), loaded.id, { title: 'Merged' }, loaded);
    expect(saved).toMatchObject({ title: 'Merged', comments: 'written in the portal' });
    expect(await portalItem(2, loaded.id)).toMatchObject({ title: 'Merged', comments: 'written in the portal' });
  });

  it('a portal change to the very value the user saves is no conflict', async () => {
    const loaded = await newDeal({ title: 'Agree', opportunity: 5 });
    await portalUpdate(2, loaded.id, { opportunity: 7 });
    await sandbox.clearLog();
    const saved = await saveRecord(deals(), loaded.id, { opportunity: '7' }, loaded);
    expect(saved.opportunity).toBe(7);
    expect(requests(await sandbox.log())).toEqual(['crm.item.get', 'crm.item.update']);
  });

  it('edits a custom field (ufCrm…) round trip: string, enumeration, boolean and date', async () => {
    const fields = await deals().getFields();
    const region = fields.find((f) => f.name === 'ufCrm_REGION')!;
    expect(region.items!.length).toBeGreaterThan(1);
    const loaded = await newDeal({ title: 'Custom fields' });
    const patch = {
      ufCrm_PROJECT_CODE: 'PRJ-4242',
      ufCrm_REGION: Number(region.items![1]!.id),
      ufCrm_PRIORITY_CUSTOMER: 'Y',
      ufCrm_CONTRACT_DATE: '2025-03-14',
    };
    const saved = await saveRecord(deals(), loaded.id, patch, loaded);
    expect(saved).toMatchObject({
      ufCrm_PROJECT_CODE: 'PRJ-4242',
      ufCrm_REGION: Number(region.items![1]!.id),
      ufCrm_PRIORITY_CUSTOMER: 'Y',
    });
    const stored = await portalItem(2, loaded.id, true);
    expect(stored).toMatchObject({
      UF_CRM_PROJECT_CODE: 'PRJ-4242',
      UF_CRM_REGION: Number(region.items![1]!.id),
      UF_CRM_PRIORITY_CUSTOMER: 'Y',
    });
    expect(String(stored.UF_CRM_CONTRACT_DATE)).toMatch(/^2025-03-14T/);

    // And back (the undo of that save): every custom field as it was.
    await saveRecord(deals(), loaded.id, undoPatch(patch, loaded, saved), saved);
    expect(await portalItem(2, loaded.id)).toMatchObject({
      ufCrm_PROJECT_CODE: loaded.ufCrm_PROJECT_CODE ?? null,
      ufCrm_REGION: loaded.ufCrm_REGION ?? null,
      ufCrm_PRIORITY_CUSTOMER: loaded.ufCrm_PRIORITY_CUSTOMER,
      ufCrm_CONTRACT_DATE: loaded.ufCrm_CONTRACT_DATE ?? null,
    });
  });

  it('adds, edits and removes phones and e-mails (fm) round trip, and undoes it', async () => {
    const contacts = source.provider('contacts');
    const loaded = await contacts.create({
      name: 'Multi',
      lastName: 'Fields',
      fm: [
        { typeId: 'PHONE', valueType: 'WORK', value: '+45 1111 1111' },
        { typeId: 'EMAIL', valueType: 'WORK', value: 'multi@example.com' },
      ],
    });
    const before = multiFieldsOf(loaded.fm);
    expect(before.map((v) => [v.typeId, v.valueType, v.value])).toEqual([
      ['PHONE', 'WORK', '+45 1111 1111'],
      ['EMAIL', 'WORK', 'multi@example.com'],
    ]);
    const phone = before.find((v) => v.typeId === 'PHONE')!;
    // Edit the phone's type and number, drop the e-mail, add a mobile and a home e-mail.
    const wanted = [
      { ...phone, valueType: 'MOBILE', value: '+45 2222 2222' },
      { typeId: 'PHONE', valueType: 'HOME', value: '+45 3333 3333' },
      { typeId: 'EMAIL', valueType: 'HOME', value: 'home@example.com' },
    ];
    const patch = { fm: multiFieldPatch(before, wanted) };
    const saved = await saveRecord(contacts, loaded.id, patch, loaded);

    const stored = multiFieldsOf((await portalItem(3, loaded.id)).fm);
    expect(stored.map((v) => [v.typeId, v.valueType, v.value]).sort()).toEqual(
      [
        ['EMAIL', 'HOME', 'home@example.com'],
        ['PHONE', 'HOME', '+45 3333 3333'],
        ['PHONE', 'MOBILE', '+45 2222 2222'],
      ].sort(),
    );
    // The edited phone kept its id: it was changed, not replaced.
    expect(stored.find((v) => v.value === '+45 2222 2222')?.id).toBe(phone.id);
    expect(multiFieldsOf(saved.fm)).toEqual(stored);

    await saveRecord(contacts, loaded.id, undoPatch(patch, loaded, saved), saved);
    const restored = multiFieldsOf((await portalItem(3, loaded.id)).fm);
    expect(restored.map((v) => [v.typeId, v.valueType, v.value]).sort()).toEqual(
      before.map((v) => [v.typeId, v.valueType, v.value]).sort(),
    );
  });

  it('reports a conflict on fm when the portal changed the phones too', async () => {
    const contacts = source.provider('contacts');
    const loaded = await contacts.create({
      lastName: 'Phones',
      fm: [{ typeId: 'PHONE', valueType: 'WORK', value: '+45 1000 0000' }],
    });
    const [phone] = multiFieldsOf(loaded.fm);
    await portalUpdate(3, loaded.id, {
      fm: [{ id: phone!.id, typeId: 'PHONE', valueType: 'WORK', value: '+45 9999 0000' }],
    });
    const patch = { fm: multiFieldPatch(multiFieldsOf(loaded.fm), [{ ...phone!, value: '+45 5555 0000' }]) };
    const error = (await saveRecord(contacts, loaded.id, patch, loaded).catch((e: unknown) => e)) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.conflicts).toEqual([
      {
        field: 'fm',
        original: [phone],
        mine: [{ ...phone, value: '+45 5555 0000' }],
        portal: [{ ...phone, value: '+45 9999 0000' }],
      },
    ]);
  });
});

describe('useSaveRecord (mutation options)', () => {
  let queryClient: QueryClient;
  beforeEach(() => {
    queryClient = createQueryClient({ retry: false });
  });

  it('on a conflict rolls the optimistic value back and caches the portal’s record', async () => {
    const loaded = await newDeal({ title: 'Cache me', opportunity: 1 });
    queryClient.setQueryData(recordKeys.one('deals', loaded.id), loaded);
    await portalUpdate(2, loaded.id, { opportunity: 2 });
    // What useSaveRecord mounts, over this test's source.
    const mutation = new MutationObserver(queryClient, saveMutationOptions(source, 'deals'));
    const error = await mutation
      .mutate({ id: loaded.id, patch: { opportunity: 3 }, loaded } satisfies SaveRecordVariables)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(queryClient.getQueryData<RecordData>(recordKeys.one('deals', loaded.id))?.opportunity).toBe(2);
    expect(mutation.getCurrentResult().error).toBe(error);
  });

  it('on success caches the portal’s answer', async () => {
    const loaded = await newDeal({ title: 'Answer me' });
    const mutation = new MutationObserver(queryClient, saveMutationOptions(source, 'deals'));
    const saved = await mutation.mutate({ id: loaded.id, patch: { title: 'Answered' }, loaded });
    expect(queryClient.getQueryData<RecordData>(recordKeys.one('deals', loaded.id))).toEqual(saved);
  });
});

describe('comparing values', () => {
  it('treats the shapes of one value alike', () => {
    expect(sameValue(7, '7')).toBe(true);
    expect(sameValue(0, null)).toBe(true);
    expect(sameValue('', undefined)).toBe(true);
    expect(sameValue([1, 2], ['1', '2'])).toBe(true);
    expect(sameValue('2024-09-01', '2024-09-01T00:00:00+02:00')).toBe(true);
    expect(sameValue('2024-09-01T10:30', '2024-09-01T10:30:00+02:00')).toBe(true);
    expect(sameValue('2024-09-01', '2024-09-02T00:00:00+02:00')).toBe(false);
    expect(sameValue('a', 'b')).toBe(false);
    expect(sameValue([1], [1, 2])).toBe(false);
    expect(sameValue('Y', 'N')).toBe(false);
  });

  it('finds no conflict without a new version, and only overlapping changes with one', () => {
    const loaded = { id: '1', updatedTime: 'v1', a: 1, b: 1 };
    expect(findConflicts({ a: 2 }, loaded, { ...loaded, a: 5 })).toEqual([]);
    expect(findConflicts({ a: 2 }, loaded, { ...loaded, updatedTime: 'v2', b: 5 })).toEqual([]);
    expect(findConflicts({ a: 2 }, loaded, { ...loaded, updatedTime: 'v2', a: 5 })).toEqual([
      { field: 'a', original: 1, mine: 2, portal: 5 },
    ]);
  });
});
