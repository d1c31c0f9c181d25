import {
  BATCH_MAX,
  BitrixError,
  type BatchCommand,
  type BatchOutcome,
  type Params,
  type RestAnswer,
} from '../../b24/index.ts';

/**
 * What the sync engine needs of a REST client: B24Client fits it as it is; `pacedClient` wraps one
 * so every request the engine sends waits for the portal's rate limit first.
 */
export interface SyncClient {
  call<T = unknown>(method: string, params?: Params): Promise<RestAnswer<T>>;
  batch(commands: BatchCommand[]): Promise<BatchOutcome[]>;
  list<Row = Record<string, unknown>>(method: string, params?: Params): AsyncGenerator<Row[]>;
}

/** A portal's leaky bucket (rest.md §6): `burst` requests at once, then `drainPerSecond`. */
export interface RatePlan {
  burst: number;
  drainPerSecond: number;
}

/** Bitrix24's plans: standard (and every plan below enterprise) 50 / 2 per s, enterprise 250 / 5 per s. */
export const RATE_PLANS = {
  standard: { burst: 50, drainPerSecond: 2 },
  enterprise: { burst: 250, drainPerSecond: 5 },
} as const satisfies Record<string, RatePlan>;

export type RatePlanName = keyof typeof RATE_PLANS | 'off';

const abortError = () => new DOMException('The operation was aborted', 'AbortError');

/** Resolves after `ms`, or rejects with AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The portal's leaky bucket, mirrored on our side for everything one sync sends. The SDK paces each
 * of its http clients on its own; Kontor has two (reads and idempotent writes go through one, adds
 * through the other, see app/b24/write-policy.ts), so together they could send up to twice the
 * burst. Pacing the sync's requests here keeps their sum under the portal's bucket: zero
 * QUERY_LIMIT_EXCEEDED, as long as nothing else spends the same bucket.
 *
 * @example
 * const pacer = new RequestPacer(RATE_PLANS.standard);
 * await pacer.take(); // resolves at once for the first 49 requests, then every 500 ms
 */
export class RequestPacer {
  private level = 0;
  private at: number;
  private taken = 0;
  private readonly capacity: number;

  constructor(
    readonly plan: RatePlan,
    private readonly options: { margin?: number; now?: () => number } = {},
  ) {
    this.at = this.now();
    // One request of headroom: our clock and the portal's see a request at slightly different times.
    this.capacity = Math.max(1, plan.burst - (options.margin ?? 1));
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private drain(): void {
    const now = this.now();
    this.level = Math.max(0, this.level - ((now - this.at) / 1000) * this.plan.drainPerSecond);
    this.at = now;
  }

  /** Waits until one more request fits in the bucket, then counts it. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.drain();
      if (this.level + 1 <= this.capacity) {
        this.level += 1;
        this.taken++;
        return;
      }
      await sleep(Math.ceil(((this.level + 1 - this.capacity) / this.plan.drainPerSecond) * 1000), signal);
    }
  }

  /** Requests counted so far. */
  get requests(): number {
    return this.taken;
  }

  /** How long `n` more requests take at the earliest (the bucket's floor), in ms. */
  floorMs(n: number): number {
    this.drain();
    const free = Math.max(0, Math.floor(this.capacity - this.level));
    return Math.max(0, n - free) * (1000 / this.plan.drainPerSecond);
  }
}

/**
 * A SyncClient whose every HTTP request first takes a token from `pacer`. A list stream costs one
 * request per BATCH_MAX pages (B24Client chains 50 pages in one `batch`), taken before the page that
 * starts the next request is asked for.
 *
 * @example const client = pacedClient(b24Client, new RequestPacer(RATE_PLANS.standard));
 */
export function pacedClient(client: SyncClient, pacer: RequestPacer, signal?: AbortSignal): SyncClient {
  return {
    call: async (method, params) => {
      await pacer.take(signal);
      return client.call(method, params);
    },
    batch: async (commands) => {
      await pacer.take(signal);
      return client.batch(commands);
    },
    list: async function* <Row>(method: string, params?: Params) {
      const pages = client.list<Row>(method, params);
      let seen = 0;
      for (;;) {
        if (seen % BATCH_MAX === 0) await pacer.take(signal);
        const next = await pages.next();
        if (next.done) return;
        seen++;
        yield next.value;
      }
    },
  };
}

/**
 * How a failed request leaves the portal:
 * - `not-run`: refused before it ran (rate limit, operating limit, an expired token) — safe to send again;
 * - `unknown`: no answer, or a 5xx — it may or may not have run; re-read before anything is re-sent;
 * - `refused`: the portal will refuse it again (access, scope, a bad request).
 */
export type FailureKind = 'not-run' | 'unknown' | 'refused';

/**
 * @example failureKind(new BitrixError('QUERY_LIMIT_EXCEEDED', '', 503)) // 'not-run'
 * @example failureKind(new BitrixError('INTERNAL_SERVER_ERROR', '', 500)) // 'unknown'
 */
export function failureKind(error: BitrixError): FailureKind {
  if (error.isRateLimit) return 'not-run';
  if (error.status === 401 && (error.code === 'expired_token' || error.code === 'invalid_token')) return 'not-run';
  if (error.isTransport || error.status >= 500 || error.status === 408) return 'unknown';
  if (error.code === 'ERR_BATCH_MISSING' || error.code === 'ERR_UNKNOWN' || error.code === 'ERR_NETWORK')
    return 'unknown';
  return 'refused';
}

export interface ReadRetryOptions {
  signal?: AbortSignal;
  attempts?: number;
  /** First pause in ms; doubled each time. */
  delayMs?: number;
}

/**
 * Runs a read again after a failure that is not final (reads are safe to repeat; the SDK retries a
 * 503 itself but not a 500 `INTERNAL_SERVER_ERROR` or a `NOT_FOUND`-free 5xx).
 *
 * @example const rows = await readWithRetry(() => client.listAll('crm.currency.list'), { signal });
 */
export async function readWithRetry<T>(read: () => Promise<T>, options: ReadRetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  let delay = options.delayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (e) {
      const error = e instanceof BitrixError ? e : null;
      if (!error || failureKind(error) === 'refused' || attempt >= attempts) throw e;
      await sleep(delay, options.signal);
      delay = Math.min(delay * 2, 10_000);
    }
  }
}
