import type { B24Client } from '../../b24/index.ts';
import type { FieldOption } from '../types.ts';
import { PORTAL_PAGE } from './shared.ts';

/** A currency of the portal (`crm.currency.list` row), for money inputs. */
export interface Currency {
  /** ISO code: what records carry in `currencyId`. */
  id: string;
  /** The portal's name in its language (`Danish krone`); `''` when it has none. */
  name: string;
  /** The portal's base currency (new records get it). */
  base: boolean;
}

interface CurrencyRow {
  CURRENCY: string;
  FULL_NAME?: string | null;
  BASE?: string;
  SORT?: string | number;
}

/**
 * The portal's currencies in its own order (`crm.currency.list` has no paging: one call).
 * @example const [base] = (await readCurrencies(client)).filter((c) => c.base); base.id // 'DKK'
 */
export async function readCurrencies(client: B24Client): Promise<Currency[]> {
  const { result } = await client.call<CurrencyRow[]>('crm.currency.list', { order: { SORT: 'ASC' } });
  return result.map((r) => ({ id: r.CURRENCY, name: r.FULL_NAME ?? '', base: r.BASE === 'Y' }));
}

interface StatusRow {
  STATUS_ID: string;
  NAME: string;
}

/**
 * The entries of one `crm.status` dictionary (`SOURCE`, `DEAL_TYPE`, `INDUSTRY`, …) as options: `id`
 * is the value records carry (`STATUS_ID`), `value` the portal's name. More than 50 entries cost one
 * more request per 50 (a lone call carries no `next`, so a full page means "read on").
 * @example (await readStatuses(client, 'SOURCE')).find((o) => o.id === 'CALL')?.value // 'Call'
 */
export async function readStatuses(client: B24Client, entityId: string): Promise<FieldOption[]> {
  const out: FieldOption[] = [];
  for (let start = 0; ; start += PORTAL_PAGE) {
    const { result } = await client.call<StatusRow[]>('crm.status.list', {
      filter: { ENTITY_ID: entityId },
      order: { SORT: 'ASC' },
      ...(start ? { start } : {}),
    });
    out.push(...result.map((r) => ({ id: r.STATUS_ID, value: r.NAME })));
    if (result.length < PORTAL_PAGE) break;
  }
  return out;
}
