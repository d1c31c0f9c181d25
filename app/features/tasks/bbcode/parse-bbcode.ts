/** A piece of BBCode text: plain text, or a known tag with its content. */
export type BbNode = { kind: 'text'; text: string } | BbTag;

export interface BbTag {
  kind: 'tag';
  /** Lower case: `b`, `i`, `u`, `s`, `url`, `list`, `*` (a list item), `quote`, `code`, `user`. */
  name: string;
  /** `[url=…]`, `[list=1]`, `[user=7]`: the part after `=`, or `''`. */
  value: string;
  children: BbNode[];
}

/** Tags rendered as formatting; any other `[tag]` is shown as the text it is. */
const KNOWN = new Set(['b', 'i', 'u', 's', 'url', 'list', '*', 'quote', 'code', 'user']);

/** Nesting deeper than this is shown as text (no renderer recursion on hostile input). */
const MAX_DEPTH = 16;

const TAG = /\[(\/?)([a-zA-Z]+|\*)(?:=([^\]\n]{0,2000}))?\]/g;

interface Open {
  tag: BbTag;
  /** The tag as it was written, shown as text if it is never closed. */
  raw: string;
}

function pushText(list: BbNode[], text: string): void {
  if (!text) return;
  const last = list[list.length - 1];
  if (last?.kind === 'text') last.text += text;
  else list.push({ kind: 'text', text });
}

/**
 * Parses the BBCode Bitrix24 stores in task descriptions and comments into a tree, without ever producing
 * markup: the caller renders nodes as React elements. Tags are case-insensitive (`[B]` = `[b]`). Unknown
 * tags, stray closing tags, `[*]` outside a list and tags never closed stay text. Inside `[code]` nothing is
 * parsed.
 * @example parseBbcode('[b]Hi[/b] [x]') // [{ kind: 'tag', name: 'b', value: '', children: [{ kind: 'text', text: 'Hi' }] }, { kind: 'text', text: ' [x]' }]
 */
export function parseBbcode(source: string): BbNode[] {
  const root: BbNode[] = [];
  const stack: Open[] = [];
  const children = () => (stack.length > 0 ? stack[stack.length - 1]!.tag.children : root);
  const inCode = () => stack.some((o) => o.tag.name === 'code');
  let at = 0;

  /** Closes the innermost open tags down to (and including) `index`; a list item ends with its list. */
  const closeTo = (index: number) => {
    while (stack.length > index) {
      const open = stack.pop()!;
      children().push(open.tag);
    }
  };

  for (const m of source.matchAll(TAG)) {
    const [raw, slash, rawName = '', value = ''] = m;
    const name = rawName.toLowerCase();
    const start = m.index;
    if (inCode() && !(slash && name === 'code')) continue;
    pushText(children(), source.slice(at, start));
    at = start + raw.length;

    if (!KNOWN.has(name)) {
      pushText(children(), raw);
      continue;
    }
    if (slash) {
      let index = -1;
      for (let k = stack.length - 1; k >= 0; k--)
        if (stack[k]!.tag.name === name) {
          index = k;
          break;
        }
      if (index < 0 || name === '*') pushText(children(), raw);
      else closeTo(index);
      continue;
    }
    if (name === '*') {
      // An item starts where the previous one ends; outside a list it is just text.
      const list = stack.map((o) => o.tag.name).lastIndexOf('list');
      if (list < 0) {
        pushText(children(), raw);
        continue;
      }
      closeTo(list + 1);
    }
    if (stack.length >= MAX_DEPTH) {
      pushText(children(), raw);
      continue;
    }
    stack.push({ tag: { kind: 'tag', name, value: value.trim(), children: [] }, raw });
  }
  pushText(children(), source.slice(at));

  // Never closed: the opening tag stays text, its content keeps whatever was closed inside it.
  while (stack.length > 0) {
    const open = stack.pop()!;
    const parent = children();
    if (open.tag.name === '*') {
      // A list item needs no closing tag.
      parent.push(open.tag);
      continue;
    }
    pushText(parent, open.raw);
    for (const child of open.tag.children) {
      if (child.kind === 'text') pushText(parent, child.text);
      else parent.push(child);
    }
  }
  return root;
}

/** Schemes a link may have; anything else (`javascript:`, `data:`, `vbscript:`, relative paths) is text. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The link target if it is safe to open: an absolute http(s) or mailto URL. Control characters and spaces
 * that browsers strip (`java\tscript:`) are refused, not stripped.
 * @example safeHref('https://example.com/a') // 'https://example.com/a'; safeHref('javascript:alert(1)') // null
 */
export function safeHref(href: string): string | null {
  const value = href.trim();
  // eslint-disable-next-line no-control-regex
  if (!value || /[\u0000-\u001f\u007f\s]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
}

/** The text of nodes, tags left out (`[url]` labels, `[code]` content). */
export function plainText(nodes: readonly BbNode[]): string {
  return nodes.map((n) => (n.kind === 'text' ? n.text : plainText(n.children))).join('');
}
