import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lineIndex } from './decode.ts';
import { FeedError, FeedRefused } from './feed-error.ts';

/** A parsed XML element: attributes under `@name`, text under `#text`, children by tag name. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export interface ParsedXml {
  root: XmlNode;
  /** 1-based line where an element (an object of the tree) starts; null for text values. */
  lineOf(node: unknown): number | null;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * fast-xml-parser's entity hook, reduced to what XML itself defines: the five predefined entities and
 * character references. Entities a DOCTYPE declares reach `addInputEntities` and are dropped, so
 * they are never expanded (documents that declare any are refused before parsing anyway).
 */
const entityDecoder = {
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: (text: string) =>
    text.includes('&')
      ? text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]+);/g, (whole, name: string) => {
          if (name[0] !== '#') return PREDEFINED[name] ?? whole;
          const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
          return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
        })
      : text,
};

const META = XMLParser.getMetaDataSymbol();

/**
 * Parses an XML feed safely: entity declarations are refused (an expansion bomb never runs), a
 * document that is not well-formed is refused with the line and column of its first fault.
 *
 * @example parseXml('<rates><rate currency="USD"/></rates>').root.rates
 */
export function parseXml(text: string): ParsedXml {
  const lines = lineIndex(text);
  const entity = /<!ENTITY\b/i.exec(text);
  if (entity)
    throw new FeedRefused([
      new FeedError({
        code: 'XML_ENTITIES',
        line: lines.lineOf(entity.index),
        column: lines.columnOf(entity.index),
        value: '<!ENTITY',
        message: 'The XML declares entities (DOCTYPE); such documents are refused, never expanded',
      }),
    ]);
  const check = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (check !== true) {
    throw new FeedRefused([
      new FeedError({
        code: 'XML_BROKEN',
        line: check.err.line,
        column: check.err.col,
        message: `Broken XML: ${check.err.msg}`,
      }),
    ]);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    entityDecoder,
  });
  const root = parser.parse(text) as XmlNode;
  return {
    root,
    lineOf: (node) => {
      if (!node || typeof node !== 'object') return null;
      const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META as symbol];
      return meta?.startIndex === undefined ? null : lines.lineOf(meta.startIndex);
    },
  };
}

/** A node's children under `name` as a list (a lone child is an object, several are an array). */
export function childrenOf(node: XmlValue | undefined, name: string): XmlNode[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is XmlNode => !!v && typeof v === 'object' && !Array.isArray(v));
}

/** The text of a scalar element or attribute (`<a>x</a>` → 'x', `<a k="v">x</a>` → 'x'); null for elements with children. */
export function textOf(value: XmlValue | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return null;
  const keys = Object.keys(value).filter((k) => !k.startsWith('@'));
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === '#text') return textOf(value['#text']);
  return null;
}
