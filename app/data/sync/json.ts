import { lineIndex } from './decode.ts';
import { FeedError, FeedRefused } from './feed-error.ts';

/**
 * JSON.parse with the fault's line and column in the refusal (V8 and SpiderMonkey name a position in
 * their message; the line is computed from it).
 *
 * @example parseJson('{"a": 1}') // { a: 1 }
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const lines = lineIndex(text);
    // Engines differ in naming the position ("at position 12", or only a snippet): find it ourselves.
    const offset = jsonErrorOffset(text);
    throw new FeedRefused([
      new FeedError({
        code: 'JSON_BROKEN',
        line: lines.lineOf(offset),
        column: lines.columnOf(offset),
        message: `Broken JSON: ${message}`,
      }),
    ]);
  }
}

/**
 * Offset of the first syntax fault in text that JSON.parse refused: a recursive descent that only
 * checks the grammar (values are not built).
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail();
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, Math.max(0, text.length - 1));
    throw at;
  }
  return 0;
}

/**
 * Where each element of the array at `path` starts, as 1-based lines. A scan of the text that
 * tracks strings and nesting only (JSON.parse has already accepted the text).
 *
 * @example arrayElementLines('{"items": [\n {"a": 1},\n {"a": 2}\n]}', ['items']) // [2, 3]
 */
export function arrayElementLines(text: string, path: string[]): number[] {
  const lines = lineIndex(text);
  const out: number[] = [];
  // Open containers; an object records the key whose value is being read.
  const stack: { kind: 'object' | 'array'; key: string | null }[] = [];
  let pendingKey: string | null = null;
  const atPath = () =>
    stack.length === path.length + 1 &&
    stack[stack.length - 1]!.kind === 'array' &&
    path.every((p, i) => stack[i]!.key === p);
  const valueStarts = (at: number) => {
    if (atPath()) out.push(lines.lineOf(at));
  };
  const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 44 /* , */ || c === 58 /* : */) continue;
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 /* \\ */ ? 2 : 1;
      let k = j + 1;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      // A string is a key when a colon follows it inside an object.
      if (stack[stack.length - 1]?.kind === 'object' && text.charCodeAt(k) === 58)
        pendingKey = JSON.parse(text.slice(i, j + 1)) as string;
      else valueStarts(i);
      i = j;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      valueStarts(i);
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.key = pendingKey;
      stack.push({ kind: c === 123 ? 'object' : 'array', key: null });
      pendingKey = null;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else {
      valueStarts(i);
      // The rest of a literal (number, true, false, null).
      while (i + 1 < n && !/[\s,\]}]/.test(text[i + 1]!)) i++;
    }
  }
  return out;
}

/** 1-based line of the first `"key":` in the text, or null. */
export function keyLine(text: string, key: string): number | null {
  const at = text.search(new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`));
  return at === -1 ? null : lineIndex(text).lineOf(at);
}
