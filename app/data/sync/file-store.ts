// Node only (the CLI over a webhook): not exported from index.ts, so the browser bundle never pulls in node:fs.
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PROFILE_NAME, type ChangeRecord, type RunRecord, type SyncProfile, type SyncStore } from './sync-store.ts';

type LogLine = ({ type: 'run' } & RunRecord) | ({ type: 'change' } & ChangeRecord);

/**
 * SyncStore over local files, for the CLI over an inbound webhook (Bitrix24 refuses `entity.*` to
 * webhooks):
 * - profiles: one JSON file, `{"profiles": [ … ]}` (a lone profile object or an array is read too);
 * - runs and change history: a JSON-lines log, appended to — a `run` line at the start, at each
 *   checkpoint and at the end (the last line of an id is the run's state), a `change` line per product.
 *
 * @example const store = new FileSyncStore({ profilesPath: 'kontor-profiles.json', logPath: 'kontor-sync.jsonl' });
 */
export class FileSyncStore implements SyncStore {
  readonly kind = 'files' as const;
  readonly checkpointEveryMs = 0;

  constructor(private readonly paths: { profilesPath: string; logPath: string }) {}

  private readProfiles(): SyncProfile[] {
    if (!existsSync(this.paths.profilesPath)) return [];
    const text = readFileSync(this.paths.profilesPath, 'utf8');
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new Error(`${this.paths.profilesPath}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const list = Array.isArray(doc)
      ? doc
      : doc && typeof doc === 'object' && Array.isArray((doc as { profiles?: unknown }).profiles)
        ? (doc as { profiles: unknown[] }).profiles
        : doc && typeof doc === 'object' && 'name' in doc
          ? [doc]
          : null;
    if (!list) throw new Error(`${this.paths.profilesPath}: expected {"profiles": [ … ]}`);
    return list.map((p, i) => {
      const profile = p as SyncProfile;
      if (!profile || typeof profile.name !== 'string' || !PROFILE_NAME.test(profile.name))
        throw new Error(`${this.paths.profilesPath}: profile ${i + 1} has no valid "name"`);
      if (profile.kind !== 'currency' && profile.kind !== 'catalog')
        throw new Error(
          `${this.paths.profilesPath}: profile "${profile.name}" has "kind" ${JSON.stringify(profile.kind)} (currency or catalog)`,
        );
      return profile;
    });
  }

  private writeProfiles(profiles: SyncProfile[]): void {
    const tmp = `${this.paths.profilesPath}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ profiles }, null, 2)}\n`);
    renameSync(tmp, this.paths.profilesPath);
  }

  async listProfiles(): Promise<SyncProfile[]> {
    return this.readProfiles();
  }

  async getProfile(name: string): Promise<SyncProfile | null> {
    return this.readProfiles().find((p) => p.name === name) ?? null;
  }

  async saveProfile(profile: SyncProfile): Promise<void> {
    const list = this.readProfiles().filter((p) => p.name !== profile.name);
    this.writeProfiles([...list, profile]);
  }

  async deleteProfile(name: string): Promise<void> {
    this.writeProfiles(this.readProfiles().filter((p) => p.name !== name));
  }

  private append(lines: LogLine[]): void {
    if (lines.length === 0) return;
    appendFileSync(this.paths.logPath, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  }

  private readLog(): LogLine[] {
    if (!existsSync(this.paths.logPath)) return [];
    const out: LogLine[] = [];
    for (const line of readFileSync(this.paths.logPath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as LogLine);
      } catch {
        // A line cut short by a killed process: the lines before it still count.
      }
    }
    return out;
  }

  async createRun(run: Omit<RunRecord, 'id'>): Promise<RunRecord> {
    const record: RunRecord = { ...run, id: `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}` };
    this.append([{ type: 'run', ...record }]);
    return record;
  }

  async checkpoint(run: RunRecord, changes: readonly ChangeRecord[]): Promise<void> {
    this.append([...changes.map((c) => ({ type: 'change' as const, ...c })), { type: 'run', ...run }]);
  }

  async listRuns(filter: { profile?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const runs = new Map<string, RunRecord>();
    for (const line of this.readLog()) {
      if (line.type !== 'run') continue;
      const { type: _type, ...run } = line;
      runs.delete(run.id);
      runs.set(run.id, run);
    }
    return [...runs.values()]
      .filter((r) => !filter.profile || r.profile === filter.profile)
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
      .slice(0, filter.limit ?? 50);
  }

  async listChanges(filter: { runId?: string; externalId?: string; limit?: number }): Promise<ChangeRecord[]> {
    const out: ChangeRecord[] = [];
    for (const line of this.readLog()) {
      if (line.type !== 'change') continue;
      if (filter.runId && line.runId !== filter.runId) continue;
      if (filter.externalId && line.externalId !== filter.externalId) continue;
      const { type: _type, ...change } = line;
      out.push(change);
    }
    return out.reverse().slice(0, filter.limit ?? 500);
  }
}
