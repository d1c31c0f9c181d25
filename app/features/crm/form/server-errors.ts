import type { FieldMeta } from '../../../data/types.ts';

const QUOTED = /["«“„]([^"»”“]{1,200})["»”“]/g;

/**
 * The field a portal's refusal names, so the message can sit under that input. Portals name the field by
 * its title in quotes (`Incorrect value for field "Amount"`, `Field "Project code" is required`), sometimes
 * by its code (`UF_CRM_PROJECT_CODE`); a quoted name wins, then the longest title or code mentioned. null
 * when none is named (the message then goes to the top of the form).
 * @example fieldOfError('Incorrect value for field "Amount"', fields) // 'opportunity'
 */
export function fieldOfError(message: string, fields: readonly FieldMeta[]): string | null {
  const names = (f: FieldMeta) => [f.title, f.name, f.upperName].filter((n) => n && n.length >= 2);
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  for (const [, quoted] of message.matchAll(QUOTED)) {
    const field = fields.find((f) => names(f).some((n) => same(n, quoted!)));
    if (field) return field.name;
  }
  const lower = message.toLowerCase();
  let best: { name: string; length: number } | null = null;
  for (const f of fields) {
    for (const n of names(f)) {
      if (n.length < 3) continue;
      const at = lower.indexOf(n.toLowerCase());
      if (at < 0) continue;
      // A whole word: "Stage" must not match inside "Stages group".
      const before = lower[at - 1] ?? ' ';
      const after = lower[at + n.length] ?? ' ';
      if (/[\p{L}\p{N}_]/u.test(before) || /[\p{L}\p{N}_]/u.test(after)) continue;
      if (!best || n.length > best.length) best = { name: f.name, length: n.length };
    }
  }
  return best?.name ?? null;
}
