import { BATCH_MAX, PAGE, type B24Client, type BatchCommand } from '../../b24/index.ts';
import type { RecordData, UserBrief } from '../types.ts';
import { compileTaskFilter, needsCurrentUser, type TaskFilter } from './task-filter.ts';
import { toRecord, type TaskRow } from './task-provider.ts';
import { userBriefOf } from './user-provider.ts';

type Tasks = { tasks?: TaskRow[] };
type Params = Record<string, unknown>;

/** What a list row of the task section needs; tasks.task.list joins the users' and group's names in. */
export const TASK_ROW_SELECT = ['ID', 'TITLE', 'STATUS', 'PRIORITY', 'DEADLINE', 'RESPONSIBLE_ID', 'GROUP_ID'];

export interface UserRow {
  ID: string | number;
  NAME?: string | null;
  LAST_NAME?: string | null;
  WORK_POSITION?: string | null;
  PERSONAL_PHOTO?: string | null;
}

export interface TaskStreamQuery {
  filter: TaskFilter;
  /** The current user's id when already known; otherwise `user.current` is read in the first request. */
  me?: string;
  /** At most this many rows are read. */
  cap: number;
  /** Default TASK_ROW_SELECT. */
  select?: string[];
  /** Stops between requests once aborted (the screen moved on). */
  signal?: AbortSignal;
}

/** One request's worth of tasks, as it arrives (newest first). */
export interface TaskChunk {
  rows: RecordData[];
  /** The current user, when this stream read them (first chunk only). */
  me?: UserBrief;
  /** Matching tasks, known once the last chunk is in (the portal's count when the cap was hit). */
  total?: number;
  /** More tasks match than the cap let through (set on the last chunk). */
  capped: boolean;
  /** Nothing more follows. */
  last: boolean;
}

function tasksOf(result: unknown): TaskRow[] {
  const tasks = (result as Tasks | null)?.tasks;
  return Array.isArray(tasks) ? tasks : [];
}

/**
 * Every task matching `filter`, newest first, up to `cap`, one chunk per HTTP request, so a screen shows
 * rows while the rest arrive.
 *
 * - The first page (50 rows) is a lone `call`: it joins the batch of whatever else the screen reads in the
 *   same tick. When the filter is "mine" and the user's id is not known yet, `user.current` goes in the
 *   same batch and the page's filter refers to its answer (`$result[…][ID]`): still one request.
 * - The rest follows a descending `<ID` cursor chain with `start=-1` (each page refers to the last id of
 *   the one before through `$result`): 50 pages, 2,500 rows per request, no COUNT.
 *
 * @example for await (const chunk of streamTasks(client, { filter: { role: 'responsible' }, cap: 10_000 })) rows.push(...chunk.rows);
 */
export async function* streamTasks(client: B24Client, query: TaskStreamQuery): AsyncGenerator<TaskChunk> {
  const { filter, cap, signal } = query;
  const select = query.select ?? TASK_ROW_SELECT;
  const order = { ID: 'DESC' };

  const meCall = needsCurrentUser(filter) && !query.me ? client.call<UserRow>('user.current') : undefined;
  const firstCall = client.call<Tasks>('tasks.task.list', {
    filter: compileTaskFilter(filter, query.me ?? (meCall ? client.ref(meCall, 'ID') : undefined)),
    select,
    order,
    start: -1,
  });
  // If user.current fails, the page that refers to it fails too: report the first, not both.
  firstCall.catch(() => undefined);
  const meRow = meCall ? (await meCall).result : undefined;
  const me = meRow ? userBriefOf(meRow) : undefined;
  const base = compileTaskFilter(filter, query.me ?? me?.id);
  const first = tasksOf((await firstCall).result);

  let loaded = 0;
  const seen = new Set<string>();
  const take = (pages: TaskRow[][]): { rows: RecordData[]; cut: boolean } => {
    const rows: RecordData[] = [];
    for (const page of pages)
      for (const row of page) {
        const record = toRecord(row);
        // A task added while the chain runs cannot repeat (ids only fall), but stay safe.
        if (seen.has(record.id)) continue;
        seen.add(record.id);
        rows.push(record);
      }
    const cut = rows.length > cap - loaded;
    if (cut) rows.length = cap - loaded;
    loaded += rows.length;
    return { rows, cut };
  };

  const head = take([first]);
  const extra = me ? { me } : {};
  if (first.length < PAGE && !head.cut) {
    yield { rows: head.rows, ...extra, total: loaded, capped: false, last: true };
    return;
  }
  if (loaded >= cap) {
    const total = await countTasks(client, base);
    yield { rows: head.rows, ...extra, total, capped: total > loaded, last: true };
    return;
  }
  yield { rows: head.rows, ...extra, capped: false, last: false };

  let cursor = Number(first[first.length - 1]!.id);
  for (;;) {
    if (signal?.aborted) return;
    const commands: BatchCommand[] = [];
    for (let p = 0; p < BATCH_MAX; p++) {
      const from = p === 0 ? cursor : `$result[c${p - 1}][tasks][${PAGE - 1}][id]`;
      commands.push({
        method: 'tasks.task.list',
        params: { filter: { ...base, '<ID': from }, select, order, start: -1 },
      });
    }
    const outcomes = await client.batch(commands);
    const pages: TaskRow[][] = [];
    let ended = false;
    for (const [p, outcome] of outcomes.entries()) {
      // A failed first page is a real error; further down it means the chain broke: go on from the cursor.
      if (!outcome.ok) {
        if (p === 0) throw outcome.error;
        break;
      }
      const page = tasksOf(outcome.value.result);
      pages.push(page);
      if (page.length < PAGE) {
        ended = true;
        break;
      }
    }
    const { rows, cut } = take(pages);
    if (ended && !cut) {
      yield { rows, total: loaded, capped: false, last: true };
      return;
    }
    if (loaded >= cap) {
      const total = await countTasks(client, base);
      yield { rows, total, capped: total > loaded, last: true };
      return;
    }
    yield { rows, capped: false, last: false };
    const lastPage = pages[pages.length - 1]!;
    cursor = Number(lastPage[lastPage.length - 1]!.id);
  }
}

/** The portal's count of matching tasks: one `tasks.task.list` with `start=0`, in a batch (which keeps `total`). */
async function countTasks(client: B24Client, filter: Params): Promise<number> {
  const [outcome] = await client.batch([{ method: 'tasks.task.list', params: { filter, select: ['ID'], start: 0 } }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.value.total ?? 0;
}
