import Papa from 'papaparse';
import { lineIndex } from './decode.ts';
import { FeedError, FeedRefused } from './feed-error.ts';

export interface CsvRow {
  /** 1-based line where the row starts (a quoted cell may span lines). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: string;
  /** Every non-empty row, the header included. */
  rows: CsvRow[];
}

/** Delimiters papaparse guesses between when none is chosen. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Parses CSV text with papaparse (delimiter detected unless given) and keeps the line each row starts
 * on. Empty lines are skipped. An unterminated quote refuses the file with its line.
 *
 * @example parseCsv('a;b\n1;2').delimiter // ';'
 */
export function parseCsv(text: string, delimiter?: string): CsvTable {
  const lines = lineIndex(text);
  const rows: CsvRow[] = [];
  const errors: FeedError[] = [];
  let rowStart = 0;
  const result = Papa.parse<string[]>(text, {
    delimiter: delimiter ?? '',
    delimitersToGuess: [...CSV_DELIMITERS],
    header: false,
    skipEmptyLines: false,
    step: (step) => {
      const start = rowStart;
      rowStart = step.meta.cursor;
      const cells = step.data;
      for (const err of step.errors) {
        // A guessed delimiter that does not occur is harmless (a one-column file).
        if (err.code === 'UndetectableDelimiter') continue;
        errors.push(
          new FeedError({
            code: 'CSV_BROKEN',
            line: lines.lineOf(start),
            message: err.message,
          }),
        );
      }
      if (cells.every((c) => c.trim() === '')) return;
      rows.push({ line: lines.lineOf(start + leadingNewlines(text, start)), cells });
    },
  });
  if (errors.length > 0) throw new FeedRefused(errors);
  return { delimiter: delimiter ?? result.meta.delimiter, rows };
}

/** A row that papaparse reports from the end of the previous row may begin with the line break itself. */
function leadingNewlines(text: string, at: number): number {
  let n = 0;
  while (text[at + n] === '\r' || text[at + n] === '\n') n++;
  return n;
}
