export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal: string;
  pass: boolean | null;
  note?: string;
}

export function printTable(rows: BenchRow[]): void {
  const cells = rows.map((r) => [
    r.name,
    `${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)} ${r.unit}`,
    r.goal,
    r.pass === null ? '—' : r.pass ? 'ok' : 'MISS',
    r.note ?? '',
  ]);
  const head = ['measure', 'result', 'goal', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}
