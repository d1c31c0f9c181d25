import type { B24Client } from '../../b24/index.ts';
import { normalizeCrmFields, type CrmFieldDescription } from '../fields/normalize-fields.ts';
import type { CrmItemProvider, ListParams, RecordData } from '../types.ts';
import { assertId, changedFields, chunks, inIdOrder, pageOf, pageWindow, PORTAL_PAGE } from './shared.ts';

type Item = Record<string, unknown> & { id: number | string };

/** crm.item sends ids as numbers; everything else keeps the portal's types (numbers stay numbers). */
function toRecord(item: Item): RecordData {
  return { ...item, id: String(item.id) };
}

/** Keys the portal owns: never sent back on a write. */
const NOT_WRITABLE = new Set(['id', 'entityTypeId']);

function writable(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !NOT_WRITABLE.has(k)));
}

/**
 * The provider of one CRM entity type over `crm.item.*` (camelCase keys, real numbers, phones and
 * e-mails under `fm`). `useOriginalUfNames: 'N'` keeps custom fields camelCase (`ufCrm_REGION`,
 * `ufCrm3_BUDGET`) so records and field metadata share one naming. Every method is one REST call,
 * so reads issued in the same tick share one HTTP request (B24Client coalescing).
 * @example const deals = createCrmItemProvider(client, 2); const { data } = await deals.getList({ sort: { field: 'id', order: 'DESC' } });
 */
export function createCrmItemProvider(client: B24Client, entityTypeId: number): CrmItemProvider {
  const base = { entityTypeId, useOriginalUfNames: 'N' };

  const provider: CrmItemProvider = {
    kind: 'crm.item',
    entityTypeId,

    async getList(params: ListParams = {}) {
      const { start, perPage } = pageWindow(params);
      const answer = await client.call<{ items: Item[] }>('crm.item.list', {
        ...base,
        // '*' alone leaves custom fields out on real portals; 'ufCrm*' adds them.
        select: params.select ? ['id', ...params.select.filter((f) => f !== 'id')] : ['*', 'ufCrm*'],
        filter: params.filter ?? {},
        order: params.sort ? { [params.sort.field]: params.sort.order } : { id: 'DESC' },
        start,
      });
      const rows = (answer.result.items ?? []).map(toRecord);
      return pageOf(rows, start, perPage, answer.total);
    },

    async getOne(id) {
      assertId(id, 'crm.item.get');
      const answer = await client.call<{ item: Item }>('crm.item.get', { ...base, id });
      return toRecord(answer.result.item);
    },

    async getMany(ids) {
      const wanted = [...new Set(ids)].filter((id) => /^[1-9]\d*$/.test(id));
      // One call per 50 ids; issued together, they coalesce into one batch request.
      const pages = await Promise.all(
        chunks(wanted, PORTAL_PAGE).map((part) =>
          client.call<{ items: Item[] }>('crm.item.list', {
            ...base,
            select: ['*', 'ufCrm*'],
            filter: { '@id': part.map(Number) },
            start: -1,
          }),
        ),
      );
      return inIdOrder(
        ids,
        pages.flatMap((p) => (p.result.items ?? []).map(toRecord)),
      );
    },

    async create(data) {
      const answer = await client.call<{ item: Item }>('crm.item.add', { ...base, fields: writable(data) });
      return toRecord(answer.result.item);
    },

    async update(id, patch, previous) {
      assertId(id, 'crm.item.update');
      const fields = writable(changedFields(patch, previous));
      // Nothing changed: the portal would answer with the same record, so no request is spent.
      if (previous && Object.keys(fields).length === 0) return previous;
      const answer = await client.call<{ item: Item }>('crm.item.update', { ...base, id, fields });
      return toRecord(answer.result.item);
    },

    async delete(id) {
      assertId(id, 'crm.item.delete');
      await client.call('crm.item.delete', { entityTypeId, id });
    },

    async getFields() {
      const answer = await client.call<{ fields: Record<string, CrmFieldDescription> }>('crm.item.fields', base);
      return normalizeCrmFields(answer.result.fields ?? {}, entityTypeId);
    },

    moveStage(id, stageId) {
      return provider.update(id, { stageId });
    },
  };
  return provider;
}
