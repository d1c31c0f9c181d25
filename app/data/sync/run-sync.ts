import { BitrixError, toBitrixError } from '../../b24/index.ts';
import { applyCatalogPlan, type ApplyResult, type ItemResult } from './apply-catalog.ts';
import { parseCatalogFeed, type CatalogFormat } from './catalog-feed.ts';
import { parseCurrencyFeed, type CurrencyFormat } from './currency-feed.ts';
import { applyCurrencyPlan, planCurrencies, type CurrencyApplyResult, type CurrencyPlan } from './currency-sync.ts';
import { FeedError, FeedRefused } from './feed-error.ts';
import { feedHash, type FeedFile } from './load-feed.ts';
import { autoMapping } from './mapping.ts';
import type { SyncNotifier } from './notify.ts';
import { runSummary } from './notify.ts';
import { planCatalog, type CatalogPlan } from './plan-catalog.ts';
import {
  productSelect,
  readPortalMeta,
  readPortalProducts,
  readPortalSections,
  type PortalCurrency,
  type PortalSection,
} from './portal-catalog.ts';
import { pacedClient, readWithRetry, RequestPacer, sleep, type RatePlan, type SyncClient } from './sync-client.ts';
import {
  emptyCounts,
  MAX_RUN_ERRORS,
  type ChangeRecord,
  type RunError,
  type RunRecord,
  type RunStatus,
  type SyncProfile,
  type SyncStore,
} from './sync-store.ts';
import { validateCatalog } from './validate-catalog.ts';

export type SyncPhase = 'parse' | 'read' | 'plan' | 'sections' | 'products' | 'currencies' | 'log' | 'done';

export interface SyncProgress {
  phase: SyncPhase;
  total: number;
  done: number;
  created: number;
  updated: number;
  deactivated: number;
  failed: number;
  sections: number;
  /** Products read so far (phase `read`). */
  read: number;
  /** Time left in ms (null while unknown). */
  etaMs: number | null;
}

export interface SyncRunOptions {
  client: SyncClient;
  /** Where the run is logged; none: not logged (a one-off dry run). */
  store?: SyncStore | null;
  profile: SyncProfile;
  feed: FeedFile;
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Sends the summary (syncNotifier); failures are reported as warnings, never fail the run. */
  notify?: SyncNotifier | null;
  /**
   * The portal's rate limit (RATE_PLANS.standard for most portals): every request of the run waits
   * for it, so the run itself never meets QUERY_LIMIT_EXCEEDED. null: not paced.
   */
  rateLimit?: RatePlan | null;
  /** A pacer shared with other requests of the caller (the CLI's run log); takes precedence over `rateLimit`. */
  pacer?: RequestPacer | null;
  /** A run still `running` and checkpointed more recently than this is taken as alive elsewhere (default 2 min). */
  staleAfterMs?: number;
}

interface SyncResultBase {
  status: RunStatus;
  run: RunRecord | null;
  /** Why the feed was refused (status `refused`). */
  errors: FeedError[];
  /** Refusal faults left out of `errors`. */
  moreErrors: number;
  /** What stopped a failed run. */
  error: BitrixError | null;
  summary: string;
  /** Problems that did not change the outcome (the log or the notification could not be written). */
  warnings: string[];
  /** HTTP requests the run sent (counted by the pacer; 0 when not paced). */
  requests: number;
}

export interface CatalogSyncResult extends SyncResultBase {
  plan: CatalogPlan | null;
  apply: ApplyResult | null;
}

export interface CurrencySyncResult extends SyncResultBase {
  plan: CurrencyPlan | null;
  apply: CurrencyApplyResult | null;
}

const now = () => new Date().toISOString();

const toRunError = (e: FeedError): RunError => ({ ...e.toJSON() });

function itemChange(runId: string, r: ItemResult): ChangeRecord {
  return {
    runId,
    externalId: r.externalId,
    productId: r.productId,
    action: r.action,
    ok: r.ok,
    changes: r.changes,
    ...(r.error ? { error: r.error } : {}),
    at: now(),
  };
}

/**
 * The run log and its checkpoints, tolerant of a store that fails: the sync goes on, the changes not
 * logged yet stay pending for the next checkpoint, and the final one is retried. What could not be
 * logged in the end is a warning on the result.
 */
class RunLog {
  run: RunRecord | null = null;
  readonly warnings: string[] = [];
  private pending: ChangeRecord[] = [];
  private last = 0;
  /** The run could not be created yet (its id is a local stand-in). */
  private unlogged = false;
  private failures = 0;
  private lastError = '';

  constructor(private readonly store: SyncStore | null) {}

  /** Records the run (or reopens the one resumed); `final` for a run recorded once, already finished. */
  async start(run: Omit<RunRecord, 'id'>, resume: RunRecord | null, final = false): Promise<void> {
    this.last = Date.now();
    if (resume) {
      this.run = { ...resume, status: 'running', updatedAt: now(), finishedAt: null };
      await this.flush({ force: true });
      return;
    }
    this.run = { ...run, id: `local-${Date.now().toString(36)}` };
    if (!this.store) return;
    this.unlogged = true;
    await this.flush({ force: true, final });
  }

  async changes(list: ChangeRecord[]): Promise<void> {
    this.pending.push(...list);
    if (!this.store) return;
    if (Date.now() - this.last >= this.store.checkpointEveryMs || this.pending.length >= 2000) await this.flush();
  }

  /** Saves the run and the pending changes; `final` retries (4 tries) and reports what stayed unlogged. */
  async flush({ force = false, final = false }: { force?: boolean; final?: boolean } = {}): Promise<void> {
    if (!this.store || !this.run || (!force && !final && this.pending.length === 0)) return;
    for (let attempt = 1; ; attempt++) {
      const batch = this.pending.slice();
      this.run.updatedAt = now();
      try {
        let created: RunRecord | null = null;
        if (this.unlogged) {
          const { id: _local, ...record } = this.run;
          created = await this.store.createRun(record);
          this.run.id = created.id;
          for (const c of this.pending) c.runId = created.id;
          this.unlogged = false;
        }
        // A run just created holds its state already: only changes need a checkpoint.
        if (!created || batch.length > 0) await this.store.checkpoint(this.run, batch);
        this.pending = this.pending.slice(batch.length);
        this.last = Date.now();
        if (final && this.failures > 0)
          this.warnings.push(
            `Writing the run log failed ${this.failures} time(s) during the run (${this.lastError}); it was written afterwards, some history entries may be there twice`,
          );
        return;
      } catch (e) {
        this.failures++;
        this.lastError = e instanceof Error ? e.message : String(e);
        if (!final || attempt >= 4) break;
        await sleep(1000 * 2 ** (attempt - 1));
      }
    }
    if (final)
      this.warnings.push(
        this.unlogged
          ? `The run could not be logged: ${this.lastError}`
          : `The run log is incomplete: ${this.pending.length} changes and the final state could not be written (${this.lastError})`,
      );
  }
}

/** The previous unfinished run of a profile: resumed when it had the same feed, else closed as interrupted. */
async function unfinishedRun(
  store: SyncStore | null,
  profile: string,
  hash: string,
  staleAfterMs: number,
  log: RunLog,
): Promise<{ resume: RunRecord | null; busy: RunRecord | null }> {
  if (!store) return { resume: null, busy: null };
  let runs: RunRecord[] = [];
  try {
    runs = await store.listRuns({ profile, limit: 10 });
  } catch (e) {
    log.warnings.push(`Earlier runs could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return { resume: null, busy: null };
  }
  const last = runs.find((r) => !r.dryRun && r.status !== 'refused');
  if (!last || !['running', 'failed', 'aborted'].includes(last.status)) return { resume: null, busy: null };
  if (last.status === 'running' && Date.now() - Date.parse(last.updatedAt) < staleAfterMs)
    return { resume: null, busy: last };
  if (last.feedHash === hash) return { resume: last, busy: null };
  if (last.status === 'running')
    await store.checkpoint({ ...last, status: 'interrupted', finishedAt: last.updatedAt }, []).catch(() => undefined);
  return { resume: null, busy: null };
}

function refusedResult<T extends CatalogSyncResult | CurrencySyncResult>(
  base: Omit<T, keyof SyncResultBase>,
  refusal: FeedRefused,
  run: RunRecord | null,
  warnings: string[],
  requests: number,
): T {
  return {
    ...base,
    status: 'refused',
    run,
    errors: refusal.errors,
    moreErrors: refusal.more,
    error: null,
    summary: run ? runSummary(run) : refusal.message,
    warnings,
    requests,
  } as T;
}

/**
 * One catalog sync, as the workspace and the CLI run it: read the feed, check it against the portal,
 * plan (dry run) and, unless `dryRun`, write; log the run and its changes in `store`; notify.
 *
 * - A bad feed (any fault of validateCatalog or planning) is refused whole: nothing is written.
 * - A run left unfinished (failed, cancelled, tab closed) with the same feed is resumed: its run record
 *   continues and planning against the portal skips what is already written.
 *
 * @example
 * const result = await runCatalogSync({ client, store, profile, feed: await fetchFeed(url), rateLimit: RATE_PLANS.standard, onProgress });
 * result.status // 'done'
 */
export async function runCatalogSync(options: SyncRunOptions): Promise<CatalogSyncResult> {
  const { profile, store = null, signal } = options;
  const pacer = options.pacer ?? (options.rateLimit ? new RequestPacer(options.rateLimit) : null);
  const client = pacer ? pacedClient(options.client, pacer, signal) : options.client;
  const log = new RunLog(store);
  const progress: SyncProgress = {
    phase: 'parse',
    total: 0,
    done: 0,
    created: 0,
    updated: 0,
    deactivated: 0,
    failed: 0,
    sections: 0,
    read: 0,
    etaMs: null,
  };
  const emit = (patch: Partial<SyncProgress>) => {
    Object.assign(progress, patch);
    options.onProgress?.({ ...progress });
  };
  const hash = feedHash(options.feed.bytes);
  const startedAt = now();
  const base = { plan: null as CatalogPlan | null, apply: null as ApplyResult | null };
  const record = (status: RunStatus, patch: Partial<RunRecord> = {}): Omit<RunRecord, 'id'> => ({
    profile: profile.name,
    kind: 'catalog',
    status,
    dryRun: !!options.dryRun,
    startedAt,
    updatedAt: now(),
    finishedAt: status === 'running' ? null : now(),
    feedHash: hash,
    source: options.feed.name,
    counts: emptyCounts(),
    errors: [],
    summary: null,
    ...patch,
  });
  const logRefusal = async (refusal: FeedRefused): Promise<CatalogSyncResult> => {
    let run: RunRecord | null = null;
    if (store) {
      const r = record('refused', { errors: refusal.errors.slice(0, MAX_RUN_ERRORS).map(toRunError) });
      r.summary = runSummary({ ...r, id: '' });
      await log.start(r, null, true);
      run = log.run;
    }
    return refusedResult<CatalogSyncResult>(base, refusal, run, log.warnings, pacer?.requests ?? 0);
  };
  const fail = async (e: unknown, run: RunRecord | null): Promise<CatalogSyncResult> => {
    const aborted = !!signal?.aborted;
    const error = aborted ? null : toBitrixError(e);
    return {
      ...base,
      status: aborted ? 'aborted' : 'failed',
      run,
      errors: [],
      moreErrors: 0,
      error,
      summary: aborted
        ? `Kontor catalog sync "${profile.name}" cancelled before writing.`
        : `Kontor catalog sync "${profile.name}" failed before writing: ${error!.message}`,
      warnings: log.warnings,
      requests: pacer?.requests ?? 0,
    };
  };

  // 1. The feed itself.
  emit({ phase: 'parse' });
  let feed;
  try {
    const source = profile.source ?? {};
    feed = parseCatalogFeed(options.feed.bytes, {
      name: options.feed.name,
      format: source.format === 'ecb' ? 'xml' : (source.format as CatalogFormat | 'auto' | undefined),
      encoding: source.encoding,
      delimiter: source.delimiter,
      decimal: source.decimal,
    });
  } catch (e) {
    if (e instanceof FeedRefused) return logRefusal(e);
    throw e;
  }

  // 2. The portal: catalog, price type, currencies; then the feed against them.
  emit({ phase: 'read' });
  let meta;
  try {
    meta = await readPortalMeta(client, { iblockId: profile.iblockId, signal });
  } catch (e) {
    return fail(e, null);
  }
  const mapping = profile.mapping ?? autoMapping(feed.columns);
  const currencies = new Set(meta.currencies.map((c) => c.code));
  const defaultCurrency = (profile.defaultCurrency ?? meta.baseCurrency).toUpperCase();
  const checked = validateCatalog(feed, mapping, { currencies, defaultCurrency });
  if (!currencies.has(defaultCurrency))
    checked.errors.unshift(
      new FeedError({
        code: 'UNKNOWN_CURRENCY',
        field: 'defaultCurrency',
        value: defaultCurrency,
        message: `The profile's default currency ${defaultCurrency} does not exist on the portal`,
      }),
    );
  if (checked.errors.length > 0) return logRefusal(new FeedRefused(checked.errors));

  // 3. Plan against the portal's products (one request per 2,500), prices and sections.
  let plan: CatalogPlan;
  try {
    const fields = Object.values(mapping.columns);
    const [products, sections] = await Promise.all([
      readPortalProducts(client, {
        iblockId: meta.iblockId,
        select: productSelect(fields, !!profile.fullFeed),
        priceTypeId: fields.includes('price') || fields.includes('currency') ? meta.priceTypeId : undefined,
        signal,
        onProgress: (read) => emit({ read }),
      }),
      fields.includes('section')
        ? readWithRetry(() => readPortalSections(client, meta.iblockId, signal), { signal })
        : Promise.resolve([] as PortalSection[]),
    ]);
    emit({ phase: 'plan' });
    plan = planCatalog(checked.rows, products, sections, mapping, {
      iblockId: meta.iblockId,
      priceTypeId: meta.priceTypeId,
      fullFeed: profile.fullFeed,
    });
  } catch (e) {
    return fail(e, null);
  }
  base.plan = plan;
  if (plan.errors.length > 0) return logRefusal(new FeedRefused(plan.errors));
  const conflicts: RunError[] = plan.items
    .filter((i) => i.action === 'conflict')
    .map((i) => ({ externalId: i.externalId, line: i.line, message: i.reason ?? 'conflict' }));
  const planned = {
    ...emptyCounts(),
    total: plan.counts.create + plan.counts.update + plan.counts.deactivate,
    created: plan.counts.create,
    updated: plan.counts.update,
    deactivated: plan.counts.deactivate,
    unchanged: plan.counts.unchanged,
    failed: plan.counts.conflict,
  };

  if (options.dryRun) {
    const r = record('planned', { counts: planned, errors: conflicts.slice(0, MAX_RUN_ERRORS) });
    const summary = runSummary({ ...r, id: '' });
    if (store) await log.start({ ...r, summary }, null, true);
    emit({ phase: 'done', total: planned.total });
    return {
      ...base,
      status: 'planned',
      run: log.run,
      errors: [],
      moreErrors: 0,
      error: null,
      summary,
      warnings: log.warnings,
      requests: pacer?.requests ?? 0,
    };
  }

  // 4. Write, logging as it goes; a run of the same feed left unfinished is continued.
  const { resume, busy } = await unfinishedRun(store, profile.name, hash, options.staleAfterMs ?? 120_000, log);
  if (busy)
    return fail(
      new BitrixError(
        'SYNC_BUSY',
        `Run ${busy.id} of profile "${profile.name}" is still running (last checkpoint ${busy.updatedAt})`,
        0,
      ),
      busy,
    );
  await log.start(
    record('running', { counts: { ...planned, created: 0, updated: 0, deactivated: 0, failed: 0 } }),
    resume,
  );
  const run = log.run!;
  const prior = resume?.counts;
  const apply = await applyCatalogPlan(client, plan, {
    signal,
    floorMs: pacer ? (n) => pacer.floorMs(n) : undefined,
    resumeFrom: prior
      ? {
          done: prior.done,
          created: prior.created,
          updated: prior.updated,
          deactivated: prior.deactivated,
          failed: 0,
          sections: prior.sections,
        }
      : undefined,
    onProgress: (p) =>
      emit({
        phase: p.phase,
        total: p.total,
        done: p.done,
        created: p.created,
        updated: p.updated,
        deactivated: p.deactivated,
        failed: p.failed,
        sections: p.sections,
        etaMs: p.etaMs,
      }),
    onBatch: async (results, counts) => {
      run.counts = { ...run.counts, ...counts, unchanged: plan.counts.unchanged };
      await log.changes(results.map((r) => itemChange(run.id, r)));
    },
  });
  base.apply = apply;
  emit({ phase: 'log' });
  const failures: RunError[] = apply.failures.map((f) => ({
    externalId: f.externalId,
    line: f.line,
    message: f.error ?? 'failed',
  }));
  run.status = apply.status;
  run.finishedAt = now();
  run.counts = {
    ...run.counts,
    ...apply.counts,
    unchanged: plan.counts.unchanged,
    failed: apply.counts.failed + conflicts.length,
  };
  run.errors = [
    ...(apply.error ? [{ code: undefined, message: `Stopped: ${apply.error.code} ${apply.error.message}` }] : []),
    ...conflicts,
    ...failures,
  ].slice(0, MAX_RUN_ERRORS);
  run.summary = runSummary(run, { notAttempted: apply.notAttempted.length });
  await log.flush({ final: true });
  if (options.notify)
    await options
      .notify(run.summary, run)
      .catch((e: unknown) =>
        log.warnings.push(`The summary could not be sent: ${e instanceof Error ? e.message : String(e)}`),
      );
  emit({ phase: 'done' });
  return {
    ...base,
    status: apply.status,
    run,
    errors: [],
    moreErrors: 0,
    error: apply.error ?? null,
    summary: run.summary,
    warnings: log.warnings,
    requests: pacer?.requests ?? 0,
  };
}

/**
 * The portal's currencies and base currency: one request.
 *
 * @example const { base, currencies } = await readCurrencyMeta(client);
 */
export async function readCurrencyMeta(
  client: SyncClient,
  signal?: AbortSignal,
): Promise<{ base: string; currencies: PortalCurrency[] }> {
  const outcomes = await readWithRetry(
    () =>
      client.batch([
        { method: 'crm.currency.list', params: { order: { SORT: 'ASC' } } },
        { method: 'crm.currency.base.get' },
      ]),
    { signal },
  );
  const [list, base] = outcomes.map((o) => {
    if (!o.ok) throw o.error;
    return o.value.result;
  });
  const num = (v: unknown, d: number) => (Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    base: String(base),
    currencies: ((list as Record<string, unknown>[]) ?? []).map((c) => ({
      code: String(c.CURRENCY),
      amountCnt: num(c.AMOUNT_CNT, 1),
      amount: num(c.AMOUNT, 1),
      base: c.BASE === 'Y',
      name: String(c.FULL_NAME ?? c.CURRENCY),
      sort: num(c.SORT, 100),
    })),
  };
}

/**
 * One currency-rate sync: read the feed, convert to the portal's base currency (AMOUNT_CNT kept),
 * plan (dry run) and, unless `dryRun`, write every change in one batch; log and notify.
 *
 * @example const result = await runCurrencySync({ client, store, profile, feed, dryRun: true }); result.plan?.rows
 */
export async function runCurrencySync(
  options: SyncRunOptions & { addCurrencies?: readonly string[] | 'all' },
): Promise<CurrencySyncResult> {
  const { profile, store = null, signal } = options;
  const pacer = options.pacer ?? (options.rateLimit ? new RequestPacer(options.rateLimit) : null);
  const client = pacer ? pacedClient(options.client, pacer, signal) : options.client;
  const log = new RunLog(store);
  const emit = (phase: SyncPhase, patch: Partial<SyncProgress> = {}) =>
    options.onProgress?.({
      phase,
      total: 0,
      done: 0,
      created: 0,
      updated: 0,
      deactivated: 0,
      failed: 0,
      sections: 0,
      read: 0,
      etaMs: null,
      ...patch,
    });
  const hash = feedHash(options.feed.bytes);
  const startedAt = now();
  const base = { plan: null as CurrencyPlan | null, apply: null as CurrencyApplyResult | null };
  const record = (status: RunStatus, patch: Partial<RunRecord> = {}): Omit<RunRecord, 'id'> => ({
    profile: profile.name,
    kind: 'currency',
    status,
    dryRun: !!options.dryRun,
    startedAt,
    updatedAt: now(),
    finishedAt: status === 'running' ? null : now(),
    feedHash: hash,
    source: options.feed.name,
    counts: emptyCounts(),
    errors: [],
    summary: null,
    ...patch,
  });
  const refuse = async (refusal: FeedRefused) => {
    let run: RunRecord | null = null;
    if (store) {
      const r = record('refused', { errors: refusal.errors.slice(0, MAX_RUN_ERRORS).map(toRunError) });
      await log.start({ ...r, summary: runSummary({ ...r, id: '' }) }, null, true);
      run = log.run;
    }
    return refusedResult<CurrencySyncResult>(base, refusal, run, log.warnings, pacer?.requests ?? 0);
  };

  emit('parse');
  let feed;
  try {
    const source = profile.source ?? {};
    feed = parseCurrencyFeed(options.feed.bytes, {
      name: options.feed.name,
      format: source.format === 'xml' ? 'ecb' : (source.format as CurrencyFormat | 'auto' | undefined),
      encoding: source.encoding,
      delimiter: source.delimiter,
      decimal: source.decimal,
    });
  } catch (e) {
    if (e instanceof FeedRefused) return refuse(e);
    throw e;
  }
  emit('read');
  let plan: CurrencyPlan;
  try {
    const meta = await readCurrencyMeta(client, signal);
    plan = planCurrencies(feed, meta.currencies, meta.base);
  } catch (e) {
    if (e instanceof FeedRefused) return refuse(e);
    const aborted = !!signal?.aborted;
    const error = aborted ? null : toBitrixError(e);
    return {
      ...base,
      status: aborted ? 'aborted' : 'failed',
      run: null,
      errors: [],
      moreErrors: 0,
      error,
      summary: aborted
        ? `Kontor currency sync "${profile.name}" cancelled before writing.`
        : `Kontor currency sync "${profile.name}" failed before writing: ${error!.message}`,
      warnings: log.warnings,
      requests: pacer?.requests ?? 0,
    };
  }
  base.plan = plan;
  const add = options.addCurrencies ?? profile.addCurrencies ?? [];
  const wanted = (code: string) => add === 'all' || add.includes(code);
  const planned = {
    ...emptyCounts(),
    total: plan.counts.update + plan.rows.filter((r) => r.status === 'new' && wanted(r.currency)).length,
    updated: plan.counts.update,
    created: plan.rows.filter((r) => r.status === 'new' && wanted(r.currency)).length,
    unchanged: plan.counts.unchanged,
  };
  if (options.dryRun) {
    const r = record('planned', { counts: planned });
    const summary = runSummary({ ...r, id: '' }, { currency: plan });
    if (store) await log.start({ ...r, summary }, null, true);
    emit('done', { total: planned.total });
    return {
      ...base,
      status: 'planned',
      run: log.run,
      errors: [],
      moreErrors: 0,
      error: null,
      summary,
      warnings: log.warnings,
      requests: pacer?.requests ?? 0,
    };
  }
  await log.start(record('running', { counts: { ...planned, updated: 0, created: 0 } }), null);
  const run = log.run!;
  emit('currencies', { total: planned.total });
  const apply = await applyCurrencyPlan(client, plan, { add, signal });
  base.apply = apply;
  const byCode = new Map(plan.rows.map((r) => [r.currency, r]));
  const change = (code: string, ok: boolean, error?: string): ChangeRecord => {
    const row = byCode.get(code)!;
    return {
      runId: run.id,
      externalId: code,
      productId: null,
      action: row.status === 'new' ? 'add' : 'update',
      ok,
      changes: [
        { field: 'AMOUNT', from: row.oldAmount, to: row.newAmount },
        { field: 'AMOUNT_CNT', from: row.status === 'new' ? null : row.amountCnt, to: row.amountCnt },
      ],
      ...(error ? { error } : {}),
      at: now(),
    };
  };
  await log.changes([
    ...apply.updated.map((c) => change(c, true)),
    ...apply.added.map((c) => change(c, true)),
    ...apply.failed.map((f) => change(f.currency, false, f.error)),
  ]);
  run.status = apply.status;
  run.finishedAt = now();
  run.counts = {
    ...planned,
    done: apply.updated.length + apply.added.length + apply.failed.length,
    updated: apply.updated.length,
    created: apply.added.length,
    failed: apply.failed.length,
  };
  run.errors = [
    ...(apply.error ? [{ message: `Stopped: ${apply.error.code} ${apply.error.message}` }] : []),
    ...apply.failed.map((f) => ({ externalId: f.currency, message: f.error })),
  ];
  run.summary = runSummary(run, { currency: plan });
  await log.flush({ final: true });
  if (options.notify)
    await options
      .notify(run.summary, run)
      .catch((e: unknown) =>
        log.warnings.push(`The summary could not be sent: ${e instanceof Error ? e.message : String(e)}`),
      );
  emit('done', {
    total: planned.total,
    done: run.counts.done,
    updated: run.counts.updated,
    created: run.counts.created,
    failed: run.counts.failed,
  });
  return {
    ...base,
    status: apply.status,
    run,
    errors: [],
    moreErrors: 0,
    error: apply.error ?? null,
    summary: run.summary,
    warnings: log.warnings,
    requests: pacer?.requests ?? 0,
  };
}
