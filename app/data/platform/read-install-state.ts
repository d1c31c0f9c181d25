import type { B24Client } from '../../b24/client.ts';
import type { BoundPlacement, InstallState, SmartProcessType } from './install-plan.ts';

function asObject(v: unknown): Record<string, unknown> {
  // PHP sends an empty map as `[]`.
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function toBound(row: unknown): BoundPlacement {
  const r = asObject(row);
  const langAll: BoundPlacement['langAll'] = {};
  for (const [lang, texts] of Object.entries(asObject(r.langAll))) {
    const title = asObject(texts).TITLE;
    langAll[lang] = typeof title === 'string' ? { TITLE: title } : {};
  }
  return {
    placement: String(r.placement ?? ''),
    handler: String(r.handler ?? ''),
    title: String(r.title ?? ''),
    langAll,
  };
}

function toTypes(result: unknown): SmartProcessType[] {
  const types = asObject(result).types;
  return (Array.isArray(types) ? types : [])
    .map((t) => asObject(t))
    .map((t) => ({ entityTypeId: Number(t.entityTypeId), title: String(t.title ?? '') }))
    .filter((t) => Number.isInteger(t.entityTypeId) && t.entityTypeId > 0);
}

/**
 * Reads what the install plan depends on — `app.info`, `placement.get`, `crm.type.list` and `app.option.get` —
 * in one tick, so the B24Client sends them as one batch request. Needs an admin in application context
 * (`placement.get` is admin-only).
 * @example const state = await readInstallState(client); state.bound.length
 */
export async function readInstallState(client: B24Client): Promise<InstallState> {
  const [info, bound, types, options] = await Promise.all([
    client.call<Record<string, unknown>>('app.info'),
    client.call<unknown[]>('placement.get'),
    client.call('crm.type.list', { order: { id: 'ASC' } }),
    client.call('app.option.get'),
  ]);
  const smartProcesses = toTypes(types.result);
  // More than 50 smart processes: page on (rare; the first page came with the batch above).
  for (let next = types.next; next !== undefined;) {
    const page = await client.call('crm.type.list', { order: { id: 'ASC' }, start: next });
    smartProcesses.push(...toTypes(page.result));
    next = page.next;
  }
  return {
    installed: info.result?.INSTALLED === true,
    bound: (Array.isArray(bound.result) ? bound.result : []).map(toBound),
    smartProcesses,
    appOptions: asObject(options.result),
  };
}
