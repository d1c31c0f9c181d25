import { FeedError, FeedRefused } from './feed-error.ts';

/** Feeds above this size are refused before a byte of them is decoded or parsed. */
export const MAX_FEED_BYTES = 50 * 1024 * 1024;

/**
 * `auto`: UTF-8 (with or without BOM; UTF-16 with its BOM). A file that is not valid UTF-8 is
 * refused unless `windows-1252` is chosen: guessing a legacy code page silently corrupts names.
 */
export type FeedEncoding = 'auto' | 'utf-8' | 'windows-1252';

export interface DecodedFeed {
  text: string;
  /** The encoding actually used. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Refuses a feed over the size limit (before reading it).
 *
 * @example assertFeedSize(file.size) // throws FeedRefused(FILE_TOO_LARGE) above 50 MB
 */
export function assertFeedSize(bytes: number, max = MAX_FEED_BYTES): void {
  if (bytes > max)
    throw new FeedRefused([
      new FeedError({
        code: 'FILE_TOO_LARGE',
        value: String(bytes),
        message: `The file is ${mb(bytes)}; feeds are limited to ${mb(max)}`,
      }),
    ]);
}

/**
 * Bytes → text, refusing what cannot be decoded faithfully. The error of a file that is not UTF-8
 * names the line of the first bad byte and the byte itself.
 *
 * @example decodeFeed(bytes).text
 * @example decodeFeed(latin1Bytes, 'windows-1252').text // 'Smørrebrød'
 */
export function decodeFeed(bytes: Uint8Array, encoding: FeedEncoding = 'auto'): DecodedFeed {
  assertFeedSize(bytes.length);
  if (encoding === 'windows-1252') {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return { text: new TextDecoder('windows-1252').decode(bytes.subarray(start)), encoding: 'windows-1252' };
  }
  if (encoding === 'auto' && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (encoding === 'auto' && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    const at = firstInvalidUtf8(body);
    const line = lineAtByte(body, at);
    const byte = body[at] ?? 0;
    throw new FeedRefused([
      new FeedError({
        code: 'ENCODING',
        line,
        value: `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`,
        message: `Not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} on line ${line}); save the file as UTF-8 or choose its encoding (windows-1252)`,
      }),
    ]);
  }
}

/** Offset of the first byte that breaks UTF-8 (overlong forms, surrogates and > U+10FFFF included). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min, cp] = [1, 0x80, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [need, min, cp] = [2, 0x800, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [need, min, cp] = [3, 0x10000, c & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const n = b[i + k];
      if (n === undefined || (n & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (n & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

function lineAtByte(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < b.length; i++) if (b[i] === 0x0a) line++;
  return line;
}

/**
 * Line numbers of character offsets in a text, by binary search over its line starts.
 *
 * @example lineIndex('a\nb\nc').lineOf(2) // 2
 */
export function lineIndex(text: string): { lineOf(offset: number): number; columnOf(offset: number): number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const find = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    lineOf: (offset) => find(offset) + 1,
    columnOf: (offset) => offset - starts[find(offset)]! + 1,
  };
}
