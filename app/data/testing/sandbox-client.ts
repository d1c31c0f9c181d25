import type { B24Client } from '../../b24/index.ts';
import { createHookClient } from '../../b24/hook-client.ts';
import { TEST_RESTRICTION_PARAMS } from '../../b24/restrictions.ts';

/** What the data tests need of a running sandbox (structural, so this helper never imports sandbox/). */
export interface SandboxHandle {
  sandbox: { webhookUrl: string; caPath: string };
  raw(path: string, init?: RequestInit): Promise<Response>;
}

export interface LogEntry {
  method: string;
  status: number;
  batch?: string[];
}

/**
 * The real client over the sandbox's webhook (HTTPS through the SDK, limiter raised for tests) and
 * the portal's request log, to count HTTP round trips.
 * @example const { client, log, clearLog } = sandboxClient(await startTestSandbox());
 */
export function sandboxClient(t: SandboxHandle) {
  const { client } = createHookClient(t.sandbox.webhookUrl, {
    caPath: t.sandbox.caPath,
    restrictionParams: TEST_RESTRICTION_PARAMS,
  });
  return {
    client: client as B24Client,
    /** Every REST request since the last clear, oldest first. */
    log: async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[],
    clearLog: async () => {
      await t.raw('/sandbox/api/log', { method: 'DELETE' });
    },
    /** The next matching call gets this answer (docs/sandbox.md, control API). */
    force: async (status: number, body: Record<string, unknown>, method?: string) => {
      await t.raw('/sandbox/api/force', { method: 'POST', body: JSON.stringify({ status, body, method, count: 1 }) });
    },
  };
}

/** `batch` requests listed by their sub-commands, lone calls by method: `['batch:crm.item.get,crm.item.list', 'crm.item.update']`. */
export function requests(entries: LogEntry[]): string[] {
  return entries.map((e) => (e.batch ? `batch:${[...e.batch].sort().join(',')}` : e.method));
}
