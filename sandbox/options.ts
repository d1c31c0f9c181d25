import type { RateLimitPlan } from './state.ts';

export interface SandboxOptions {
  host: string;
  port: number;
  httpsPort: number;
  dataDir: string;
  reset: boolean;
  appUrl: string | null;
  installUrl: string | null;
  appDir: string | null;
  appScopes: string | null;
  seed: 'demo' | 'large' | 'none';
  rateLimit: RateLimitPlan;
  tokenTtl: number;
  latency: number;
  faults: Record<string, number>;
  timeZone: string;
  quiet: boolean;
}

export const DEFAULT_OPTIONS: SandboxOptions = {
  host: '127.0.0.1',
  port: 4000,
  httpsPort: 0,
  dataDir: '.sandbox',
  reset: false,
  appUrl: null,
  installUrl: null,
  appDir: null,
  appScopes: null,
  seed: 'demo',
  rateLimit: 'standard',
  tokenTtl: 3600,
  latency: 0,
  faults: {},
  timeZone: 'Europe/Copenhagen',
  quiet: false,
};

/** `"503:0.2,500:0.05"` → `{"503": 0.2, "500": 0.05}`, or an error text naming the bad part. */
export function parseFaults(text: string): Record<string, number> | string {
  const out: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([45]\d\d):(\d*\.?\d+)$/.exec(part);
    if (!m) return `--faults: "${part}" is not STATUS:RATE (e.g. 503:0.2)`;
    const rate = Number(m[2]);
    if (rate > 1) return `--faults: rate ${m[2]} for ${m[1]} is above 1`;
    out[m[1]!] = rate;
  }
  return out;
}

const HELP = `Usage: npm run sandbox -- [flags]
  --port N              HTTP port (default 4000)
  --https-port N        HTTPS port (default: port + 1)
  --host H              host name, used in every URL (default 127.0.0.1)
  --data DIR            SQLite file and state (default .sandbox/)
  --reset               start from a fresh seed
  --app-url URL         the app to host as app 1 (default: Kontor's built app, else its dev server)
  --install-url URL     the app's install page (default: the app URL, opened with INSTALL=true)
  --app-dir DIR         serve a static app folder and host it (e.g. an unzipped package)
  --app-scopes LIST     scopes of app 1, comma-separated (default: all)
  --seed demo|large|none  data to seed a new portal with (default demo)
  --rate-limit standard|enterprise|off  (default standard)
  --token-ttl SECONDS   access-token lifetime (default 3600)
  --latency MS          delay added to every REST response
  --faults "503:0.2,500:0.05"  random failures by status and rate
  --timezone TZ         portal time zone (default Europe/Copenhagen)
  --quiet               print only the three start lines`;

/** Parses command-line flags; throws an Error whose message names the bad flag or value. */
export function parseArgs(argv: string[]): SandboxOptions | 'help' {
  const o: SandboxOptions = { ...DEFAULT_OPTIONS, faults: {} };
  let httpsPortSet = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=')
      ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
      : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    const int = (min: number) => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`${name}: "${v}" is not a whole number ≥ ${min}`);
      return Number(v);
    };
    switch (name) {
      case '--help':
      case '-h':
        return 'help';
      case '--port':
        o.port = int(0);
        break;
      case '--https-port':
        o.httpsPort = int(0);
        httpsPortSet = true;
        break;
      case '--host':
        o.host = value();
        break;
      case '--data':
        o.dataDir = value();
        break;
      case '--reset':
        o.reset = true;
        break;
      case '--app-url':
        o.appUrl = value();
        break;
      case '--install-url':
        o.installUrl = value();
        break;
      case '--app-dir':
        o.appDir = value();
        break;
      case '--app-scopes':
        o.appScopes = value();
        break;
      case '--seed': {
        const v = value();
        if (v !== 'demo' && v !== 'large' && v !== 'none') throw new Error(`--seed: "${v}" is not demo, large or none`);
        o.seed = v;
        break;
      }
      case '--rate-limit': {
        const v = value();
        if (v !== 'standard' && v !== 'enterprise' && v !== 'off')
          throw new Error(`--rate-limit: "${v}" is not standard, enterprise or off`);
        o.rateLimit = v;
        break;
      }
      case '--token-ttl':
        o.tokenTtl = int(1);
        break;
      case '--latency':
        o.latency = int(0);
        break;
      case '--faults': {
        const f = parseFaults(value());
        if (typeof f === 'string') throw new Error(f);
        o.faults = f;
        break;
      }
      case '--timezone':
        o.timeZone = value();
        break;
      case '--quiet':
        o.quiet = true;
        break;
      default:
        throw new Error(`unknown flag ${flag} (see --help)`);
    }
  }
  if (!httpsPortSet) o.httpsPort = o.port === 0 ? 0 : o.port + 1;
  for (const u of [o.appUrl, o.installUrl]) {
    if (u !== null && !/^https?:\/\/[^/]+/.test(u))
      throw new Error(`--app-url/--install-url: "${u}" is not an absolute http(s) URL`);
  }
  return o;
}

export { HELP };
