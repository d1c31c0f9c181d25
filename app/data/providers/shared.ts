import { BitrixError } from '../../b24/index.ts';
import type { ListParams, ListResult, RecordData } from '../types.ts';

/** A Bitrix list page; a larger perPage would need a second request per page. */
export const PORTAL_PAGE = 50;

/** Ids are positive integers on every portal; anything else cannot exist, so no request is spent on it. */
export function assertId(id: string, method: string): void {
  if (!/^[1-9]\d*$/.test(id)) throw new BitrixError('NOT_FOUND', `No record with id "${id}"`, 0, method);
}

/** `start` and the slice of the portal's 50-row page that ListParams.pagination asks for. */
export function pageWindow(params: ListParams): { start: number; perPage: number } {
  const perPage = Math.min(Math.max(Math.trunc(params.pagination?.perPage ?? PORTAL_PAGE), 1), PORTAL_PAGE);
  const page = Math.max(Math.trunc(params.pagination?.page ?? 1), 1);
  return { start: (page - 1) * perPage, perPage };
}

/** The fields of `patch` whose value differs from `previous` (JSON equality: values are plain data). */
export function changedFields(patch: Record<string, unknown>, previous?: RecordData): Record<string, unknown> {
  if (!previous) return { ...patch };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (JSON.stringify(v) !== JSON.stringify(previous[k])) out[k] = v;
  return out;
}

/** Orders fetched records like the requested ids (react-admin's getMany contract). */
export function inIdOrder(ids: string[], rows: RecordData[]): RecordData[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The requested slice of a portal page. Without the portal's `total` (a lone call through
 * sdkCaller does not carry it yet, see docs/data-layer.md), a full 50-row page means "maybe more".
 */
export function pageOf<R>(rows: R[], start: number, perPage: number, total?: number): ListResult<R & RecordData> {
  const data = rows.slice(0, perPage) as (R & RecordData)[];
  if (typeof total === 'number') return { data, total, hasNextPage: start + perPage < total };
  const more = rows.length > perPage || rows.length === PORTAL_PAGE;
  return { data, hasNextPage: more };
}
