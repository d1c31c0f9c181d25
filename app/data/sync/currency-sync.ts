import { BATCH_MAX, BitrixError, toBitrixError, type BatchCommand } from '../../b24/index.ts';
import type { CurrencyFeed } from './currency-feed.ts';
import { FeedError, FeedRefused } from './feed-error.ts';
import type { PortalCurrency } from './portal-catalog.ts';
import { failureKind, readWithRetry, sleep, type SyncClient } from './sync-client.ts';

export type CurrencyRowStatus = 'update' | 'unchanged' | 'new' | 'base' | 'not-in-feed';

/** One currency of the dry run: AMOUNT (the value of AMOUNT_CNT units in the base currency) old → new. */
export interface CurrencyPlanRow {
  currency: string;
  name: string | null;
  status: CurrencyRowStatus;
  amountCnt: number;
  oldAmount: number | null;
  newAmount: number | null;
  /** newAmount − oldAmount. */
  change: number | null;
  /** Change in percent of the old amount. */
  changePercent: number | null;
  /** Line in the feed. */
  line: number | null;
}

export interface CurrencyPlan {
  /** The portal's base currency: every AMOUNT is in it. */
  base: string;
  feedBase: string;
  date: string | null;
  rows: CurrencyPlanRow[];
  counts: Record<CurrencyRowStatus, number>;
}

/** Portal precision of AMOUNT. */
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * The value of one unit of each feed currency in `base` (the portal's base currency). Refuses the
 * feed when it cannot reach `base`: a feed based on another currency must carry a rate for it.
 *
 * @example unitValues(ecbFeed, 'DKK').get('USD') // 6.92… (DKK per USD)
 */
export function unitValues(feed: CurrencyFeed, base: string): Map<string, number> {
  const feedBase = feed.base ?? base;
  const byCode = new Map(feed.rates.map((r) => [r.currency, r]));
  // Value of one unit of X in the feed's base currency.
  const inFeedBase = (x: { rate: number; amountCnt: number }) =>
    feed.quote === 'per-base' ? x.amountCnt / x.rate : x.rate / x.amountCnt;
  let feedBaseInPortalBase: number;
  if (feedBase === base) feedBaseInPortalBase = 1;
  else {
    const b = byCode.get(base);
    if (!b)
      throw new FeedRefused([
        new FeedError({
          code: 'NO_BASE_RATE',
          field: 'currency',
          value: base,
          message: `The feed's rates are in ${feedBase} and hold no rate for the portal's base currency ${base}: nothing can be converted`,
        }),
      ]);
    feedBaseInPortalBase = 1 / inFeedBase(b);
  }
  const out = new Map<string, number>();
  out.set(feedBase, feedBaseInPortalBase);
  for (const r of feed.rates) out.set(r.currency, inFeedBase(r) * feedBaseInPortalBase);
  out.set(base, 1);
  return out;
}

/**
 * AMOUNT_CNT for a currency the portal does not have yet: the feed's own count if it gave one, else
 * the smallest power of ten that makes the amount at least 1 (JPY, HUF: 100; IDR: 10,000).
 *
 * @example amountCntFor(0.0457) // 100
 */
export function amountCntFor(unitValue: number, fromFeed = 1): number {
  if (fromFeed > 1) return fromFeed;
  let cnt = 1;
  while (unitValue * cnt < 1 && cnt < 1_000_000) cnt *= 10;
  return cnt;
}

/**
 * The dry run of a currency feed: per currency the old and new AMOUNT for the portal's AMOUNT_CNT
 * (kept: SEK stays per 100), the change, and currencies the feed has but the portal does not (`new`,
 * addable). Portal currencies missing from the feed are listed and left alone.
 *
 * @example const plan = planCurrencies(feed, meta.currencies, meta.baseCurrency); plan.rows.filter((r) => r.status === 'update')
 */
export function planCurrencies(feed: CurrencyFeed, portal: readonly PortalCurrency[], base: string): CurrencyPlan {
  const values = unitValues(feed, base);
  const lines = new Map(feed.rates.map((r) => [r.currency, r]));
  const rows: CurrencyPlanRow[] = [];
  const byCode = new Map(portal.map((c) => [c.code, c]));
  for (const [code, unit] of values) {
    const have = byCode.get(code);
    const line = lines.get(code)?.line ?? null;
    if (code === base) {
      rows.push({
        currency: code,
        name: have?.name ?? null,
        status: 'base',
        amountCnt: 1,
        oldAmount: have ? have.amount : 1,
        newAmount: 1,
        change: 0,
        changePercent: 0,
        line,
      });
      continue;
    }
    const amountCnt = have ? have.amountCnt : amountCntFor(unit, lines.get(code)?.amountCnt ?? 1);
    const newAmount = round4(unit * amountCnt);
    const oldAmount = have ? have.amount : null;
    const change = oldAmount === null ? null : round4(newAmount - oldAmount);
    rows.push({
      currency: code,
      name: have?.name ?? null,
      status: !have ? 'new' : round4(oldAmount!) === newAmount ? 'unchanged' : 'update',
      amountCnt,
      oldAmount,
      newAmount,
      change,
      changePercent: oldAmount ? Math.round((change! / oldAmount) * 100_000) / 1000 : null,
      line,
    });
  }
  for (const c of portal)
    if (!values.has(c.code))
      rows.push({
        currency: c.code,
        name: c.name,
        status: c.base ? 'base' : 'not-in-feed',
        amountCnt: c.amountCnt,
        oldAmount: c.amount,
        newAmount: null,
        change: null,
        changePercent: null,
        line: null,
      });
  const rank: Record<CurrencyRowStatus, number> = { base: 0, update: 1, unchanged: 2, new: 3, 'not-in-feed': 4 };
  rows.sort((a, b) => rank[a.status] - rank[b.status] || a.currency.localeCompare(b.currency));
  const counts = { update: 0, unchanged: 0, new: 0, base: 0, 'not-in-feed': 0 };
  for (const r of rows) counts[r.status]++;
  return { base, feedBase: feed.base ?? base, date: feed.date, rows, counts };
}

export interface CurrencyApplyOptions {
  /** New currencies to add (`crm.currency.add`): their codes, or `all`. Default none. */
  add?: readonly string[] | 'all';
  signal?: AbortSignal;
}

export interface CurrencyApplyResult {
  status: 'done' | 'failed' | 'aborted';
  updated: string[];
  added: string[];
  failed: { currency: string; error: string }[];
  /** Batch requests sent (normally 1). */
  requests: number;
  error?: BitrixError;
}

function commandFor(row: CurrencyPlanRow): BatchCommand {
  if (row.status === 'new')
    return {
      method: 'crm.currency.add',
      params: {
        fields: {
          CURRENCY: row.currency,
          AMOUNT_CNT: row.amountCnt,
          AMOUNT: row.newAmount,
          SORT: 1000,
          LANG: { en: { FULL_NAME: row.currency, FORMAT_STRING: `# ${row.currency}`, DEC_POINT: '.', DECIMALS: 2 } },
        },
      },
    };
  return {
    method: 'crm.currency.update',
    params: { id: row.currency, fields: { AMOUNT_CNT: row.amountCnt, AMOUNT: row.newAmount } },
  };
}

/**
 * Writes a currency plan: every update (and every chosen add) in one `batch` request. A request
 * refused before it ran is sent again after a pause; one left unanswered is not re-sent blindly —
 * the currencies are read again and only what still differs (or is still missing) goes out again.
 *
 * @example const result = await applyCurrencyPlan(client, plan, { add: ['JPY'] }); result.updated
 */
export async function applyCurrencyPlan(
  client: SyncClient,
  plan: CurrencyPlan,
  options: CurrencyApplyOptions = {},
): Promise<CurrencyApplyResult> {
  const wantAdd = (code: string) => options.add === 'all' || (options.add ?? []).includes(code);
  let pending = plan.rows.filter((r) => r.status === 'update' || (r.status === 'new' && wantAdd(r.currency)));
  const out: CurrencyApplyResult = { status: 'done', updated: [], added: [], failed: [], requests: 0 };
  for (let round = 0; pending.length > 0; round++) {
    if (options.signal?.aborted) return { ...out, status: 'aborted' };
    if (round >= 5) {
      for (const r of pending) out.failed.push({ currency: r.currency, error: 'No answer from the portal' });
      return { ...out, status: 'failed' };
    }
    const next: CurrencyPlanRow[] = [];
    for (let i = 0; i < pending.length; i += BATCH_MAX) {
      const part = pending.slice(i, i + BATCH_MAX);
      try {
        out.requests++;
        const outcomes = await client.batch(part.map(commandFor));
        outcomes.forEach((o, k) => {
          const row = part[k]!;
          if (o.ok) (row.status === 'new' ? out.added : out.updated).push(row.currency);
          else if (failureKind(o.error) === 'refused')
            out.failed.push({ currency: row.currency, error: o.error.description || o.error.code });
          else next.push(row);
        });
      } catch (e) {
        const error = toBitrixError(e, 'batch');
        const kind = failureKind(error);
        if (kind === 'refused') return { ...out, status: 'failed', error };
        if (kind === 'not-run') {
          next.push(...part);
          await sleep(1000 * 2 ** round, options.signal).catch(() => undefined);
          continue;
        }
        // Unanswered: what the portal now has decides what is still to do.
        const now = await readWithRetry(() => readCurrencies(client), { signal: options.signal });
        for (const row of part) {
          const have = now.find((c) => c.code === row.currency);
          const done =
            row.status === 'new'
              ? !!have
              : have !== undefined && round4(have.amount) === row.newAmount && have.amountCnt === row.amountCnt;
          if (done) (row.status === 'new' ? out.added : out.updated).push(row.currency);
          else next.push(have && row.status === 'new' ? { ...row, status: 'update' } : row);
        }
      }
    }
    pending = next;
  }
  return out.failed.length > 0 ? { ...out, status: 'failed' } : out;
}

/**
 * The portal's currencies (`crm.currency.list`, one request).
 *
 * @example const list = await readCurrencies(client); list.find((c) => c.base)?.code // 'DKK'
 */
export async function readCurrencies(client: SyncClient): Promise<PortalCurrency[]> {
  const { result } = await client.call<Record<string, unknown>[]>('crm.currency.list', { order: { SORT: 'ASC' } });
  const num = (v: unknown, d: number) => (Number.isFinite(Number(v)) ? Number(v) : d);
  return (result ?? []).map((c) => ({
    code: String(c.CURRENCY),
    amountCnt: num(c.AMOUNT_CNT, 1),
    amount: num(c.AMOUNT, 1),
    base: c.BASE === 'Y',
    name: String(c.FULL_NAME ?? c.CURRENCY),
    sort: num(c.SORT, 100),
  }));
}
