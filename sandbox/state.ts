import type { Database } from 'better-sqlite3';

export type RateLimitPlan = 'standard' | 'enterprise' | 'off';

/** Run-time controls, settable by flags and by `POST /sandbox/api/config`. */
export interface SandboxConfig {
  rateLimit: RateLimitPlan;
  /** Access-token lifetime in seconds. */
  tokenTtl: number;
  /** Added to every REST response, in ms. */
  latency: number;
  /** Random failures by HTTP status: `{"503": 0.2, "500": 0.05}`. */
  faults: Record<string, number>;
  /** Operating limit per method and app in seconds over a sliding 10 minutes; null = off. */
  operatingLimit: number | null;
  /** Multiplies measured handler time when accounting operating time (to reach the limit in tests). */
  operatingFactor: number;
}

export const RATE_PLANS: Record<Exclude<RateLimitPlan, 'off'>, { burst: number; drain: number }> = {
  standard: { burst: 50, drain: 2 },
  enterprise: { burst: 250, drain: 5 },
};

export interface LogEntry {
  id: number;
  /** ISO time the request arrived. */
  at: string;
  /** REST method (lower-case) or `batch`. */
  method: string;
  httpMethod: string;
  status: number;
  error: string | null;
  durationMs: number;
  auth: 'app' | 'webhook' | 'none';
  userId: number | null;
  /** Sub-command methods of a batch. */
  batch?: string[];
}

export interface ForcedResponse {
  status: number;
  body: unknown;
  /** Only for this REST method (lower-case); any method when absent. */
  method?: string;
}

/** Everything a running sandbox holds besides the database. */
export class SandboxState {
  config: SandboxConfig;
  log: LogEntry[] = [];
  private logSeq = 0;
  /** Responses to hand out instead of running the next matching REST calls. */
  forced: ForcedResponse[] = [];
  /** Leaky bucket per source address. */
  buckets = new Map<string, { level: number; at: number }>();
  /** Operating time: key `${appKey}|${method}` → minute buckets [startMs, seconds]. */
  operating = new Map<string, [number, number][]>();
  readonly startedAt = Date.now();

  constructor(
    readonly db: Database,
    config: Partial<SandboxConfig> = {},
    readonly portal: {
      host: string;
      port: number;
      httpsPort: number;
      appUrl: string;
      dataDir: string;
      webhookCode: string;
      caPath: string;
    },
  ) {
    this.config = {
      rateLimit: 'off',
      tokenTtl: 3600,
      latency: 0,
      faults: {},
      operatingLimit: null,
      operatingFactor: 1,
      ...config,
    };
  }

  get origin(): string {
    return `http://${this.portal.host}:${this.portal.port}`;
  }

  addLog(entry: Omit<LogEntry, 'id'>): void {
    this.log.push({ id: ++this.logSeq, ...entry });
    if (this.log.length > 20_000) this.log.splice(0, this.log.length - 20_000);
  }
}
