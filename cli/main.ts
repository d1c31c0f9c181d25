import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toBitrixError, type B24Client } from '../app/b24/client.ts';
import { BitrixError } from '../app/b24/errors.ts';
import { createHookClient, type RestrictionParams } from '../app/b24/hook-client.ts';
import { createOAuthClient } from '../app/b24/oauth-client.ts';
import { FileSyncStore } from '../app/data/sync/file-store.ts';
import {
  assertFeedSize,
  describeFeedError,
  EntitySyncStore,
  exportCatalog,
  fetchFeed,
  FeedRefused,
  pacedClient,
  PROFILE_NAME,
  RATE_PLANS,
  RequestPacer,
  runCatalogSync,
  runCurrencySync,
  syncNotifier,
  type CatalogSyncResult,
  type CurrencySyncResult,
  type FeedFile,
  type SyncKind,
  type SyncNotifier,
  type SyncProfile,
  type SyncProgress,
  type SyncStore,
} from '../app/data/sync/index.ts';

/** Exit codes (docs/sync.md "CLI"). */
export const EXIT = {
  ok: 0,
  /** The run failed, was cancelled, or some products/currencies failed. */
  failed: 1,
  /** A bad flag, a missing file, an unknown profile: nothing was sent. */
  usage: 2,
  /** The feed was refused (bad input): nothing was written. */
  refused: 3,
} as const;

/** A mistake in the command line: printed with the flag it names, exit 2. */
export class UsageError extends Error {}

const HELP = `kontor — headless currency and catalog sync for Bitrix24 (docs/sync.md)

Usage:
  kontor sync currency|catalog CONNECTION (--profile NAME | --source PATH|URL) [--dry-run] [options]
  kontor export catalog CONNECTION --format json|csv|xml --out FILE [--currency CODE] [--include-inactive]
  kontor profiles list|import CONNECTION [--profiles FILE]
  kontor runs list CONNECTION [--profile NAME] [--limit N]

CONNECTION, one of:
  --webhook URL                      an inbound webhook (https://portal/rest/USER/CODE/); profiles from
                                     --profiles FILE, run log appended to --log FILE
  --client-id ID --client-secret S --refresh-token T --portal URL
                                     the app's OAuth credentials (application context): profiles and
                                     runs in the portal's storage, as in the workspace
      --oauth-server URL             token server (default: the portal; cloud: https://oauth.bitrix.info)
      --token-file FILE              keep the rotating refresh token here (read first if present)
  --ca PATH                          trust this PEM too (the sandbox's self-signed CA; or NODE_EXTRA_CA_CERTS)
  --rate-limit standard|enterprise|off   the portal's plan; every request is paced to it (default standard)

Sync options:
  --profiles FILE    profiles over a webhook (default ./kontor-profiles.json)
  --log FILE         run log over a webhook, JSON lines (default ./kontor-sync.jsonl)
  --format F         csv|json|xml (catalog), ecb|json|csv (currency); default: detected
  --encoding E       auto|utf-8|windows-1252 (default auto: UTF-8, else refused)
  --delimiter D      CSV delimiter (default detected); --decimal ,|.|auto
  --full-feed        catalog: deactivate active products missing from the feed
  --add-currencies L currency: add feed currencies the portal lacks (all, or USD,JPY)
  --notify USER_ID   notify this user (default: the profile's responsible person)
  --post-to-stream   also post the summary to the activity stream
  --quiet            no progress on stderr

Progress goes to stderr, a JSON summary to stdout. Exit codes: 0 ok, 1 failed (or some items
failed), 2 bad command line, 3 feed refused (nothing written).`;

const OPTIONS = {
  webhook: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'refresh-token': { type: 'string' },
  portal: { type: 'string' },
  'oauth-server': { type: 'string' },
  'token-file': { type: 'string' },
  ca: { type: 'string' },
  'rate-limit': { type: 'string' },
  profile: { type: 'string' },
  profiles: { type: 'string' },
  source: { type: 'string' },
  log: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'full-feed': { type: 'boolean' },
  'add-currencies': { type: 'string' },
  format: { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  out: { type: 'string' },
  currency: { type: 'string' },
  'include-inactive': { type: 'boolean' },
  notify: { type: 'string' },
  'post-to-stream': { type: 'boolean' },
  limit: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseFlags>['values'];

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs names the flag: "Unknown option '--x'", "Option '--out <value>' argument missing".
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '') : String(e));
  }
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag}: "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

function existingFile(flag: string, path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`--${flag}: no such file ${path}`);
  return path;
}

interface Connection {
  client: B24Client;
  mode: 'webhook' | 'app';
  pacer: RequestPacer | null;
  store: SyncStore;
}

/**
 * The SDK's limiter for a plan, as the CLI (and the bench) set it.
 *
 * @example createHookClient(url, { restrictionParams: restrictionParams('standard') })
 */
export function restrictionParams(plan: 'standard' | 'enterprise' | 'off'): Partial<RestrictionParams> {
  if (plan === 'off')
    return {
      rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false },
      adaptiveConfig: { enabled: false, thresholdPercent: 80, coefficient: 0.01, maxDelay: 7000 },
    };
  const p = RATE_PLANS[plan];
  // Kontor's pacer keeps the run under the plan; the SDK's limiter is the plan itself, without the
  // adaptive lowering that would crawl at 0.5/s after a few 503s the portal sent for other reasons.
  return {
    rateLimit: { burstLimit: p.burst, drainRate: p.drainPerSecond, adaptiveEnabled: false },
    adaptiveConfig: { enabled: false, thresholdPercent: 80, coefficient: 0.01, maxDelay: 7000 },
  };
}

function connect(flags: Flags): Connection {
  const plan = oneOf('rate-limit', flags['rate-limit'], ['standard', 'enterprise', 'off'] as const) ?? 'standard';
  const caPath = flags.ca ? existingFile('ca', flags.ca) : undefined;
  const pacer = plan === 'off' ? null : new RequestPacer(RATE_PLANS[plan]);
  const oauthFlags = ['client-id', 'client-secret', 'refresh-token', 'portal'] as const;
  const given = oauthFlags.filter((f) => flags[f] !== undefined);
  if (flags.webhook !== undefined) {
    if (given.length > 0) throw new UsageError(`--webhook and --${given[0]} do not go together: choose one connection`);
    let url: URL;
    try {
      url = new URL(flags.webhook);
    } catch {
      throw new UsageError(`--webhook: "${flags.webhook}" is not a URL`);
    }
    if (url.protocol !== 'https:')
      throw new UsageError(
        `--webhook: ${url.protocol}// is not supported, the SDK calls https:// only (the sandbox serves https on its https port)`,
      );
    if (!/^\/rest\/\d+\/[^/]+\/?$/.test(url.pathname))
      throw new UsageError(`--webhook: "${flags.webhook}" is not a webhook URL (https://portal/rest/USER_ID/CODE/)`);
    const { client } = createHookClient(url.href, { caPath, restrictionParams: restrictionParams(plan) });
    const store = new FileSyncStore({
      profilesPath: resolve(flags.profiles ?? 'kontor-profiles.json'),
      logPath: resolve(flags.log ?? 'kontor-sync.jsonl'),
    });
    return { client, mode: 'webhook', pacer, store };
  }
  if (given.length === 0)
    throw new UsageError(
      'No connection: give --webhook URL, or --client-id, --client-secret, --refresh-token and --portal',
    );
  const missing = oauthFlags.filter((f) => flags[f] === undefined);
  if (missing.length > 0 && !(missing.length === 1 && missing[0] === 'refresh-token' && flags['token-file']))
    throw new UsageError(`OAuth needs --${missing.join(', --')} as well`);
  if (flags.profiles || flags.log)
    throw new UsageError(
      `--${flags.profiles ? 'profiles' : 'log'} is for webhook runs; with app credentials profiles and runs live in the portal`,
    );
  try {
    new URL(flags.portal!);
  } catch {
    throw new UsageError(`--portal: "${flags.portal}" is not a URL`);
  }
  const tokenFile = flags['token-file'] ? resolve(flags['token-file']) : null;
  let refreshToken = flags['refresh-token'];
  if (tokenFile && existsSync(tokenFile)) {
    try {
      refreshToken =
        (JSON.parse(readFileSync(tokenFile, 'utf8')) as { refreshToken?: string }).refreshToken ?? refreshToken;
    } catch {
      throw new UsageError(`--token-file: ${tokenFile} is not the JSON this CLI writes ({"refreshToken": "…"})`);
    }
  }
  if (!refreshToken) throw new UsageError('OAuth needs --refresh-token (or a --token-file holding one)');
  const { client } = createOAuthClient({
    portalUrl: flags.portal!,
    clientId: flags['client-id']!,
    clientSecret: flags['client-secret']!,
    refreshToken,
    oauthServer: flags['oauth-server'],
    caPath,
    restrictionParams: restrictionParams(plan),
    // A refresh token works once: keep the new one, or the next cron run cannot log in.
    onTokens: tokenFile
      ? (t) =>
          writeFileSync(
            tokenFile,
            `${JSON.stringify({ refreshToken: t.refreshToken, at: new Date().toISOString() })}\n`,
            { mode: 0o600 },
          )
      : undefined,
  });
  const store = new EntitySyncStore(pacer ? pacedClient(client, pacer) : client);
  return { client, mode: 'app', pacer, store };
}

/** The feed's bytes: a URL is downloaded, a path read — each refused above 50 MB before reading. */
async function readSource(location: string, signal: AbortSignal): Promise<FeedFile> {
  if (/^https?:\/\//i.test(location)) return fetchFeed(location, { signal });
  const path = existingFile('source', location);
  assertFeedSize(statSync(path).size);
  return { bytes: new Uint8Array(readFileSync(path)), name: basename(path) };
}

async function resolveProfile(kind: SyncKind, flags: Flags, store: SyncStore, where: string): Promise<SyncProfile> {
  let profile: SyncProfile;
  if (flags.profile !== undefined) {
    const found = await store.getProfile(flags.profile);
    if (!found) throw new UsageError(`--profile: no profile "${flags.profile}" in ${where}`);
    if (found.kind !== kind)
      throw new UsageError(`--profile: "${flags.profile}" is a ${found.kind} profile, not ${kind}`);
    profile = found;
  } else if (flags.source !== undefined) {
    // No profile: columns are mapped by their header names; the run is logged under the file's name.
    const name =
      basename(flags.source.replace(/[?#].*$/, ''))
        .replace(/[^\p{L}\p{N} ._-]/gu, '_')
        .slice(0, 60) || 'source';
    profile = { name: PROFILE_NAME.test(name) ? name : `source-${kind}`, kind };
  } else throw new UsageError('Give --profile NAME or --source PATH|URL');
  const source = { ...profile.source };
  if (flags.source !== undefined) source.location = flags.source;
  const formats =
    kind === 'catalog' ? (['auto', 'csv', 'json', 'xml'] as const) : (['auto', 'ecb', 'json', 'csv'] as const);
  source.format = oneOf('format', flags.format, formats) ?? source.format;
  source.encoding = oneOf('encoding', flags.encoding, ['auto', 'utf-8', 'windows-1252'] as const) ?? source.encoding;
  source.decimal = oneOf('decimal', flags.decimal, [',', '.', 'auto'] as const) ?? source.decimal;
  if (flags.delimiter !== undefined) {
    const d = flags.delimiter === '\\t' || flags.delimiter === 'tab' ? '\t' : flags.delimiter;
    if (d.length !== 1) throw new UsageError(`--delimiter: "${flags.delimiter}" is not one character`);
    source.delimiter = d;
  }
  if (!source.location) throw new UsageError(`Profile "${profile.name}" names no source: give --source PATH|URL`);
  const out: SyncProfile = { ...profile, source };
  if (flags['full-feed']) out.fullFeed = true;
  if (flags['add-currencies'] !== undefined) {
    const list = flags['add-currencies']
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    if (list.some((c) => c !== 'ALL' && !/^[A-Z]{3}$/.test(c)))
      throw new UsageError(`--add-currencies: "${flags['add-currencies']}" is not "all" or a list of currency codes`);
    out.addCurrencies = list.includes('ALL') ? 'all' : list;
  }
  if (flags.notify !== undefined) {
    if (!/^[1-9]\d*$/.test(flags.notify)) throw new UsageError(`--notify: "${flags.notify}" is not a user id`);
    out.responsibleId = flags.notify;
  }
  if (flags['post-to-stream']) out.postToStream = true;
  return out;
}

/** Progress lines on stderr, at most one a second (and every phase change). */
function progressPrinter(kind: SyncKind, write: (line: string) => void) {
  let last = 0;
  let phase = '';
  const n = (v: number) => v.toLocaleString('en-US');
  return (p: SyncProgress) => {
    const now = Date.now();
    if (p.phase === phase && now - last < 1000 && p.done !== p.total) return;
    phase = p.phase;
    last = now;
    let text: string;
    if (p.phase === 'read') text = p.read ? `reading the portal: ${n(p.read)} products` : 'reading the portal';
    else if (p.phase === 'sections') text = 'creating sections';
    else if (p.phase === 'products' || p.phase === 'currencies')
      text = `writing ${n(p.done)}/${n(p.total)} (created ${n(p.created)}, updated ${n(p.updated)}, deactivated ${n(p.deactivated)}, failed ${n(p.failed)})${p.etaMs !== null && p.done < p.total ? `, about ${Math.ceil(p.etaMs / 1000)} s left` : ''}`;
    else text = p.phase === 'done' ? 'done' : p.phase === 'log' ? 'logging the run' : `${p.phase}…`;
    write(`[kontor ${kind}] ${text}\n`);
  };
}

function syncOutput(command: string, result: CatalogSyncResult | CurrencySyncResult, extra: Record<string, unknown>) {
  const run = result.run;
  const out: Record<string, unknown> = {
    command,
    status: result.status,
    profile: extra.profile,
    dryRun: extra.dryRun,
    runId: run?.id ?? null,
    counts: run?.counts ?? null,
    summary: result.summary,
    errors: result.errors.map((e) => e.toJSON()),
    moreErrors: result.moreErrors,
    ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
    warnings: result.warnings,
    requests: result.requests,
    ...extra,
  };
  return out;
}

function exitFor(result: CatalogSyncResult | CurrencySyncResult): number {
  if (result.status === 'refused') return EXIT.refused;
  if (result.status === 'failed' || result.status === 'aborted') return EXIT.failed;
  return (result.run?.counts.failed ?? 0) > 0 ? EXIT.failed : EXIT.ok;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  signal?: AbortSignal;
}

/**
 * Runs one command line; resolves with the exit code (never throws for bad input).
 *
 * @example process.exitCode = await main(['sync', 'catalog', '--webhook', url, '--source', 'erp.csv', '--dry-run']);
 */
export async function main(argv: string[], io?: CliIo): Promise<number> {
  const controller = new AbortController();
  const stdout = io?.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = io?.stderr ?? ((t: string) => void process.stderr.write(t));
  const signal = io?.signal ?? controller.signal;
  const onSigint = () => {
    stderr('[kontor] cancelling after the request in flight…\n');
    controller.abort();
  };
  if (!io) process.once('SIGINT', onSigint);
  try {
    const { values: flags, positionals } = parseFlags(argv);
    const [command, object, ...rest] = positionals;
    if (flags.help || !command) {
      stdout(`${HELP}\n`);
      return command || flags.help ? EXIT.ok : EXIT.usage;
    }
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}"`);
    const started = Date.now();
    if (command === 'sync') {
      const kind = oneOf('sync', object, ['currency', 'catalog'] as const);
      if (!kind) throw new UsageError('sync what? kontor sync currency|catalog …');
      for (const f of ['out', 'currency', 'include-inactive'] as const)
        if (flags[f] !== undefined) throw new UsageError(`--${f} is an export option, not a sync option`);
      const conn = connect(flags);
      const where =
        conn.mode === 'webhook' ? resolve(flags.profiles ?? 'kontor-profiles.json') : "the portal's Kontor storage";
      const profile = await resolveProfile(kind, flags, conn.store, where);
      let feed: FeedFile;
      try {
        feed = await readSource(profile.source!.location!, signal);
      } catch (e) {
        if (!(e instanceof FeedRefused)) throw e;
        stdout(
          `${JSON.stringify({ command: `sync ${kind}`, status: 'refused', profile: profile.name, errors: e.errors.map((x) => x.toJSON()) }, null, 2)}\n`,
        );
        stderr(`[kontor ${kind}] refused: ${describeFeedError(e.errors[0]!)}\n`);
        return EXIT.refused;
      }
      let notify: SyncNotifier | null = null;
      if (profile.responsibleId || profile.postToStream) {
        const inner = syncNotifier(conn.client, {
          userId: profile.responsibleId,
          kind: conn.mode === 'app' ? 'system' : 'personal',
          postToStream: profile.postToStream,
        });
        notify = async (summary, run) => {
          await conn.pacer?.take();
          if (profile.postToStream) await conn.pacer?.take();
          await inner(summary, run);
        };
      }
      const options = {
        client: conn.client,
        store: conn.store,
        profile,
        feed,
        dryRun: !!flags['dry-run'],
        signal,
        pacer: conn.pacer,
        notify: flags['dry-run'] ? null : notify,
        onProgress: flags.quiet ? undefined : progressPrinter(kind, stderr),
      };
      const result = kind === 'catalog' ? await runCatalogSync(options) : await runCurrencySync(options);
      const extra: Record<string, unknown> = {
        profile: profile.name,
        dryRun: !!flags['dry-run'],
        source: profile.source?.location,
        store: conn.mode === 'webhook' ? { profiles: where, log: resolve(flags.log ?? 'kontor-sync.jsonl') } : 'entity',
        durationMs: Date.now() - started,
      };
      if (kind === 'catalog') {
        const r = result as CatalogSyncResult;
        if (r.plan) {
          extra.plan = r.plan.counts;
          extra.sectionsToCreate = r.plan.sectionsToCreate.map((p) => p.join('/'));
          extra.preview = r.plan.items
            .filter((i) => i.action !== 'unchanged')
            .slice(0, 100)
            .map((i) => ({
              externalId: i.externalId,
              line: i.line,
              action: i.action,
              changes: i.changes,
              ...(i.reason ? { reason: i.reason } : {}),
            }));
        }
        if (r.apply) {
          extra.failures = r.apply.failures
            .slice(0, 100)
            .map((f) => ({ externalId: f.externalId, line: f.line, error: f.error }));
          extra.notAttempted = r.apply.notAttempted.length;
          extra.writeRequests = r.apply.requests;
        }
      } else {
        const r = result as CurrencySyncResult;
        if (r.plan) extra.rates = r.plan.rows;
        if (r.apply) extra.applied = { updated: r.apply.updated, added: r.apply.added, failed: r.apply.failed };
      }
      stdout(`${JSON.stringify(syncOutput(`sync ${kind}`, result, extra), null, 2)}\n`);
      if (result.status === 'refused')
        stderr(
          `[kontor ${kind}] refused: ${describeFeedError(result.errors[0]!)}${result.errors.length > 1 ? ` (and ${result.errors.length - 1 + result.moreErrors} more, see stdout)` : ''}\n`,
        );
      else if (result.error)
        stderr(`[kontor ${kind}] ${result.status}: ${result.error.code} ${result.error.message}\n`);
      for (const w of result.warnings) stderr(`[kontor ${kind}] warning: ${w}\n`);
      return exitFor(result);
    }
    if (command === 'export') {
      if (object !== 'catalog') throw new UsageError('export what? kontor export catalog …');
      const format = oneOf('format', flags.format, ['json', 'csv', 'xml'] as const);
      if (!format) throw new UsageError('--format json|csv|xml is required');
      if (!flags.out) throw new UsageError('--out FILE is required');
      if (flags.currency !== undefined && !/^[A-Za-z]{3}$/.test(flags.currency))
        throw new UsageError(`--currency: "${flags.currency}" is not a currency code`);
      const conn = connect(flags);
      const client = conn.pacer ? pacedClient(conn.client, conn.pacer, signal) : conn.client;
      if (!flags.quiet) stderr('[kontor export] reading the catalog\n');
      const file = await exportCatalog(client, {
        format,
        currency: flags.currency,
        includeInactive: !!flags['include-inactive'],
        signal,
      });
      writeFileSync(flags.out, file.body);
      if (!flags.quiet) stderr(`[kontor export] ${file.count} products written to ${flags.out}\n`);
      stdout(
        `${JSON.stringify({ command: 'export catalog', status: 'done', format, currency: file.currency, count: file.count, out: resolve(flags.out), bytes: Buffer.byteLength(file.body), requests: conn.pacer?.requests ?? null, durationMs: Date.now() - started }, null, 2)}\n`,
      );
      return EXIT.ok;
    }
    if (command === 'profiles') {
      const action = oneOf('profiles', object, ['list', 'import'] as const);
      if (!action) throw new UsageError('profiles list|import');
      if (action === 'import') {
        if (flags.webhook !== undefined)
          throw new UsageError(
            "profiles import writes to the portal's storage: it needs app credentials, not --webhook",
          );
        const file = existingFile('profiles', flags.profiles ?? '');
        const conn = connect({ ...flags, profiles: undefined });
        const list = await new FileSyncStore({ profilesPath: file, logPath: '/dev/null' }).listProfiles();
        for (const p of list) await conn.store.saveProfile(p);
        stdout(
          `${JSON.stringify({ command: 'profiles import', status: 'done', imported: list.map((p) => p.name) }, null, 2)}\n`,
        );
        return EXIT.ok;
      }
      const conn = connect(flags);
      stdout(`${JSON.stringify(await conn.store.listProfiles(), null, 2)}\n`);
      return EXIT.ok;
    }
    if (command === 'runs') {
      if (object !== 'list') throw new UsageError('runs list');
      const limit = flags.limit === undefined ? 20 : Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit: "${flags.limit}" is not a positive whole number`);
      const conn = connect(flags);
      stdout(`${JSON.stringify(await conn.store.listRuns({ profile: flags.profile, limit }), null, 2)}\n`);
      return EXIT.ok;
    }
    throw new UsageError(`Unknown command "${command}" (sync, export, profiles, runs; --help)`);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`kontor: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof FeedRefused) {
      stderr(`kontor: ${e.message}\n`);
      return EXIT.refused;
    }
    const error = e instanceof BitrixError ? e : toBitrixError(e);
    stderr(`kontor: ${error.code ? `${error.code}: ` : ''}${error.message}\n`);
    stdout(`${JSON.stringify({ status: 'failed', error: { code: error.code, message: error.message } }, null, 2)}\n`);
    return EXIT.failed;
  } finally {
    if (!io) process.removeListener('SIGINT', onSigint);
  }
}
