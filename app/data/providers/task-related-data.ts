import { toBitrixError, type B24Client, type BitrixError } from '../../b24/index.ts';
import type { CardStorage } from './card-storages.ts';

/** An item of a custom data storage that references one of the task's CRM records. */
export interface RelatedDataItem {
  id: string;
  name: string;
  /** The binding code it references (`D_12`). */
  code: string;
  /** Property code → value as text, without the reference property itself. */
  values: Record<string, string>;
}

/** One storage's items, or why the portal would not give them (the other storages still show). */
export interface RelatedData {
  storage: CardStorage;
  items: { ok: true; data: RelatedDataItem[] } | { ok: false; error: BitrixError };
}

type Row = Record<string, unknown>;

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(valueText).filter(Boolean).join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function itemOf(row: Row, storage: CardStorage): RelatedDataItem {
  const props = row.PROPERTY_VALUES && typeof row.PROPERTY_VALUES === 'object' ? (row.PROPERTY_VALUES as Row) : {};
  const values: Record<string, string> = {};
  let code = '';
  for (const [key, value] of Object.entries(props)) {
    if (key.toLowerCase() === storage.crmProperty.toLowerCase()) code = valueText(value);
    else if (valueText(value)) values[key] = valueText(value);
  }
  return { id: valueText(row.ID), name: valueText(row.NAME), code, values };
}

/**
 * The custom data related to a task: in each storage of the app option `kontor.storages` (see
 * card-storages.ts), the items whose reference property holds one of the task's CRM binding codes — the
 * same convention the CRM card tab reads. One `entity.item.get` per storage, all in the same tick (one
 * batch); a storage the portal refuses (deleted, no access) fails alone.
 * @example await readRelatedData(client, [{ entity: 'visits', title: 'Visits', crmProperty: 'crm' }], ['D_12'])
 * // [{ storage: {…}, items: { ok: true, data: [{ id: '5', name: 'Site visit', code: 'D_12', values: { date: '…' } }] } }]
 */
export async function readRelatedData(
  client: B24Client,
  storages: readonly CardStorage[],
  codes: readonly string[],
): Promise<RelatedData[]> {
  if (codes.length === 0) return storages.map((storage) => ({ storage, items: { ok: true, data: [] } }));
  return Promise.all(
    storages.map((storage) =>
      client
        .call('entity.item.get', {
          ENTITY: storage.entity,
          FILTER: { [`PROPERTY_${storage.crmProperty}`]: [...codes] },
          SORT: { ID: 'DESC' },
        })
        .then(
          ({ result }): RelatedData => ({
            storage,
            items: {
              ok: true,
              data: (Array.isArray(result) ? (result as Row[]) : []).map((row) => itemOf(row, storage)),
            },
          }),
          (e: unknown): RelatedData => ({ storage, items: { ok: false, error: toBitrixError(e, 'entity.item.get') } }),
        ),
    ),
  );
}
