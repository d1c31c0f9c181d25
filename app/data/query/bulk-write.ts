import { mutationOptions, useMutation, type QueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { BitrixError, BATCH_MAX, toBitrixError, type BatchOutcome } from '../../b24/index.ts';
import { bulkCommand } from '../providers/bulk-provider.ts';
import type { DataSource } from '../providers/data-source.ts';
import type { ListResult, RecordData, ResourceName } from '../types.ts';
import { invalidateFamily } from './cache.ts';
import { useDataSource } from './data-context.ts';
import { recordKeys } from './keys.ts';

/** What a bulk run writes: per-record fields (each record may get its own, e.g. a stage of its pipeline), or deletes. */
export type BulkWrite =
  { kind: 'update'; items: { id: string; fields: Record<string, unknown> }[] } | { kind: 'delete'; ids: string[] };

/** What happened to one record of a bulk run. */
export interface BulkOutcome {
  id: string;
  ok: boolean;
  /**
   * Why it failed: the portal's refusal of this record, or — when the whole request failed — that
   * request's error (`isTransport` or a 5xx: the portal may or may not have run it).
   */
  error?: BitrixError;
  /** The record as the portal answered an update (crm.item.update returns the whole item). */
  record?: RecordData;
  /** A delete answered "not found": the record was already gone (deleted elsewhere, or by an earlier unanswered try). */
  alreadyGone?: boolean;
}

export interface BulkProgress {
  total: number;
  /** Records the portal has answered for (ok + failed). */
  done: number;
  ok: number;
  failed: number;
}

export interface BulkResult {
  /** One per record sent, in the order sent. */
  outcomes: BulkOutcome[];
  /** Records never sent: the run was cancelled, or stopped when a whole request failed. */
  notAttempted: string[];
  cancelled: boolean;
  /** The error of a request that failed as a whole; the run stops there rather than fail 50 more at a time. */
  stoppedBy?: BitrixError;
}

export interface BulkRunOptions {
  /** Checked between requests: a request already sent is answered and reported, nothing after it is sent. */
  signal?: AbortSignal;
  /** After each request (and once before the first). */
  onProgress?: (progress: BulkProgress) => void;
  /** The outcomes of each request as it is answered (the query layer patches the cache from them). */
  onChunk?: (outcomes: BulkOutcome[]) => void;
}

/** Ids are positive integers on every portal; anything else is refused here, as the providers do. */
const isId = (id: string) => /^[1-9]\d*$/.test(id);

/**
 * Writes many records through `batch`: ≤ 50 commands a request, requests one after another, the
 * progress reported after each, an outcome per record. Nothing is re-sent here: a batch of updates
 * goes through the client's retrying caller (the same values by the same ids are safe to repeat), a
 * batch of deletes through the one that never repeats (app/b24/write-policy.ts). A delete answered
 * NOT_FOUND counts as done (`alreadyGone`): that is what a re-run of an unanswered delete sees.
 * A request that fails as a whole marks its records failed with its error and stops the run; the rest
 * are reported as not attempted, like the records left when `signal` aborts between requests.
 * @example
 * const result = await runBulkWrite(source, 'deals', { kind: 'delete', ids }, { onProgress: setProgress, signal });
 * result.outcomes.filter((o) => !o.ok).map((o) => [o.id, errorMessageKey(o.error)]);
 */
export async function runBulkWrite(
  source: DataSource,
  resource: ResourceName,
  write: BulkWrite,
  { signal, onProgress, onChunk }: BulkRunOptions = {},
): Promise<BulkResult> {
  const provider = source.provider(resource);
  const entries =
    write.kind === 'update'
      ? dedupe(write.items.map((item) => ({ id: item.id, fields: item.fields })))
      : dedupe(write.ids.map((id) => ({ id, fields: {} })));
  const progress: BulkProgress = { total: entries.length, done: 0, ok: 0, failed: 0 };
  const outcomes: BulkOutcome[] = [];
  const record = (batch: BulkOutcome[]) => {
    outcomes.push(...batch);
    for (const o of batch) {
      progress.done++;
      if (o.ok) progress.ok++;
      else progress.failed++;
    }
    onChunk?.(batch);
    onProgress?.({ ...progress });
  };
  onProgress?.({ ...progress });

  // An id that cannot exist costs no request; it is answered as the portal would answer it.
  const invalid = entries.filter((e) => !isId(e.id));
  if (invalid.length > 0)
    record(
      invalid.map((e) => ({
        id: e.id,
        ok: false,
        error: new BitrixError('NOT_FOUND', `No record with id "${e.id}"`, 0, `crm.item.${write.kind}`),
      })),
    );

  const valid = entries.filter((e) => isId(e.id));
  for (let i = 0; i < valid.length; i += BATCH_MAX) {
    const part = valid.slice(i, i + BATCH_MAX);
    if (signal?.aborted) return { outcomes, notAttempted: valid.slice(i).map((e) => e.id), cancelled: true };
    try {
      const answers = await source.client.batch(part.map((e) => bulkCommand(provider, write.kind, e.id, e.fields)));
      record(part.map((e, k) => outcomeOf(write.kind, e.id, answers[k]!)));
    } catch (e) {
      const error = toBitrixError(e, 'batch');
      record(part.map((entry) => ({ id: entry.id, ok: false, error })));
      return {
        outcomes,
        notAttempted: valid.slice(i + BATCH_MAX).map((e) => e.id),
        cancelled: false,
        stoppedBy: error,
      };
    }
  }
  return { outcomes, notAttempted: [], cancelled: false };
}

function dedupe<T extends { id: string }>(entries: T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

function outcomeOf(kind: BulkWrite['kind'], id: string, answer: BatchOutcome): BulkOutcome {
  if (!answer.ok) {
    if (kind === 'delete' && answer.error.isNotFound) return { id, ok: true, alreadyGone: true };
    return { id, ok: false, error: answer.error };
  }
  if (kind === 'delete') return { id, ok: true };
  const item = (answer.value.result as { item?: Record<string, unknown> } | undefined)?.item;
  return item ? { id, ok: true, record: { ...item, id: String(item.id ?? id) } } : { id, ok: true };
}

function isListResult(value: unknown): value is ListResult {
  return !!value && typeof value === 'object' && Array.isArray((value as ListResult).data);
}

/**
 * Puts a request's outcomes into the cache: updated records (the portal's answers) replace their
 * `one` entries and their rows in every cached list; deleted ones leave both. One pass per list for
 * the whole request, not one per record: a list may hold 10,000 rows.
 */
export function applyBulkOutcomes(queryClient: QueryClient, resource: ResourceName, outcomes: BulkOutcome[]): void {
  const updated = new Map<string, RecordData>();
  const deleted = new Set<string>();
  for (const o of outcomes) {
    if (!o.ok) continue;
    if (o.record) updated.set(o.id, o.record);
    else deleted.add(o.id);
  }
  for (const [id, record] of updated) queryClient.setQueryData(recordKeys.one(resource, id), record);
  for (const id of deleted) queryClient.removeQueries({ queryKey: recordKeys.one(resource, id), exact: true });
  if (updated.size === 0 && deleted.size === 0) return;
  queryClient.setQueriesData<ListResult>({ queryKey: recordKeys.lists(resource) }, (old) => {
    if (!isListResult(old) || !old.data.some((r) => updated.has(r.id) || deleted.has(r.id))) return old;
    const data = old.data.filter((r) => !deleted.has(r.id)).map((r) => ({ ...r, ...updated.get(r.id), id: r.id }));
    const removed = old.data.length - data.length;
    return { ...old, data, ...(old.total === undefined ? {} : { total: Math.max(old.total - removed, 0) }) };
  });
}

/** What a bulk mutation is given: the write, and the run's progress callback and cancel signal. */
export interface BulkRunVariables extends Pick<BulkRunOptions, 'signal' | 'onProgress'> {
  write: BulkWrite;
}

/**
 * Mutation options of a bulk run: the cache is patched as each request is answered, and the
 * resource's family is invalidated once the run ends (cancelled and stopped runs too: part of it was written).
 */
export function bulkWriteOptions(source: DataSource, resource: ResourceName) {
  return mutationOptions<BulkResult, Error, BulkRunVariables>({
    mutationKey: [...recordKeys.all(resource), 'bulk'],
    mutationFn: ({ write, signal, onProgress }, { client }) =>
      runBulkWrite(source, resource, write, {
        signal,
        onProgress,
        onChunk: (outcomes) => applyBulkOutcomes(client, resource, outcomes),
      }),
    onSettled: (_result, _error, _variables, _context, { client }) => invalidateFamily(client, resource),
  });
}

/**
 * A bulk run with its progress: `start` sends and resolves with the outcomes, `cancel` stops before the
 * next request, `progress` follows each answered request. One run at a time; a retry is a new run.
 * @example
 * const bulk = useBulkWrite('deals');
 * const result = await bulk.start({ kind: 'update', items: ids.map((id) => ({ id, fields: { assignedById: 7 } })) });
 * <Progress value={bulk.progress ? (100 * bulk.progress.done) / bulk.progress.total : 0} />
 */
export function useBulkWrite(resource: ResourceName) {
  const source = useDataSource();
  const mutation = useMutation(bulkWriteOptions(source, resource));
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const { mutateAsync, reset: resetMutation } = mutation;

  const start = useCallback(
    (write: BulkWrite): Promise<BulkResult> => {
      controller.current = new AbortController();
      setProgress(null);
      return mutateAsync({ write, signal: controller.current.signal, onProgress: setProgress });
    },
    [mutateAsync],
  );
  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => {
    setProgress(null);
    resetMutation();
  }, [resetMutation]);

  return {
    start,
    cancel,
    reset,
    progress,
    result: mutation.data,
    /** A failure of the run itself (not of a record: those are outcomes). */
    error: mutation.error,
    isRunning: mutation.isPending,
  };
}
