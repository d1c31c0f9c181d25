import Papa from 'papaparse';
import { checkValue, type ValueProblem } from './property-types.ts';
import type { ItemInput, StorageItem, StorageProperty } from './types.ts';

/** The column that holds the item's name; every other column is a property code. */
export const NAME_COLUMN = 'NAME';

/**
 * A storage's items as CSV: a header row of `NAME` and the property codes, then one row per item with the
 * values as Kontor stores them (dates `2026-03-25`, CRM items `D_12`, users by id, numbers with a dot).
 * Comma-separated, CRLF line ends, quoted where needed (RFC 4180, papaparse).
 * @example itemsToCsv(detail.properties, items) // 'NAME,deal,visited\r\nSite visit,D_12,2026-03-25'
 */
export function itemsToCsv(properties: readonly StorageProperty[], items: readonly StorageItem[]): string {
  return Papa.unparse(
    {
      fields: [NAME_COLUMN, ...properties.map((p) => p.code)],
      data: items.map((item) => [item.name, ...properties.map((p) => item.values[p.code] ?? '')]),
    },
    { newline: '\r\n' },
  );
}

/** Why a CSV file or one of its values was refused. */
export type CsvProblemKind =
  | 'tooLarge'
  | 'encoding'
  | 'empty'
  | 'noNameColumn'
  | 'unknownColumn'
  | 'duplicateColumn'
  | 'readOnlyColumn'
  | 'columnCount'
  | 'quotes'
  | 'nameRequired'
  | ValueProblem;

/** One thing wrong with an import, where it is: the file's line (1 = header), the column, the value. */
export interface CsvProblem {
  line: number;
  /** The column's header (`NAME` or a property code), `''` for the whole line or file. */
  field: string;
  value: string;
  kind: CsvProblemKind;
}

/** One row to write, with the file line it came from (for the report of a refused write). */
export interface CsvRow {
  line: number;
  input: ItemInput;
}

export type CsvParseResult = { ok: true; rows: CsvRow[]; columns: string[] } | { ok: false; problems: CsvProblem[] };

/**
 * The bytes of an uploaded file as text: UTF-8 (a BOM is dropped). Anything that is not valid UTF-8 is
 * refused rather than guessed, so `Å` never turns into `Ã…` in the portal.
 * @example decodeCsv(await file.arrayBuffer()) // { ok: true, text: 'NAME,deal\r\n…' }
 */
export function decodeCsv(
  bytes: ArrayBuffer | Uint8Array,
): { ok: true; text: string } | { ok: false; problem: CsvProblem } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, problem: { line: 0, field: '', value: '', kind: 'encoding' } };
  }
}

const NEWLINES = /\r\n|\r|\n/g;

/**
 * Reads a CSV file for a storage and checks every row before anything is written: the header names `NAME`
 * and known property codes only (each once; case does not matter), every line has as many values as the
 * header, every item has a name, every value fits its property's type (property-types.ts `checkValue`).
 * The delimiter (comma, semicolon, tab) is detected. Any problem → `ok: false` with all of them, each with
 * its line, column and value; otherwise the rows to write, values normalised (`d_12` → `D_12`).
 * @example
 * const parsed = parseItemsCsv('NAME,visited\nVisit,2026-02-30', props);
 * // { ok: false, problems: [{ line: 2, field: 'visited', value: '2026-02-30', kind: 'date' }] }
 */
export function parseItemsCsv(
  text: string,
  properties: readonly StorageProperty[],
  sectionId: string | null = null,
): CsvParseResult {
  const source = text.replace(/^\uFEFF/, '');
  const problems: CsvProblem[] = [];
  const rows: CsvRow[] = [];
  // Line of a character offset (1-based); rows may span lines inside quotes.
  let counted = 0;
  let countedLines = 1;
  const lineAt = (offset: number) => {
    NEWLINES.lastIndex = 0;
    const slice = source.slice(counted, offset);
    countedLines += slice.match(NEWLINES)?.length ?? 0;
    counted = offset;
    return countedLines;
  };
  let header: (StorageProperty | 'name' | null)[] | null = null;
  let columns: string[] = [];
  let start = 0;

  Papa.parse<string[]>(source, {
    skipEmptyLines: true,
    step: (result) => {
      // The row starts after the previous one's cursor and any blank lines skipped before it.
      while (start < source.length && (source[start] === '\n' || source[start] === '\r')) start++;
      const line = lineAt(start);
      start = result.meta.cursor;
      const values = result.data;
      for (const e of result.errors)
        if (e.type === 'Quotes') problems.push({ line, field: '', value: values.join(','), kind: 'quotes' });
      if (header === null) {
        columns = values.map((v) => v.trim());
        const targets = columns.map((name): StorageProperty | 'name' | null => {
          if (name.toUpperCase() === NAME_COLUMN) return 'name';
          return properties.find((p) => p.code.toLowerCase() === name.toLowerCase()) ?? null;
        });
        header = targets;
        targets.forEach((target, i) => {
          const name = columns[i]!;
          if (target === null) problems.push({ line, field: name, value: name, kind: 'unknownColumn' });
          else if (target !== 'name' && target.readOnly)
            problems.push({ line, field: name, value: name, kind: 'readOnlyColumn' });
          if (columns.findIndex((c) => c.toLowerCase() === name.toLowerCase()) !== i)
            problems.push({ line, field: name, value: name, kind: 'duplicateColumn' });
        });
        if (!targets.includes('name')) problems.push({ line, field: NAME_COLUMN, value: '', kind: 'noNameColumn' });
        return;
      }
      if (values.length !== columns.length) {
        problems.push({ line, field: '', value: String(values.length), kind: 'columnCount' });
        return;
      }
      const input: ItemInput = { name: '', sectionId, values: {} };
      header.forEach((target, i) => {
        const raw = values[i] ?? '';
        if (target === null) return;
        if (target === 'name') {
          if (raw.trim() === '') problems.push({ line, field: columns[i]!, value: raw, kind: 'nameRequired' });
          input.name = raw.trim();
          return;
        }
        if (target.readOnly) return;
        const checked = checkValue(target.type, raw);
        if (checked.ok) input.values[target.code] = checked.value;
        else problems.push({ line, field: columns[i]!, value: raw, kind: checked.problem });
      });
      rows.push({ line, input });
    },
  });

  if (header === null) return { ok: false, problems: [{ line: 1, field: '', value: '', kind: 'empty' }] };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, columns };
}
