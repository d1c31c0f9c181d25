import { Anchor, Blockquote, Box, Code, List } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { parseBbcode, plainText, safeHref, type BbNode } from './parse-bbcode.ts';

function render(nodes: readonly BbNode[], path: string): ReactNode[] {
  return nodes.map((node, i) => {
    const key = `${path}.${i}`;
    if (node.kind === 'text') return node.text;
    const inner = () => render(node.children, key);
    switch (node.name) {
      case 'b':
        return <strong key={key}>{inner()}</strong>;
      case 'i':
        return <em key={key}>{inner()}</em>;
      case 'u':
        return <u key={key}>{inner()}</u>;
      case 's':
        return <s key={key}>{inner()}</s>;
      case 'code':
        return <Code key={key}>{plainText(node.children)}</Code>;
      case 'quote':
        return (
          <Blockquote key={key} p="xs" my={4}>
            {inner()}
          </Blockquote>
        );
      case 'user':
        // A mention: the name as text (the id alone opens nothing the frame may open).
        return <strong key={key}>{inner()}</strong>;
      case 'url': {
        const href = safeHref(node.value || plainText(node.children));
        // A link the frame must not follow (`javascript:`, `data:`, relative) is its label, as text.
        if (!href) return <span key={key}>{inner()}</span>;
        return (
          <Anchor key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
            {inner()}
          </Anchor>
        );
      }
      case 'list': {
        const items = node.children.filter((c) => c.kind === 'tag' && c.name === '*');
        return (
          <List key={key} type={node.value ? 'ordered' : 'unordered'} size="sm" withPadding my={4}>
            {items.map((item, k) => (
              <List.Item key={`${key}.${k}`}>
                {render(trimmed(item.kind === 'tag' ? item.children : []), key)}
              </List.Item>
            ))}
          </List>
        );
      }
      default:
        // `[*]` is only ever rendered by its list.
        return <span key={key}>{inner()}</span>;
    }
  });
}

/** An item's content without the line breaks around it (`[*] one\n`). */
function trimmed(nodes: readonly BbNode[]): BbNode[] {
  return nodes
    .map((n, i) => {
      if (n.kind !== 'text') return n;
      let text = n.text;
      if (i === 0) text = text.replace(/^\s+/, '');
      if (i === nodes.length - 1) text = text.replace(/\s+$/, '');
      return { ...n, text };
    })
    .filter((n) => n.kind !== 'text' || n.text !== '');
}

/**
 * BBCode from the portal (task descriptions, comments) shown safely: a fixed set of tags becomes React elements
 * — [b] [i] [u] [s], [url] (http, https and mailto only), [list] with [*], [quote], [code] — and everything
 * else, HTML included, is text. Never HTML: nothing in it can run.
 * @example <BbcodeText text={task.description} />
 */
export function BbcodeText({ text }: { text: string }) {
  const nodes = useMemo(() => parseBbcode(text), [text]);
  return (
    <Box fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {render(nodes, 'n')}
    </Box>
  );
}
