import { assertFeedSize, MAX_FEED_BYTES } from './decode.ts';
import { FeedError, FeedRefused } from './feed-error.ts';

/** A feed's bytes and the name it came under (for format detection and the run log). */
export interface FeedFile {
  bytes: Uint8Array;
  name: string;
}

/**
 * Downloads a feed, refusing it past MAX_FEED_BYTES — by its Content-Length before reading, else
 * while streaming (a server that lies about the length is cut off at the limit).
 *
 * @example const feed = await fetchFeed('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml');
 */
export async function fetchFeed(
  url: string,
  options: { signal?: AbortSignal; maxBytes?: number } = {},
): Promise<FeedFile> {
  const max = options.maxBytes ?? MAX_FEED_BYTES;
  let res: Response;
  try {
    res = await fetch(url, { signal: options.signal, redirect: 'follow' });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    throw new FeedRefused([
      new FeedError({
        code: 'FETCH_FAILED',
        value: url,
        message: `Could not fetch ${url}: ${e instanceof Error ? e.message : String(e)}`,
      }),
    ]);
  }
  if (!res.ok)
    throw new FeedRefused([
      new FeedError({ code: 'FETCH_FAILED', value: url, message: `${url} answered HTTP ${res.status}` }),
    ]);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > 0) assertFeedSize(declared, max);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        await reader.cancel();
        assertFeedSize(size, max);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const name = new URL(url).pathname.split('/').pop() || url;
  return { bytes, name };
}

/**
 * A short identity of a feed's bytes (FNV-1a, 64 bits as hex): a resumed run continues only the same feed.
 *
 * @example feedHash(new TextEncoder().encode('a')) // 'af63dc4c8601ec8c'
 */
export function feedHash(bytes: Uint8Array): string {
  // The 64-bit state as two 32-bit halves; the prime 0x100000001b3 is 2^40 + 0x1b3.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ bytes[i]!) >>> 0;
    const loMul = lo * 0x1b3;
    const hiMul = hi * 0x1b3 + lo * 0x100 + Math.floor(loMul / 0x100000000);
    lo = loMul >>> 0;
    hi = hiMul >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
