/**
 * The name of a record for headings and links: its title field, or first + last name for people
 * (contacts' title field is `lastName`), or `#id` when the portal has nothing.
 * @example recordTitle({ id: '2', name: 'Sam', lastName: 'Hill' }, 'lastName') // 'Sam Hill'
 */
export function recordTitle(record: Record<string, unknown> & { id: string }, titleField: string): string {
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
  if (titleField === 'lastName') {
    const full = [text(record.name), text(record.secondName), text(record.lastName)].filter(Boolean).join(' ');
    if (full) return full;
  }
  return text(record[titleField]) || text(record.title) || `#${record.id}`;
}
