import { BATCH_MAX, BitrixError, toBitrixError, type BatchCommand, type BatchOutcome } from '../../b24/index.ts';
import { propertyIdOf } from './mapping.ts';
import { diffProduct, type CatalogPlan, type FieldChange, type PlanItem } from './plan-catalog.ts';
import {
  productSelect,
  readPortalProducts,
  readPortalSections,
  SectionIndex,
  type PortalProduct,
} from './portal-catalog.ts';
import { failureKind, readWithRetry, sleep, type SyncClient } from './sync-client.ts';

/** What happened to one product in an apply. */
export interface ItemResult {
  externalId: string;
  line: number | null;
  /** The planned action (a create that turned out half-done still counts as the create it was). */
  action: 'create' | 'update' | 'deactivate';
  productId: number | null;
  ok: boolean;
  changes: FieldChange[];
  /** The portal's refusal, or why nothing was written. */
  error?: string;
}

export interface ApplyCounts {
  /** Items the apply is about (creates + updates + deactivations of the plan). */
  total: number;
  done: number;
  created: number;
  updated: number;
  deactivated: number;
  failed: number;
  /** Sections created for the products. */
  sections: number;
}

export interface ApplyProgress extends ApplyCounts {
  phase: 'sections' | 'products';
  /** Estimated time left, ms (null until a few requests have been timed). */
  etaMs: number | null;
}

export type ApplyStatus = 'done' | 'aborted' | 'failed';

export interface ApplyResult {
  status: ApplyStatus;
  counts: ApplyCounts;
  /** Every item that failed, with the reason. */
  failures: ItemResult[];
  /** External IDs never sent (cancelled, or the run stopped). */
  notAttempted: string[];
  /** Why the run stopped (failed status). */
  error?: BitrixError;
  /** HTTP requests this apply sent (writes and the re-reads after unanswered writes). */
  requests: { writes: number; rereads: number };
}

export interface ApplyOptions {
  /** Checked between requests: a request already sent is answered and recorded, nothing after it is sent. */
  signal?: AbortSignal;
  onProgress?: (progress: ApplyProgress) => void;
  /** Each request's results, in order (the run log records them; awaited before the next request). */
  onBatch?: (results: ItemResult[], counts: ApplyCounts) => Promise<void> | void;
  /** Estimated ms for `n` more requests (RequestPacer.floorMs), for the time left. */
  floorMs?: (requests: number) => number;
  /** Unanswered writes of one product before it is given up (default 5). */
  maxUnknown?: number;
  /** Counts already reached by an interrupted run this one resumes. */
  resumeFrom?: Partial<ApplyCounts>;
}

/** Pauses after a request refused before it ran (rate limit, token): ms, doubled each time. */
const NOT_RUN_DELAYS = [1000, 2000, 4000, 8000, 15000, 30000];

interface Work {
  item: PlanItem;
  unknown: number;
}

/** A product not on the portal yet: written with `catalog.product.add`. */
const isNew = (item: PlanItem) => item.action !== 'deactivate' && item.productId === null;

/** The product fields of catalog.product.add/update for the item's changes. */
function productFields(plan: CatalogPlan, item: PlanItem, sections: SectionIndex): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  for (const c of item.changes) {
    switch (c.field) {
      case 'externalId':
      case 'price':
      case 'currency':
        break;
      case 'name':
        f.name = c.to;
        break;
      case 'section':
        f.iblockSectionId = item.row?.section?.length ? sections.idOf(item.row.section) : null;
        break;
      case 'description':
        f.detailText = c.to ?? '';
        break;
      case 'active':
        f.active = c.to;
        break;
      case 'quantity':
        f.quantity = c.to;
        break;
      default: {
        const id = propertyIdOf(c.field);
        if (id !== null) f[`property${id}`] = { value: c.to ?? '' };
      }
    }
  }
  if (isNew(item)) {
    f.iblockId = plan.iblockId;
    f.xmlId = item.externalId;
  }
  return f;
}

const hasPriceChange = (item: PlanItem) =>
  item.row?.price !== undefined && item.changes.some((c) => c.field === 'price' || c.field === 'currency');

/**
 * The commands that bring one product to the plan. A new product is `catalog.product.add` plus
 * `catalog.price.add` taking the new id from the add's answer in the same batch
 * (`$result[cN][element][id]`); an existing one gets only its changed fields, and its price by the
 * price's own id (`catalog.price.update`), or `catalog.price.add` if it has none.
 */
function commandsFor(plan: CatalogPlan, item: PlanItem, sections: SectionIndex, slot: number): BatchCommand[] {
  const product = productFields(plan, item, sections);
  const out: BatchCommand[] = [];
  if (isNew(item)) out.push({ method: 'catalog.product.add', params: { fields: product } });
  else if (Object.keys(product).length > 0)
    out.push({ method: 'catalog.product.update', params: { id: item.productId, fields: product } });
  if (hasPriceChange(item)) {
    const price = { price: item.row!.price, currency: item.row!.currency };
    if (isNew(item))
      out.push({
        method: 'catalog.price.add',
        params: { fields: { productId: `$result[c${slot}][element][id]`, catalogGroupId: plan.priceTypeId, ...price } },
      });
    else if (item.priceId) out.push({ method: 'catalog.price.update', params: { id: item.priceId, fields: price } });
    else
      out.push({
        method: 'catalog.price.add',
        params: { fields: { productId: item.productId, catalogGroupId: plan.priceTypeId, ...price } },
      });
  }
  return out;
}

/** Commands an item will need (for the time-left estimate). */
function commandCount(item: PlanItem): number {
  const productWrite = isNew(item) || item.changes.some((c) => c.field !== 'price' && c.field !== 'currency');
  return (productWrite ? 1 : 0) + (hasPriceChange(item) ? 1 : 0);
}

function outcomeError(o: BatchOutcome): string | null {
  return o.ok ? null : `${o.error.code ? `${o.error.code}: ` : ''}${o.error.description || o.error.message}`;
}

/** The id in an add's answer (`{element: {id}}`, `{section: {id}}`, `{price: {id}}`). */
function idIn(o: BatchOutcome | undefined, key: string): number | null {
  if (!o?.ok) return null;
  const id = (o.value.result as Record<string, { id?: unknown } | undefined> | null)?.[key]?.id;
  const n = Number(id);
  return id !== null && id !== undefined && Number.isFinite(n) ? n : null;
}

function isAbort(e: unknown): boolean {
  return (e instanceof DOMException || e instanceof Error) && e.name === 'AbortError';
}

const abortError = () => new DOMException('The operation was aborted', 'AbortError');

function result(item: PlanItem, productId: number | null, error?: string): ItemResult {
  return {
    externalId: item.externalId,
    line: item.line,
    action: item.action === 'create' ? 'create' : item.action === 'deactivate' ? 'deactivate' : 'update',
    productId,
    ok: error === undefined,
    changes: item.changes,
    ...(error === undefined ? {} : { error }),
  };
}

/** The same client, calling `count` for each HTTP request it sends (a list: one per 50 pages). */
function countingClient(client: SyncClient, count: () => void): SyncClient {
  return {
    call: (method, params) => {
      count();
      return client.call(method, params);
    },
    batch: (commands) => {
      count();
      return client.batch(commands);
    },
    list: async function* <Row>(method: string, params?: Record<string, unknown>) {
      let pages = 0;
      for await (const page of client.list<Row>(method, params)) {
        if (pages++ % BATCH_MAX === 0) count();
        yield page;
      }
    },
  };
}

/**
 * Writes a plan: sections first (one batch per depth), then products in `batch` requests of ≤ 50
 * commands, one request after another. Cancel with `signal` between requests. Resuming is planning
 * again: a product the portal already has (by external ID) is updated, never added twice.
 *
 * Failures:
 * - a command refused inside a batch: that product fails with the portal's reason, the rest go on;
 * - a request refused before it ran (rate limit, expired token): sent again after a pause;
 * - a request with no answer or a 5xx: the portal may have run it, so nothing is re-sent blindly — its
 *   products are read again by external ID, diffed again, and only what is still missing is sent
 *   (no duplicate, nothing lost); after `maxUnknown` such rounds a product is given up as failed;
 * - access, scope or a section refused: the run stops (`failed`); the rest is listed as not attempted.
 *
 * @example
 * const result = await applyCatalogPlan(client, plan, { signal, onProgress: setProgress });
 * if (result.status !== 'done') show(result.failures, result.notAttempted);
 */
export async function applyCatalogPlan(
  client: SyncClient,
  plan: CatalogPlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const { signal } = options;
  const maxUnknown = options.maxUnknown ?? 5;
  const rank = { create: 0, update: 1, deactivate: 2 } as Record<string, number>;
  const queue: Work[] = plan.items
    .filter((i) => i.action in rank)
    .sort((a, b) => rank[a.action]! - rank[b.action]!)
    .map((item) => ({ item, unknown: 0 }));
  const resume = options.resumeFrom ?? {};
  const counts: ApplyCounts = {
    total: queue.length + (resume.done ?? 0),
    done: resume.done ?? 0,
    created: resume.created ?? 0,
    updated: resume.updated ?? 0,
    deactivated: resume.deactivated ?? 0,
    failed: resume.failed ?? 0,
    sections: resume.sections ?? 0,
  };
  const failures: ItemResult[] = [];
  const requests = { writes: 0, rereads: 0 };
  const started = Date.now();
  let phase: ApplyProgress['phase'] = 'sections';
  const report = () => {
    if (!options.onProgress) return;
    const sent = requests.writes + requests.rereads;
    const left = Math.ceil(queue.reduce((n, w) => n + commandCount(w.item), 0) / BATCH_MAX);
    const perRequest = sent > 0 ? (Date.now() - started) / sent : null;
    const etaMs =
      queue.length === 0
        ? 0
        : perRequest === null
          ? null
          : Math.round(Math.max(options.floorMs?.(left) ?? 0, left * perRequest));
    options.onProgress({ phase, etaMs, ...counts });
  };
  const stop = (status: ApplyStatus, error?: BitrixError): ApplyResult => ({
    status,
    counts: { ...counts },
    failures,
    notAttempted: queue.map((w) => w.item.externalId),
    ...(error ? { error } : {}),
    requests,
  });
  const settle = async (results: ItemResult[]) => {
    if (results.length === 0) return;
    for (const r of results) {
      counts.done++;
      if (!r.ok) {
        counts.failed++;
        failures.push(r);
      } else if (r.action === 'create') counts.created++;
      else if (r.action === 'update') counts.updated++;
      else counts.deactivated++;
    }
    await options.onBatch?.(results, { ...counts });
    report();
  };
  const reads = countingClient(client, () => requests.rereads++);

  /** Products of an unanswered request, read back by external ID and diffed again. */
  const reread = async (works: Work[]): Promise<{ done: Work[]; again: Work[]; givenUp: Work[] }> => {
    const fresh = await readPortalProducts(reads, {
      iblockId: plan.iblockId,
      select: productSelect(plan.fields, true),
      priceTypeId: plan.fields.includes('price') ? plan.priceTypeId : undefined,
      xmlIds: works.map((w) => w.item.externalId),
      signal,
    });
    const byXml = new Map<string, PortalProduct>();
    for (const p of fresh) if (!byXml.has(p.xmlId)) byXml.set(p.xmlId, p);
    const out = { done: [] as Work[], again: [] as Work[], givenUp: [] as Work[] };
    for (const w of works) {
      const product = byXml.get(w.item.externalId) ?? null;
      const changes = w.item.row
        ? diffProduct(w.item.row, product, plan.fields, sections)
        : product && product.active !== 'N'
          ? w.item.changes
          : [];
      const item: PlanItem = {
        ...w.item,
        productId: w.item.action === 'deactivate' ? w.item.productId : (product?.id ?? null),
        priceId: product?.price?.id ?? null,
        changes,
      };
      const next = { item, unknown: w.unknown + 1 };
      if (changes.length === 0) out.done.push(next);
      else if (next.unknown >= maxUnknown) out.givenUp.push(next);
      else out.again.push(next);
    }
    return out;
  };

  report();
  // Sections any product needs, created before the products that go in them.
  let sections = new SectionIndex(plan.sections);
  if (plan.sectionsToCreate.length > 0) {
    try {
      const made = await createSections(client, reads, plan, sections, requests, signal);
      sections = made.index;
      counts.sections += made.created;
    } catch (e) {
      return isAbort(e) ? stop('aborted') : stop('failed', toBitrixError(e, 'catalog.section.add'));
    }
  }
  phase = 'products';
  report();

  let notRunStreak = 0;
  while (queue.length > 0) {
    if (signal?.aborted) return stop('aborted');
    // Products in order until the next one's commands would not fit (a create's two stay together).
    const taken: { work: Work; from: number; to: number }[] = [];
    const commands: BatchCommand[] = [];
    while (queue.length > 0) {
      const cmds = commandsFor(plan, queue[0]!.item, sections, commands.length);
      if (taken.length > 0 && commands.length + cmds.length > BATCH_MAX) break;
      const work = queue.shift()!;
      taken.push({ work, from: commands.length, to: commands.length + cmds.length });
      commands.push(...cmds);
    }
    const nothingToSend = taken.filter((t) => t.from === t.to);
    await settle(nothingToSend.map((t) => result(t.work.item, t.work.item.productId)));
    const sent = taken.filter((t) => t.from !== t.to);
    if (sent.length === 0) continue;
    const putBack = () => queue.unshift(...sent.map((t) => t.work));

    let outcomes: BatchOutcome[];
    try {
      requests.writes++;
      outcomes = await client.batch(commands);
      notRunStreak = 0;
    } catch (e) {
      if (isAbort(e)) {
        putBack();
        return stop('aborted');
      }
      const error = toBitrixError(e, 'batch');
      const kind = failureKind(error);
      if (kind === 'refused') {
        putBack();
        return stop('failed', error);
      }
      if (kind === 'not-run') {
        putBack();
        if (notRunStreak >= NOT_RUN_DELAYS.length) return stop('failed', error);
        try {
          await sleep(NOT_RUN_DELAYS[notRunStreak++]!, signal);
        } catch {
          return stop('aborted');
        }
        continue;
      }
      try {
        const { done, again, givenUp } = await readWithRetry(() => reread(sent.map((t) => t.work)), { signal });
        queue.unshift(...again);
        await settle([
          ...done.map((w) => result(w.item, w.item.productId)),
          ...givenUp.map((w) =>
            result(
              w.item,
              w.item.productId,
              `Not written: no answer from the portal ${w.unknown} times (${error.code})`,
            ),
          ),
        ]);
      } catch (readError) {
        putBack();
        return isAbort(readError) ? stop('aborted') : stop('failed', toBitrixError(readError, 'catalog.product.list'));
      }
      continue;
    }

    const results: ItemResult[] = [];
    const unanswered: Work[] = [];
    for (const { work, from, to } of sent) {
      const item = work.item;
      const mine = outcomes.slice(from, to);
      if (mine.some((o) => !o.ok && o.error.code === 'ERR_BATCH_MISSING')) {
        unanswered.push(work);
        continue;
      }
      const added = isNew(item) ? idIn(mine[0], 'element') : null;
      const productId = isNew(item) ? added : item.productId;
      const errors = mine.map(outcomeError).filter((m): m is string => m !== null);
      if (errors.length === 0) results.push(result(item, productId));
      else if (added !== null)
        results.push(result(item, added, `Product created (id ${added}), price not written: ${errors.join('; ')}`));
      else results.push(result(item, productId, errors.join('; ')));
    }
    await settle(results);
    if (unanswered.length > 0) {
      try {
        const { done, again, givenUp } = await readWithRetry(() => reread(unanswered), { signal });
        queue.unshift(...again);
        await settle([
          ...done.map((w) => result(w.item, w.item.productId)),
          ...givenUp.map((w) => result(w.item, w.item.productId, 'Not written: no answer from the portal')),
        ]);
      } catch (e) {
        queue.unshift(...unanswered);
        return isAbort(e) ? stop('aborted') : stop('failed', toBitrixError(e, 'catalog.product.list'));
      }
    }
  }
  report();
  return stop('done');
}

/**
 * Creates the plan's missing sections, one batch per depth (parents first). After a request that was
 * not answered (or not run), the sections are read again and only what is still missing is created.
 */
async function createSections(
  client: SyncClient,
  reads: SyncClient,
  plan: CatalogPlan,
  start: SectionIndex,
  requests: { writes: number; rereads: number },
  signal: AbortSignal | undefined,
): Promise<{ index: SectionIndex; created: number }> {
  let index = start;
  let created = 0;
  let failures = 0;
  for (;;) {
    const missing = plan.sectionsToCreate.filter((path) => index.idOf(path) === null);
    if (missing.length === 0) return { index, created };
    if (signal?.aborted) throw abortError();
    const depth = Math.min(...missing.map((p) => p.length));
    const level = missing.filter((p) => p.length === depth).slice(0, BATCH_MAX);
    try {
      requests.writes++;
      const outcomes = await client.batch(
        level.map((path) => ({
          method: 'catalog.section.add',
          params: {
            fields: {
              iblockId: plan.iblockId,
              name: path[path.length - 1],
              iblockSectionId: index.idOf(path.slice(0, -1)),
            },
          },
        })),
      );
      outcomes.forEach((o, k) => {
        if (!o.ok) throw o.error;
        const id = idIn(o, 'section');
        if (id === null)
          throw new BitrixError('ERR_BATCH_MISSING', 'catalog.section.add answered no id', 0, 'catalog.section.add');
        const path = level[k]!;
        index.add({ id, name: path[path.length - 1]!, parentId: index.idOf(path.slice(0, -1)) });
        created++;
      });
    } catch (e) {
      if (isAbort(e)) throw e;
      const error = toBitrixError(e, 'catalog.section.add');
      const kind = failureKind(error);
      if (kind === 'refused' || ++failures > NOT_RUN_DELAYS.length) throw error;
      if (kind === 'not-run') await sleep(NOT_RUN_DELAYS[failures - 1]!, signal);
      index = new SectionIndex(await readWithRetry(() => readPortalSections(reads, plan.iblockId, signal), { signal }));
    }
  }
}
