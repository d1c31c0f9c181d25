import qs from 'qs';

/** A decoded parameter map: what PHP's `$_REQUEST` would hold, JSON keeping its types. */
export type Params = Record<string, unknown>;

const QS_OPTIONS: qs.IParseOptions = {
  // PHP parse_str semantics: `a[]` appends, `a[k][j]` nests, `a[0]..a[n-1]` is a list.
  arrayLimit: 100_000,
  parameterLimit: 1_000_000,
  depth: 20,
  allowDots: false,
  allowPrototypes: false,
  duplicates: 'last',
};

/**
 * Parses a PHP-style query string (`filter[>ID]=5&select[]=ID`). Top-level key names have `.`
 * and spaces turned into `_`, as PHP does.
 */
export function parsePhpQuery(query: string): Params {
  if (!query) return {};
  const parsed = qs.parse(query, QS_OPTIONS) as Params;
  const out: Params = {};
  for (const [key, value] of Object.entries(parsed)) {
    out[key.replace(/[. ]/g, '_')] = normalizeLists(value);
  }
  return out;
}

/** qs leaves sparse numeric maps as objects; PHP treats a map keyed exactly 0..n-1 as a list. */
function normalizeLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeLists);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const dense = entries.length > 0 && entries.every(([k], i) => k === String(i));
    if (dense) return entries.map(([, v]) => normalizeLists(v));
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) out[k] = normalizeLists(v);
    return out;
  }
  return value;
}

/**
 * Builds the parameter map of a REST request the way the portal does: query string first, then
 * the body (JSON or form) replacing keys of the same name. Invalid JSON silently becomes `{}`.
 */
export function assembleParams(query: string, body: string, contentType: string | undefined): Params {
  const fromQuery = parsePhpQuery(query);
  if (!body) return fromQuery;
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let fromBody: Params = {};
  if (mediaType === 'application/json') {
    try {
      const decoded: unknown = JSON.parse(body);
      if (Array.isArray(decoded)) {
        // Positional parameters as a JSON list: [123, {"POST_MESSAGE": "…"}]
        decoded.forEach((v, i) => (fromBody[String(i)] = v));
      } else if (decoded && typeof decoded === 'object') {
        fromBody = decoded as Params;
      }
    } catch {
      fromBody = {};
    }
  } else if (mediaType.startsWith('multipart/')) {
    fromBody = parseMultipart(body, contentType ?? '');
  } else {
    fromBody = parsePhpQuery(body);
  }
  return { ...fromQuery, ...fromBody };
}

/** Minimal multipart/form-data reader for text fields (files arrive base64 inside params anyway). */
function parseMultipart(body: string, contentType: string): Params {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return {};
  const marker = `--${boundary[1] ?? boundary[2]}`;
  const pairs: string[] = [];
  for (const part of body.split(marker)) {
    const match = /name="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)\r?\n?$/.exec(part);
    if (match) pairs.push(`${encodeURIComponent(match[1]!)}=${encodeURIComponent(match[2]!)}`);
  }
  return parsePhpQuery(pairs.join('&'));
}

/** Reads a parameter by name in any letter case (legacy families accept `id`, `ID`, `Id`). */
export function param(params: Params, name: string): unknown {
  if (name in params) return params[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(params)) if (key.toLowerCase() === lower) return params[key];
  return undefined;
}

/** Upper-cases every top-level key (`batch`, `scope`, `placement.bind` do this server-side). */
export function upperKeys(params: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) out[k.toUpperCase()] = v;
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** PHP-ish truthiness for flags sent as `Y`, `1`, `true`, `"true"`. */
export function isTruthy(v: unknown): boolean {
  if (typeof v === 'string') return ['y', '1', 'true', 'yes', 'on'].includes(v.toLowerCase());
  return v === true || v === 1;
}

/** Integer from a param that may be a string, number or absent; NaN → fallback. */
export function toInt(v: unknown, fallback = 0): number {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && v.trim() !== '' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Math.trunc(Number(v));
  return fallback;
}

/** A parameter that may be a list, a PHP-style map (`{0: …, 1: …}`), one scalar or nothing → a list. */
export function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.values(v);
  return v === undefined || v === null || v === '' ? [] : [v];
}
