import { errorDetail, errorMessageKey } from '../../data/errors/error-message-key.ts';
import type { RecordData } from '../../data/types.ts';
import type { useT } from '../../i18n/index.ts';

type Row = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');

/** The task's title for headings and cards (`#31` when the portal has none). Portal text: render as text. */
export function taskTitle(task: RecordData): string {
  return text(task.title) || `#${task.id}`;
}

/**
 * The name of a person tasks.task joins in (`responsible`, `creator`: `{id, name, …}`), or `''`.
 * @example joinedName(task, 'responsible') // 'Anna Holm'
 */
export function joinedName(task: Row, key: 'responsible' | 'creator'): string {
  const person = task[key];
  return person && typeof person === 'object' && !Array.isArray(person) ? text((person as Row).name) : '';
}

/** The members of a task with their joined names (`accomplicesData`, `auditorsData`: `{id: {name}}`). */
export function joinedMembers(task: Row, key: 'accomplices' | 'auditors'): { id: string; name: string }[] {
  const ids = Array.isArray(task[key]) ? (task[key] as unknown[]).map(text).filter(Boolean) : [];
  const data = task[`${key}Data`];
  const byId = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, Row>) : {};
  return ids.map((id) => ({ id, name: text(byId[id]?.name) }));
}

/** The workgroup tasks.task joins in (`group: {id, name}`; `[]` when none). */
export function joinedGroup(task: Row): { id: string; name: string } | null {
  const group = task.group;
  if (!group || typeof group !== 'object' || Array.isArray(group)) return null;
  const id = text((group as Row).id);
  return id && id !== '0' ? { id, name: text((group as Row).name) } : null;
}

/** A task's CRM binding codes (`ufCrmTask`; the portal sends `false` or nothing when there are none). */
export function bindingCodes(task: Row | undefined): string[] {
  return Array.isArray(task?.ufCrmTask) ? (task.ufCrmTask as unknown[]).map(text).filter(Boolean) : [];
}

/** A failure in the user's language, with the portal's own words after it when it gave any. */
export function messageOf(t: ReturnType<typeof useT>, error: unknown): string {
  const detail = errorDetail(error);
  return detail ? `${t(errorMessageKey(error))} (${detail})` : t(errorMessageKey(error));
}

/** `2026-03-05T17:00:00+01:00` → the value of a `datetime-local` input in the browser's zone. */
export function toLocalInput(iso: unknown): string {
  const ms = typeof iso === 'string' && iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value → ISO 8601 with the browser's offset (what tasks.task takes), or `''`. */
export function fromLocalInput(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return '';
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}
