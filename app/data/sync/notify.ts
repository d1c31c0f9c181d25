import type { B24Client } from '../../b24/index.ts';
import { addBlogPost } from '../providers/blogpost-provider.ts';
import { sendNotification, type NotificationKind } from '../providers/notify-provider.ts';
import type { CurrencyPlan } from './currency-sync.ts';
import type { RunRecord } from './sync-store.ts';

/** Sends a run's summary; the runner calls it once per finished (or failed) run. */
export type SyncNotifier = (summary: string, run: RunRecord) => Promise<void>;

const fmt = (n: number) => n.toLocaleString('en-US');
const count = (n: number, one: string, many: string) => `${fmt(n)} ${n === 1 ? one : many}`;

/**
 * A run's summary for the responsible person (BB-code allowed by the portal; this is plain text):
 * what was written, what failed and why, and what was not written.
 *
 * @example runSummary(run) // 'Kontor catalog sync "erp": 3 created, 120 updated, 0 deactivated, 1 failed, 9,876 unchanged.'
 */
export function runSummary(run: RunRecord, extra: { notAttempted?: number; currency?: CurrencyPlan } = {}): string {
  const c = run.counts;
  const head = `Kontor ${run.kind} sync "${run.profile}"`;
  const lines: string[] = [];
  if (run.status === 'refused') {
    lines.push(`${head}: the feed was refused, nothing was written.`);
    for (const e of run.errors.slice(0, 5)) lines.push(`- ${e.line ? `line ${e.line}: ` : ''}${e.message}`);
    if (run.errors.length > 5) lines.push(`- and ${run.errors.length - 5} more`);
    return lines.join('\n');
  }
  const state =
    run.status === 'done'
      ? ''
      : run.status === 'aborted'
        ? ' (cancelled)'
        : run.status === 'planned'
          ? ' (dry run, nothing written)'
          : ` (${run.status})`;
  if (run.kind === 'currency') {
    lines.push(
      `${head}${state}: ${count(c.updated, 'rate', 'rates')} updated, ${count(c.created, 'currency', 'currencies')} added, ${fmt(c.unchanged)} unchanged, ${fmt(c.failed)} failed.`,
    );
    const plan = extra.currency;
    if (plan)
      for (const r of plan.rows.filter((r) => r.status === 'update').slice(0, 10))
        lines.push(`- ${r.currency} per ${r.amountCnt}: ${r.oldAmount} → ${r.newAmount} ${plan.base}`);
  } else {
    lines.push(
      `${head}${state}: ${fmt(c.created)} created, ${fmt(c.updated)} updated, ${fmt(c.deactivated)} deactivated, ${fmt(c.failed)} failed, ${fmt(c.unchanged)} unchanged.`,
    );
    if (c.sections) lines.push(`${count(c.sections, 'section', 'sections')} created.`);
  }
  for (const e of run.errors.slice(0, 5))
    lines.push(`- ${e.externalId ? `${e.externalId}${e.line ? ` (line ${e.line})` : ''}: ` : ''}${e.message}`);
  if (run.errors.length > 5) lines.push(`- and ${run.errors.length - 5} more`);
  if (extra.notAttempted) lines.push(`${fmt(extra.notAttempted)} not written; run the sync again to continue.`);
  return lines.join('\n');
}

export interface NotifyTarget {
  /** The responsible person. */
  userId?: string;
  /** `system` (from the app; app context only) or `personal` (from the user the client acts as: webhooks). */
  kind?: NotificationKind;
  /** Also post the summary to the activity stream, for everyone. */
  postToStream?: boolean;
}

/**
 * A notifier over the data layer's notification and feed providers (`im.notify.*`, `log.blogpost.add`).
 *
 * @example const notify = syncNotifier(client, { userId: '3', kind: 'system', postToStream: true });
 */
export function syncNotifier(client: B24Client, target: NotifyTarget): SyncNotifier {
  return async (summary, run) => {
    if (target.userId)
      await sendNotification(client, {
        userId: target.userId,
        message: summary,
        kind: target.kind ?? 'personal',
        tag: `kontor|sync|${run.profile}`,
      });
    if (target.postToStream)
      await addBlogPost(client, {
        title: `Kontor ${run.kind} sync: ${run.profile}`,
        message: summary,
        recipients: ['UA'],
      });
  };
}
