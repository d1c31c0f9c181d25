import { stringify } from 'qs-esm';
import { BitrixError, errorFromBody, statusForCode } from './errors.ts';
import { isRetrySafe } from './write-policy.ts';

/** One REST answer as the portal sends it, minus the `time` block. */
export interface RestAnswer<T = unknown> {
  result: T;
  total?: number;
  next?: number;
}

/**
 * The one primitive the client needs: a single REST call that resolves with the answer or rejects
 * with a BitrixError. `sdk-caller.ts` implements it over the SDK (frame or webhook).
 */
export type RawCaller = (method: string, params: Record<string, unknown>) => Promise<RestAnswer>;

export type Params = Record<string, unknown>;

export interface BatchCommand {
  method: string;
  params?: Params;
}

export type BatchOutcome<T = unknown> = { ok: true; value: RestAnswer<T> } | { ok: false; error: BitrixError };

/** How a list method pages with the ID cursor (rest.md §7.3). */
export interface ListShape {
  /** Field read from rows (`ID`, `id`). */
  idKey: string;
  /** Field used in `filter[>…]` and `order` (tasks: rows carry `id`, the cursor is `ID`). */
  cursorKey: string;
  /** Key wrapping the rows in `result` (`items`, `tasks`, `products`), or null for plain lists. */
  resultKey: string | null;
  /** Name of the filter parameter (`filter`; `FILTER` for `user.get` and `entity.*`). Default `filter`. */
  filterParam?: string;
  /**
   * How the order is sent: `order` = `order: {ID: 'ASC'}` (default), `SORT` = `SORT: {ID: 'ASC'}`
   * (`entity.*`), `sort-order` = `sort: 'ID', order: 'ASC'` (`user.get`).
   */
  orderStyle?: 'order' | 'SORT' | 'sort-order';
}

export const LIST_SHAPES: Record<string, ListShape> = {
  'crm.item.list': { idKey: 'id', cursorKey: 'id', resultKey: 'items' },
  'tasks.task.list': { idKey: 'id', cursorKey: 'ID', resultKey: 'tasks' },
  'catalog.product.list': { idKey: 'id', cursorKey: 'id', resultKey: 'products' },
  'catalog.section.list': { idKey: 'id', cursorKey: 'id', resultKey: 'sections' },
  'catalog.price.list': { idKey: 'id', cursorKey: 'id', resultKey: 'prices' },
  'user.get': { idKey: 'ID', cursorKey: 'ID', resultKey: null, filterParam: 'FILTER', orderStyle: 'sort-order' },
  'entity.item.get': { idKey: 'ID', cursorKey: 'ID', resultKey: null, filterParam: 'FILTER', orderStyle: 'SORT' },
  'entity.section.get': { idKey: 'ID', cursorKey: 'ID', resultKey: null, filterParam: 'FILTER', orderStyle: 'SORT' },
};

const PLAIN: ListShape = { idKey: 'ID', cursorKey: 'ID', resultKey: null };

/** The paging shape of a list method (legacy `*.list` rows with `ID` unless listed in LIST_SHAPES). */
export function listShapeOf(method: string): ListShape {
  return LIST_SHAPES[method.toLowerCase()] ?? PLAIN;
}

function orderParams(shape: ListShape): Params {
  switch (shape.orderStyle ?? 'order') {
    case 'SORT':
      return { SORT: { [shape.cursorKey]: 'ASC' } };
    case 'sort-order':
      return { sort: shape.cursorKey, order: 'ASC' };
    default:
      return { order: { [shape.cursorKey]: 'ASC' } };
  }
}

export const BATCH_MAX = 50;
export const PAGE = 50;

/** `method?query` with PHP-style nested keys, as `batch` commands are written. */
export function encodeCommand(method: string, params: Params = {}): string {
  return `${method}?${stringify(params, { encodeValuesOnly: false, arrayFormat: 'indices' })}`;
}

function rowsOf(result: unknown, shape: ListShape): Record<string, unknown>[] {
  const list =
    shape.resultKey && result && typeof result === 'object' && !Array.isArray(result)
      ? (result as Record<string, unknown>)[shape.resultKey]
      : result;
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

export interface B24ClientOptions {
  /**
   * The caller for calls that must not run twice (`*.add`, `*.delete`, …; see write-policy.ts):
   * one that never re-sends after a 5xx or a transport failure (`sdkOnceCaller`). Defaults to the
   * main caller, for callers that never retry anyway (tests, fakes).
   */
  once?: RawCaller;
}

type Pending = { command: BatchCommand; resolve: (a: RestAnswer) => void; reject: (e: BitrixError) => void };

/**
 * A parameter value taken from another call's answer (`client.ref(answer, 'item', 'assignedById')`).
 * When both calls go out in the same batch the portal fills it in (`$result[c0][item][assignedById]`),
 * so a read that needs another read's result still costs no extra request.
 */
export class ResultRef {
  constructor(
    readonly answer: Promise<RestAnswer>,
    readonly path: readonly (string | number)[],
  ) {}
}

/** Every ResultRef inside `value` (params are plain data: objects, arrays, scalars). */
function refsIn(value: unknown, out: ResultRef[] = []): ResultRef[] {
  if (value instanceof ResultRef) out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => refsIn(v, out));
  return out;
}

/** `value` with every ResultRef replaced by `replace(ref)`. */
function replaceRefs(value: unknown, replace: (ref: ResultRef) => unknown): unknown {
  if (value instanceof ResultRef) return replace(value);
  if (Array.isArray(value)) return value.map((v) => replaceRefs(v, replace));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceRefs(v, replace)]));
  return value;
}

/** The value at `path` in a result, or undefined where the path leads nowhere. */
function walk(result: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = result;
  for (const step of path) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[String(step)];
  }
  return at;
}

const refError = (method: string, detail: string) =>
  new BitrixError('ERR_BATCH_REFERENCE', `${method}: ${detail}`, 0, method);

/**
 * The REST client of Kontor: `call`, `batch` and `list` with same-tick coalescing.
 *
 * - Calls issued in the same tick go out as one `batch` request (≤ 50 commands each, `halt: 0`);
 *   each caller gets its own result or error, typed as if the call had gone out alone. A lone call
 *   goes out as itself.
 * - `list` streams a whole list with `start=-1` and a `>ID` cursor, 50 pages chained per `batch`
 *   through `$result` references: one HTTP request per 2,500 rows, no COUNT.
 * - Nothing is retried here. Calls that are safe to repeat go through the main caller (the SDK
 *   retries those); anything else — and any batch holding such a command — through `once`.
 *
 * @example
 * const client = new B24Client(sdkCaller(b24), { once: sdkOnceCaller(b24) });
 * const [deal, stages] = await Promise.all([client.call('crm.deal.get', { id: 7 }), client.call('crm.status.list')]);
 * for await (const page of client.list('crm.item.list', { entityTypeId: 2, select: ['id', 'title'] })) render(page);
 */
export class B24Client {
  private queue: Pending[] = [];
  /** The queued entry behind each promise `call` returned, to turn a ResultRef into `$result[…]`. */
  private readonly queued = new WeakMap<Promise<RestAnswer>, Pending>();
  private scheduled = false;
  private readonly once: RawCaller;

  constructor(
    private readonly raw: RawCaller,
    options: B24ClientOptions = {},
  ) {
    this.once = options.once ?? raw;
  }

  /** The caller allowed to carry these commands: the retrying one only if every command is safe to repeat. */
  private callerFor(methods: string[]): RawCaller {
    return methods.every(isRetrySafe) ? this.raw : this.once;
  }

  /**
   * One method call; coalesced with others issued in the same tick.
   *
   * @example const { result } = await client.call<{ TITLE: string }>('crm.deal.get', { id: 7 });
   */
  call<T = unknown>(method: string, params: Params = {}): Promise<RestAnswer<T>> {
    const refs = refsIn(params);
    // A reference to an answer that is not waiting in this tick's queue (already sent, or settled)
    // cannot be resolved by the portal: wait for it and send the value itself.
    if (refs.some((r) => !this.isQueued(r.answer)))
      return Promise.all(refs.map((r) => r.answer)).then(
        (answers) => {
          const values = new Map(refs.map((r, i) => [r, walk(answers[i]!.result, r.path)]));
          const missing = refs.find((r) => values.get(r) === undefined);
          if (missing) throw refError(method, `nothing at ${missing.path.join('.')} in the answer it refers to`);
          return this.call<T>(method, replaceRefs(params, (r) => values.get(r)) as Params);
        },
        () => Promise.reject(refError(method, 'a call it refers to failed')),
      );
    let entry: Pending | undefined;
    const promise = new Promise<RestAnswer>((resolve, reject) => {
      entry = { command: { method, params }, resolve, reject };
      this.queue.push(entry);
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => this.flush());
      }
    });
    this.queued.set(promise, entry!);
    return promise as Promise<RestAnswer<T>>;
  }

  /**
   * A parameter value the portal takes from another call's answer: pass it in the params of a call
   * issued in the same tick, and both go out in one batch (`$result[…]` reference). Pass the promise
   * `call` returned, not one derived from it. If the other call has already gone out, the value is
   * read from its answer instead (one request more, same result). If that call fails, or its answer
   * has nothing at `path`, the dependent call rejects with `ERR_BATCH_REFERENCE`.
   *
   * @example
   * const deal = client.call('crm.item.get', { entityTypeId: 2, id: 7 });
   * const owner = client.call('user.get', { FILTER: { ID: client.ref(deal, 'item', 'assignedById') } });
   */
  ref(answer: Promise<RestAnswer>, ...path: (string | number)[]): ResultRef {
    return new ResultRef(answer, path);
  }

  private isQueued(answer: Promise<RestAnswer>): boolean {
    const entry = this.queued.get(answer);
    return !!entry && this.queue.includes(entry);
  }

  private flush(): void {
    this.scheduled = false;
    const pending = this.queue.splice(0);
    if (pending.length === 1) {
      const only = pending[0]!;
      const { method, params = {} } = only.command;
      this.callerFor([method])(method, params).then(only.resolve, (e: unknown) =>
        only.reject(toBitrixError(e, method)),
      );
      return;
    }
    for (let i = 0; i < pending.length; i += BATCH_MAX) {
      const chunk = pending.slice(i, i + BATCH_MAX);
      const slot = new Map(chunk.map((p, k) => [p, k]));
      // Each command's references: the slot of the answer in this batch, or -1 if it went out earlier.
      const targets = chunk.map((p) => refsIn(p.command.params).map((r) => slot.get(this.queued.get(r.answer)!) ?? -1));
      const commands = chunk.map((p, k) => ({
        method: p.command.method,
        params: replaceRefs(p.command.params, (r) => {
          const at = slot.get(this.queued.get(r.answer)!);
          // An answer of an earlier batch of this flush (> 50 calls): its value, once it is known.
          return at === undefined ? r : `$result[c${at}]${r.path.map((step) => `[${step}]`).join('')}`;
        }) as Params,
        index: k,
      }));
      const now = commands.filter((_, k) => !targets[k]!.includes(-1));
      const later = commands.filter((_, k) => targets[k]!.includes(-1));
      // Sent again with their original params: their answers are no longer queued, so call() waits for them.
      for (const { method, index } of later)
        this.call(method, chunk[index]!.command.params).then(chunk[index]!.resolve, chunk[index]!.reject);
      if (now.length === 0) continue;
      this.batch(now).then(
        (outcomes) =>
          outcomes.forEach((o, n) => {
            const { index, method } = now[n]!;
            const entry = chunk[index]!;
            const refs = refsIn(entry.command.params);
            if (!o.ok) return entry.reject(o.error);
            // The portal substitutes something even for a failed or missing reference (rest.md §7.4):
            // an answer built on it is not an answer to what was asked.
            for (const r of refs) {
              const target = outcomes[now.findIndex((c) => c.index === slot.get(this.queued.get(r.answer)!))];
              if (!target?.ok) return entry.reject(refError(method, 'a call it refers to failed'));
              if (walk(target.value.result, r.path) === undefined)
                return entry.reject(refError(method, `nothing at ${r.path.join('.')} in the answer it refers to`));
            }
            entry.resolve(o.value);
          }),
        (e: unknown) => chunk.forEach((p) => p.reject(toBitrixError(e, 'batch'))),
      );
    }
  }

  /**
   * Up to 50 commands in one `batch` request, `halt: 0`. Each outcome carries its own result or
   * error — including legacy CRM errors with an empty code, which the SDK's batch helper drops.
   *
   * @example const [a, b] = await client.batch([{ method: 'crm.deal.get', params: { id: 1 } }, { method: 'scope' }]);
   */
  async batch(commands: BatchCommand[]): Promise<BatchOutcome[]> {
    if (commands.length > BATCH_MAX)
      throw new BitrixError(
        'ERROR_BATCH_LENGTH_EXCEEDED',
        `A batch holds at most ${BATCH_MAX} commands, got ${commands.length}`,
        0,
        'batch',
      );
    const cmd: Record<string, string> = {};
    commands.forEach((c, i) => (cmd[`c${i}`] = encodeCommand(c.method, c.params)));
    const caller = this.callerFor(commands.map((c) => c.method));
    const answer = await caller('batch', { halt: 0, cmd }).catch((e: unknown) =>
      Promise.reject(toBitrixError(e, 'batch')),
    );
    const buckets = answer.result as Record<string, Record<string, unknown> | unknown[]>;
    const pick = (bucket: string, key: string) => {
      const b = buckets[bucket];
      return b && !Array.isArray(b) ? b[key] : undefined;
    };
    return commands.map((c, i) => {
      const key = `c${i}`;
      const error = pick('result_error', key) as { error?: unknown; error_description?: unknown } | undefined;
      if (error) return { ok: false, error: errorFromBody(error, statusForCode(String(error.error ?? '')), c.method) };
      const result = pick('result', key);
      if (result === undefined)
        return {
          ok: false,
          error: new BitrixError('ERR_BATCH_MISSING', `No answer for ${c.method} in batch`, 0, c.method),
        };
      const value: RestAnswer = { result };
      const total = pick('result_total', key);
      const next = pick('result_next', key);
      if (typeof total === 'number') value.total = total;
      if (typeof next === 'number') value.next = next;
      return { ok: true, value };
    });
  }

  /**
   * Streams every row of a list method, page by page (each page ≤ 50 rows; each HTTP request
   * carries up to 50 chained pages). The order and `start` are forced to the cursor's; the rows
   * arrive in ascending ID order, none twice, none missing.
   *
   * @example for await (const page of client.list('tasks.task.list', { select: ['ID', 'TITLE'] })) rows.push(...page);
   */
  async *list<Row = Record<string, unknown>>(
    method: string,
    params: Params = {},
    shape: ListShape = listShapeOf(method),
  ): AsyncGenerator<Row[]> {
    const filterParam = shape.filterParam ?? 'filter';
    const given = params[filterParam];
    const baseFilter = (given && typeof given === 'object' && !Array.isArray(given) ? given : {}) as Params;
    // Drop every spelling of order/start the caller may have passed: the cursor owns them.
    const rest = Object.fromEntries(
      Object.entries(params).filter(([k]) => !['order', 'sort', 'start', filterParam].includes(k) && k !== 'SORT'),
    );
    const order = orderParams(shape);
    const last = lastPossibleId(baseFilter, shape.cursorKey);
    let cursor = 0;
    for (;;) {
      const cmd: Record<string, string> = {};
      for (let p = 0; p < BATCH_MAX; p++) {
        const from =
          p === 0
            ? String(cursor)
            : `$result[p${p - 1}]${shape.resultKey ? `[${shape.resultKey}]` : ''}[${PAGE - 1}][${shape.idKey}]`;
        const pageParams: Params = {
          ...rest,
          [filterParam]: { ...baseFilter, [`>${shape.cursorKey}`]: from },
          ...order,
          start: -1,
        };
        cmd[`p${p}`] = encodeCommand(method, pageParams);
      }
      const answer = await this.raw('batch', { halt: 0, cmd }).catch((e: unknown) =>
        Promise.reject(toBitrixError(e, 'batch')),
      );
      const buckets = answer.result as {
        result?: Record<string, unknown> | unknown[];
        result_error?: Record<string, unknown> | unknown[];
      };
      const results = buckets.result && !Array.isArray(buckets.result) ? buckets.result : {};
      const failures = buckets.result_error && !Array.isArray(buckets.result_error) ? buckets.result_error : {};
      for (let p = 0; p < BATCH_MAX; p++) {
        const key = `p${p}`;
        if (key in failures) {
          // A failed first page is a real error; a failure further down the chain means the chain broke.
          if (p === 0) {
            const body = failures[key] as { error?: unknown; error_description?: unknown };
            throw errorFromBody(body, statusForCode(String(body.error ?? '')), method);
          }
          break;
        }
        const rows = rowsOf(results[key], shape);
        if (rows.length > 0) yield rows as Row[];
        if (rows.length < PAGE) return;
        cursor = Number(rows[rows.length - 1]![shape.idKey]);
        if (!Number.isFinite(cursor))
          throw new BitrixError('ERR_LIST_CURSOR', `${method} rows carry no numeric ${shape.idKey}`, 0, method);
        // A full page that reached the filter's upper bound is the last one: no request to find an empty page.
        if (cursor >= last) return;
      }
    }
  }

  /**
   * Every row of a list as one array (small lists; stream big ones with `list`).
   *
   * @example const stages = await client.listAll('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' } });
   */
  async listAll<Row = Record<string, unknown>>(method: string, params: Params = {}, shape?: ListShape): Promise<Row[]> {
    const out: Row[] = [];
    for await (const page of this.list<Row>(method, params, shape)) out.push(...page);
    return out;
  }
}

/** The highest ID a `<=ID`/`<ID` bound in the caller's filter lets through (IDs are integers). */
function lastPossibleId(filter: Params, cursorKey: string): number {
  let last = Infinity;
  for (const [key, value] of Object.entries(filter)) {
    const m = /^(<=?)(.+)$/.exec(key);
    const bound = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
    if (!m || m[2]!.toLowerCase() !== cursorKey.toLowerCase() || !Number.isFinite(bound)) continue;
    last = Math.min(last, m[1] === '<=' ? Math.floor(bound) : Math.ceil(bound) - 1);
  }
  return last;
}

/** Normalises whatever a caller threw into a BitrixError. */
export function toBitrixError(e: unknown, method?: string): BitrixError {
  if (e instanceof BitrixError) return e;
  if (e && typeof e === 'object') {
    const o = e as { code?: unknown; status?: unknown; message?: unknown; description?: unknown };
    return new BitrixError(
      String(o.code ?? 'ERR_UNKNOWN'),
      String(o.description ?? o.message ?? ''),
      typeof o.status === 'number' ? o.status : 0,
      method,
    );
  }
  return new BitrixError('ERR_UNKNOWN', String(e), 0, method);
}
