import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { B24Client, BatchCommand } from '../../b24/client.ts';
import type { BitrixError } from '../../b24/errors.ts';
import { useB24Client } from '../../b24/react.tsx';
import { platformKeys } from './keys.ts';
import { runCommands } from './run-install.ts';

export interface KontorStorage {
  entity: string;
  name: string;
}

/** What "remove all Kontor data" would delete: app options with a value and the app's `entity.*` storages. */
export interface PurgeInventory {
  appOptions: string[];
  storages: KontorStorage[];
}

export interface PurgeReport {
  ok: boolean;
  failures: { what: string; error: BitrixError }[];
}

function asObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Lists Kontor's data on the portal (one batch request: `app.option.get` + `entity.get`).
 * @example const { appOptions, storages } = await getPurgeInventory(client);
 */
export async function getPurgeInventory(client: B24Client): Promise<PurgeInventory> {
  const [options, storages] = await Promise.all([client.call('app.option.get'), client.call('entity.get')]);
  const appOptions = Object.entries(asObject(options.result))
    .filter(([, v]) => v !== '' && v !== null && v !== undefined)
    .map(([k]) => k);
  const list = Array.isArray(storages.result) ? storages.result : [];
  return {
    appOptions,
    storages: list
      .map((s) => asObject(s))
      .map((s) => ({ entity: String(s.ENTITY ?? ''), name: String(s.NAME ?? s.ENTITY ?? '') })),
  };
}

/**
 * Removes Kontor's data: every `entity.*` storage of the app (`entity.delete`, items go with it) and every app
 * option. `app.option.*` has no delete, so each option is overwritten with `''`, which Kontor reads as "not set"
 * (the manifest default applies again). Users' own options (language) are personal and stay. Uninstalling the
 * app alone leaves all of this on the portal unless the admin ticks "clear data".
 * @example const report = await purgeKontorData(client); report.ok
 */
export async function purgeKontorData(client: B24Client): Promise<PurgeReport> {
  const inventory = await getPurgeInventory(client);
  const commands: BatchCommand[] = [];
  const what: string[] = [];
  if (inventory.appOptions.length > 0) {
    commands.push({
      method: 'app.option.set',
      params: { options: Object.fromEntries(inventory.appOptions.map((k) => [k, ''])) },
    });
    what.push('app options');
  }
  for (const s of inventory.storages) {
    commands.push({ method: 'entity.delete', params: { ENTITY: s.entity } });
    what.push(s.entity);
  }
  const results = await runCommands(client, commands);
  const failures = results.flatMap((r, i) => (r.ok ? [] : [{ what: what[i]!, error: r.error }]));
  return { ok: failures.length === 0, failures };
}

/** @example queryClient.fetchQuery(purgeInventoryQueryOptions(client)) */
export function purgeInventoryQueryOptions(client: B24Client) {
  return queryOptions({ queryKey: platformKeys.purgeInventory(), queryFn: () => getPurgeInventory(client) });
}

/**
 * What would be removed — for the confirmation dialog.
 * @example const { data } = usePurgeInventory(); data?.storages.map((s) => s.name)
 */
export function usePurgeInventory(enabled = true) {
  const client = useB24Client();
  return useQuery({ ...purgeInventoryQueryOptions(client), enabled });
}

/**
 * Removes all Kontor data; resolves with a report (`ok` false lists what could not be removed).
 * @example usePurgeKontorData().mutate();
 */
export function usePurgeKontorData() {
  const client = useB24Client();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => purgeKontorData(client),
    // Every cached option/inventory is stale now; CRM data is untouched.
    onSettled: () => queryClient.invalidateQueries({ queryKey: platformKeys.all }),
  });
}
