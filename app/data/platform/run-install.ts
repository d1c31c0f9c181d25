import { BATCH_MAX, toBitrixError, type B24Client, type BatchCommand } from '../../b24/client.ts';
import type { BitrixError } from '../../b24/errors.ts';
import { commandsOf, type InstallPlan, type InstallStep } from './install-plan.ts';

export interface StepOutcome {
  step: InstallStep;
  ok: boolean;
  /** The first failure among the step's commands. */
  error?: BitrixError;
}

export interface InstallReport {
  ok: boolean;
  outcomes: StepOutcome[];
}

export interface CommandRun {
  done: number;
  total: number;
}

/**
 * Runs commands in batches of ≤ 50 (`halt: 0`, in order, each with its own outcome). A batch whose HTTP request
 * fails counts as failed for every command in it; later batches still run (every step is idempotent).
 * @example const [set] = await runCommands(client, [{ method: 'app.option.set', params: { options: { a: 1 } } }]); set.ok
 */
export async function runCommands(
  client: B24Client,
  commands: BatchCommand[],
  onProgress?: (run: CommandRun) => void,
): Promise<({ ok: true } | { ok: false; error: BitrixError })[]> {
  const outcomes: ({ ok: true } | { ok: false; error: BitrixError })[] = [];
  onProgress?.({ done: 0, total: commands.length });
  for (let i = 0; i < commands.length; i += BATCH_MAX) {
    const chunk = commands.slice(i, i + BATCH_MAX);
    try {
      for (const o of await client.batch(chunk)) outcomes.push(o.ok ? { ok: true } : { ok: false, error: o.error });
    } catch (e) {
      const error = toBitrixError(e, 'batch');
      for (let k = 0; k < chunk.length; k++) outcomes.push({ ok: false, error });
    }
    onProgress?.({ done: outcomes.length, total: commands.length });
  }
  return outcomes;
}

/**
 * Executes an install plan: stale bindings removed, placements bound, option defaults written — all in
 * batches (a usual portal: one HTTP request). Nothing here calls `installFinish`; the caller does, and only
 * when `report.ok`.
 * @example const report = await runInstall(client, computeInstallPlan(manifest, handler, await readInstallState(client)));
 */
export async function runInstall(
  client: B24Client,
  plan: InstallPlan,
  onProgress?: (run: CommandRun) => void,
): Promise<InstallReport> {
  const commands: BatchCommand[] = [];
  const owner: number[] = [];
  plan.steps.forEach((step, index) =>
    commandsOf(step).forEach((c) => {
      commands.push(c);
      owner.push(index);
    }),
  );
  const results = await runCommands(client, commands, onProgress);
  const outcomes: StepOutcome[] = plan.steps.map((step) => ({ step, ok: true }));
  results.forEach((r, k) => {
    const o = outcomes[owner[k]!]!;
    if (!r.ok && o.ok) {
      o.ok = false;
      o.error = r.error;
    }
  });
  return { ok: outcomes.every((o) => o.ok), outcomes };
}
