/** The decimal separator of a feed's numbers: detected from the values, or chosen. */
export type DecimalMark = ',' | '.';

/**
 * Guesses the decimal mark from sample values. A value with both marks decides by the last one
 * (`1.234,56` → comma); a single mark followed by exactly three digits (`1,234`) is ambiguous and
 * does not vote. No vote: a `;`-separated CSV is taken as European (comma), anything else dot.
 *
 * @example detectDecimalMark(['12,50', '3']) // ','
 * @example detectDecimalMark(['1,234.00']) // '.'
 */
export function detectDecimalMark(values: Iterable<string>, fallback: DecimalMark = '.'): DecimalMark {
  let comma = 0;
  let dot = 0;
  for (const raw of values) {
    const v = raw.trim();
    const lastComma = v.lastIndexOf(',');
    const lastDot = v.lastIndexOf('.');
    if (lastComma === -1 && lastDot === -1) continue;
    if (lastComma !== -1 && lastDot !== -1) {
      if (lastComma > lastDot) comma++;
      else dot++;
      continue;
    }
    const at = Math.max(lastComma, lastDot);
    const tail = v.slice(at + 1);
    // One mark, three digits after it, nothing else: thousands or decimals — no vote.
    if (/^\d{3}$/.test(tail) && v.indexOf(v[at]!) === at) continue;
    if (lastComma !== -1) comma++;
    else dot++;
  }
  if (comma === dot) return fallback;
  return comma > dot ? ',' : '.';
}

/**
 * A feed number → a JS number, or null when it is not one. Spaces, non-breaking spaces and
 * apostrophes group thousands; so does the mark that is not the decimal one.
 *
 * @example parseDecimal('1.234,56', ',') // 1234.56
 * @example parseDecimal('12.5', '.') // 12.5
 * @example parseDecimal('abc', '.') // null
 */
export function parseDecimal(raw: string, mark: DecimalMark): number | null {
  let v = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (v === '') return null;
  const group = mark === ',' ? '.' : ',';
  // A grouping mark must group thousands: `1.234,5` yes, `1.2,5` no.
  if (v.includes(group)) {
    const intPart = v.split(mark)[0]!;
    if (!new RegExp(`^[-+]?\\d{1,3}(\\${group}\\d{3})+$`).test(intPart)) return null;
    v = v.split(group).join('');
  }
  if (mark === ',') v = v.replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
