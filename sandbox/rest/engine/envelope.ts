import { formatIso } from './time.ts';

export interface TimeBlock {
  start: number;
  finish: number;
  duration: number;
  processing: number;
  date_start: string;
  date_finish: string;
  operating_reset_at?: number;
  operating: number;
}

/** The `time` block every successful REST answer carries (the SDK fails without it). */
export function timeBlock(
  startMs: number,
  finishMs: number,
  processingMs: number,
  operating: number,
  resetAt: number | null,
): TimeBlock {
  const block: TimeBlock = {
    start: startMs / 1000,
    finish: finishMs / 1000,
    duration: (finishMs - startMs) / 1000,
    processing: processingMs / 1000,
    date_start: formatIso(startMs),
    date_finish: formatIso(finishMs),
    operating,
  };
  if (operating > 0 && resetAt !== null) block.operating_reset_at = resetAt;
  return block;
}

/**
 * PHP serialises an empty associative array as `[]`: apply that to whole values where the
 * portal does (empty option maps, empty batch buckets).
 */
export function phpEmpty<T>(value: T): T | [] {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return [];
  return value;
}
