// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, renderWithProviders, screen } from '../../../ui/test-utils.tsx';
import { BbcodeText } from './bbcode-text.tsx';
import { parseBbcode, safeHref } from './parse-bbcode.ts';

afterEach(cleanup);

const text = (t: string) => ({ kind: 'text', text: t });
const tag = (name: string, children: unknown[], value = '') => ({ kind: 'tag', name, value, children });

describe('parseBbcode', () => {
  it('nests tags, case-insensitively', () => {
    expect(parseBbcode('a [B]bold [i]both[/I][/b] z')).toEqual([
      text('a '),
      tag('b', [text('bold '), tag('i', [text('both')])]),
      text(' z'),
    ]);
  });

  it('keeps unknown tags, stray closings and unclosed tags as text', () => {
    expect(parseBbcode('[color=red]x[/color] [/b] [b]open [i]in[/i]')).toEqual([
      text('[color=red]x[/color] [/b] [b]open '),
      tag('i', [text('in')]),
    ]);
  });

  it('splits lists into items; [*] outside a list is text', () => {
    expect(parseBbcode('[list=1][*]one[*]two [b]b[/b][/list][*]x')).toEqual([
      tag('list', [tag('*', [text('one')]), tag('*', [text('two '), tag('b', [text('b')])])], '1'),
      text('[*]x'),
    ]);
  });

  it('parses nothing inside [code]', () => {
    expect(parseBbcode('[code][b]x[/b][/code]')).toEqual([tag('code', [text('[b]x[/b]')])]);
  });

  it('stops nesting at a depth limit', () => {
    const deep = '[b]'.repeat(40) + 'x';
    const flat = JSON.stringify(parseBbcode(deep));
    expect(flat.split('"name":"b"').length - 1).toBeLessThanOrEqual(16);
  });
});

describe('safeHref', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:anna@example.com', 'mailto:anna@example.com'],
  ])('allows %s', (href, expected) => expect(safeHref(href)).toBe(expected));

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    '/crm/deal/details/1/',
    '//evil.example',
    '',
  ])('refuses %j', (href) => expect(safeHref(href)).toBeNull());
});

describe('BbcodeText', () => {
  it('renders the safe tags as elements', async () => {
    const { container } = await renderWithProviders(
      <BbcodeText
        text={
          '[b]Bold[/b] [i]it[/i] [u]under[/u] [s]gone[/s] [url=https://example.com]site[/url] [url]mailto:a@b.example[/url]\n[quote]said[/quote][list][*]one\n[*]two\n[/list]'
        }
      />,
    );
    expect(container.querySelector('strong')?.textContent).toBe('Bold');
    expect(container.querySelector('em')?.textContent).toBe('it');
    expect(container.querySelector('u')?.textContent).toBe('under');
    expect(container.querySelector('s')?.textContent).toBe('gone');
    expect(screen.getByRole('link', { name: 'site' }).getAttribute('href')).toBe('https://example.com/');
    expect(screen.getByRole('link', { name: 'site' }).getAttribute('rel')).toContain('noopener');
    expect(screen.getByRole('link', { name: 'mailto:a@b.example' }).getAttribute('href')).toBe('mailto:a@b.example');
    expect(container.querySelector('blockquote')?.textContent).toBe('said');
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'two']);
  });

  it('renders javascript: links and HTML as inert text', async () => {
    const { container } = await renderWithProviders(
      <BbcodeText
        text={
          '[url=javascript:alert(1)]click[/url] [url]javascript:alert(2)[/url] [URL=JaVaScRiPt:alert(3)]x[/URL] <img src=x onerror=alert(4)><script>alert(5)</script>'
        }
      />,
    );
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(container.querySelectorAll('img, script')).toHaveLength(0);
    expect(container.textContent).toContain('click');
    expect(container.textContent).toContain('javascript:alert(2)');
    expect(container.textContent).toContain('<img src=x onerror=alert(4)><script>alert(5)</script>');
    expect(container.innerHTML).not.toContain('href="javascript');
  });

  it('shows unknown tags as the text they are', async () => {
    await renderWithProviders(
      <div data-testid="out">
        <BbcodeText text="[color=red]red[/color] [img]x.png[/img]" />
      </div>,
    );
    expect(screen.getByTestId('out').textContent).toBe('[color=red]red[/color] [img]x.png[/img]');
  });
});
