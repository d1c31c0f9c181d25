import type { BatchCommand, B24Client } from '../../b24/index.ts';
import type { AnyProvider, FieldMeta, RecordData } from '../types.ts';
import { chunks, PORTAL_PAGE } from './shared.ts';

/** One write of a bulk run: an update of some fields, or a delete. */
export type BulkCommandKind = 'update' | 'delete';

/** Keys the portal owns: never sent in a bulk update (the provider leaves them out of its writes too). */
const NOT_WRITABLE = new Set(['id', 'entityTypeId']);

/**
 * The REST command that writes one record of a bulk run — the same call the provider's `update` or
 * `delete` would make, as a batch command, so 50 of them share one HTTP request. Only `crm.item.*`
 * resources have bulk writes (the CRM workspace is the only place that offers them).
 * @example bulkCommand(source.provider('deals'), 'update', '7', { stageId: 'WON' })
 * // { method: 'crm.item.update', params: { entityTypeId: 2, useOriginalUfNames: 'N', id: 7, fields: { stageId: 'WON' } } }
 */
export function bulkCommand(
  provider: AnyProvider,
  kind: BulkCommandKind,
  id: string,
  fields: Record<string, unknown> = {},
): BatchCommand {
  if (provider.kind !== 'crm.item') throw new Error(`Bulk writes serve crm.item resources, not ${provider.kind}`);
  const { entityTypeId } = provider;
  if (kind === 'delete') return { method: 'crm.item.delete', params: { entityTypeId, id: Number(id) } };
  const writable = Object.fromEntries(Object.entries(fields).filter(([k]) => !NOT_WRITABLE.has(k)));
  return {
    method: 'crm.item.update',
    params: { entityTypeId, useOriginalUfNames: 'N', id: Number(id), fields: writable },
  };
}

/**
 * The fields a bulk dialog reads of each selected record: its name (for the per-row results) and,
 * where the type has them, its stage and pipeline (a deal only moves to stages of its own pipeline).
 * Only fields the type has are asked for: the portal refuses a `select` naming a field it lacks.
 * @example selectionFields(dealFields, 'title') // ['id', 'title', 'stageId', 'categoryId']
 */
export function selectionFields(fields: readonly FieldMeta[], titleField: string): string[] {
  const has = new Set(fields.map((f) => f.name));
  const wanted = [titleField, ...(titleField === 'lastName' ? ['name', 'secondName'] : []), 'stageId', 'categoryId'];
  return ['id', ...wanted.filter((name) => has.has(name))];
}

type Item = Record<string, unknown> & { id: number | string };

/**
 * A few fields of many records by id: one `crm.item.list` with `@id` per 50 ids and `start: -1`
 * (no COUNT). Issued together, the calls coalesce into one batch: 2,500 records a request. Ids the
 * portal does not know (deleted meanwhile) are simply missing from the answer.
 * @example const rows = await readSelection(client, 2, ['id', 'title', 'categoryId'], ids);
 */
export async function readSelection(
  client: B24Client,
  entityTypeId: number,
  select: string[],
  ids: readonly string[],
): Promise<RecordData[]> {
  const wanted = [...new Set(ids)].filter((id) => /^[1-9]\d*$/.test(id));
  const pages = await Promise.all(
    chunks(wanted, PORTAL_PAGE).map((part) =>
      client.call<{ items: Item[] }>('crm.item.list', {
        entityTypeId,
        useOriginalUfNames: 'N',
        select,
        filter: { '@id': part.map(Number) },
        start: -1,
      }),
    ),
  );
  return pages.flatMap((p) => (p.result.items ?? []).map((item) => ({ ...item, id: String(item.id) })));
}
