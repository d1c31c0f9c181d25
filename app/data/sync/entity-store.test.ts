import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import { EntitySyncStore, SYNC_STORAGES } from './entity-store.ts';
import { runCatalogSync } from './run-sync.ts';
import type { SyncProfile } from './sync-store.ts';
import { appClient, feedOf } from './testing/sync-sandbox.ts';

let t: TestSandbox;
let sb: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  t = await startTestSandbox();
  sb = sandboxClient(t);
});
afterAll(() => t?.close());

describe('EntitySyncStore (app context)', () => {
  it('creates its storages once, keeps profiles, runs and the change history in entity.*', async () => {
    const { client } = await appClient(t);
    const store = new EntitySyncStore(client);
    await sb.clearLog();
    const profile: SyncProfile = {
      name: 'ERP nightly',
      kind: 'catalog',
      source: { location: 'https://erp.example/export.csv', delimiter: ';' },
      mapping: { columns: { sku: 'externalId', title: 'name', net: 'price', colour: 'ignore' } },
      responsibleId: '1',
      schedule: '0 2 * * *',
    };
    await store.saveProfile(profile);
    // Probe (storages + their properties) and create, then the profile lookup and add.
    expect(requests(await sb.log())).toEqual([
      'batch:entity.get,entity.item.property.get,entity.item.property.get,entity.item.property.get',
      `batch:${['entity.add', 'entity.add', 'entity.add', ...Array(18).fill('entity.item.property.add')].sort().join(',')}`,
      'entity.item.get',
      'entity.item.add',
    ]);
    await store.saveProfile({ ...profile, fullFeed: true });
    expect(await store.listProfiles()).toEqual([{ ...profile, fullFeed: true }]);
    expect(await store.getProfile('ERP nightly')).toMatchObject({ fullFeed: true, mapping: profile.mapping });
    expect(await store.getProfile('nope')).toBeNull();
    const storages = (await client.call<{ ENTITY: string }[]>('entity.get')).result.map((s) => s.ENTITY);
    expect(storages).toEqual(expect.arrayContaining(Object.values(SYNC_STORAGES).map((s) => s.entity)));

    // A fresh store (another process) finds the storages in one request.
    const other = new EntitySyncStore(client);
    await sb.clearLog();
    await other.listRuns();
    expect(requests(await sb.log())).toEqual([
      'batch:entity.get,entity.item.property.get,entity.item.property.get,entity.item.property.get',
      'entity.item.get',
    ]);
  });

  it('logs a catalog run with its counts and item-level history; an expired token is refreshed', async () => {
    const { client } = await appClient(t);
    const store = new EntitySyncStore(client);
    const lines = ['external_id,name,price'];
    for (let i = 1; i <= 120; i++) lines.push(`ENT-${i},Stored ${i},${i}`);
    await client.call('entity.get');
    await t.raw('/sandbox/api/expire-tokens', { method: 'POST', body: '{}' });
    await sb.clearLog();
    const result = await runCatalogSync({
      client,
      store,
      profile: { name: 'entity-run', kind: 'catalog' },
      feed: feedOf(lines.join('\n')),
    });
    expect(result.status).toBe('done');
    // The first request met the expired token (401, not run); the SDK refreshed and sent it again.
    expect((await sb.log())[0]).toMatchObject({ status: 401, error: 'expired_token' });
    expect(result.warnings).toEqual([]);
    const [run] = await store.listRuns({ profile: 'entity-run' });
    expect(run).toMatchObject({
      id: result.run!.id,
      status: 'done',
      kind: 'catalog',
      dryRun: false,
      counts: { created: 120, failed: 0, total: 120, done: 120 },
      summary: expect.stringContaining('120 created'),
    });
    expect(run!.finishedAt).not.toBeNull();
    const history = await store.listChanges({ externalId: 'ENT-77' });
    expect(history).toEqual([
      expect.objectContaining({
        runId: run!.id,
        action: 'create',
        ok: true,
        changes: expect.arrayContaining([{ field: 'price', from: null, to: 77 }]),
      }),
    ]);
    expect((await store.listChanges({ runId: run!.id, limit: 1000 })).length).toBe(120);
  });

  it('is refused over a webhook, as Bitrix24 refuses entity.* to webhooks', async () => {
    const store = new EntitySyncStore(sb.client);
    await expect(store.listProfiles()).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
  });
});
