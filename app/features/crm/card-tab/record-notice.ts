/**
 * Portal text made safe for a BB-code message: the portal renders `[url=…]` and friends in notifications,
 * so square brackets in a record title (`[url=javascript:…]x[/url]`) become round ones.
 * @example bbText('[b]Deal[/b]') // '(b)Deal(/b)'
 */
export function bbText(text: string): string {
  return text.replace(/\[/g, '(').replace(/\]/g, ')');
}

/**
 * The notification sent to a record's responsible: the user's note, then a link naming the record.
 * The note is the user's own words and goes as typed; the title is portal data and is neutralised.
 * @example recordNotice('Call them', 'Big deal', 'https://p.example/crm/deal/details/7/')
 * // 'Call them\n[url=https://p.example/crm/deal/details/7/]Big deal[/url]'
 */
export function recordNotice(note: string, title: string, url: string): string {
  const link = `[url=${url}]${bbText(title).trim() || url}[/url]`;
  return note.trim() ? `${note.trim()}\n${link}` : link;
}
