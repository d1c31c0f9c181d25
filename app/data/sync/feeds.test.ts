import { describe, expect, it } from 'vitest';
import { parseCatalogFeed } from './catalog-feed.ts';
import { parseCurrencyFeed } from './currency-feed.ts';
import { decodeFeed, MAX_FEED_BYTES } from './decode.ts';
import { FeedRefused, type FeedError } from './feed-error.ts';
import { arrayElementLines } from './json.ts';
import { feedHash } from './load-feed.ts';
import { detectDecimalMark, parseDecimal } from './numbers.ts';
import { ECB } from './testing/fixtures.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The faults a parse refused with (fails the test if it did not refuse). */
function refusal(run: () => unknown): FeedError[] {
  try {
    run();
  } catch (e) {
    if (e instanceof FeedRefused) return e.errors;
    throw e;
  }
  throw new Error('expected the feed to be refused');
}

describe('decodeFeed', () => {
  it('reads UTF-8 with and without BOM, and UTF-16 with its BOM', () => {
    expect(decodeFeed(bytes('Smørrebrød')).text).toBe('Smørrebrød');
    expect(decodeFeed(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('Æble')])).text).toBe('Æble');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Øl'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeFeed(utf16)).toEqual({ text: 'Øl', encoding: 'utf-16le' });
  });

  it('refuses a windows-1252 file unless that encoding is chosen, naming the line and byte', () => {
    const latin1 = new Uint8Array([
      ...bytes('external_id,name\nA-1,Desk\nA-2,Sm'),
      0xf8,
      ...bytes('rrebr'),
      0xf8,
      0x64,
    ]);
    const [e] = refusal(() => decodeFeed(latin1));
    expect(e).toMatchObject({ code: 'ENCODING', line: 3, value: '0xF8' });
    expect(e!.message).toMatch(/windows-1252/);
    expect(decodeFeed(latin1, 'windows-1252').text).toBe('external_id,name\nA-1,Desk\nA-2,Smørrebrød');
    // Chosen UTF-8 is checked just the same.
    expect(refusal(() => decodeFeed(latin1, 'utf-8'))[0]!.code).toBe('ENCODING');
  });

  it('refuses a file over 50 MB before decoding it', () => {
    const big = new Uint8Array(MAX_FEED_BYTES + 1);
    const t0 = performance.now();
    const [e] = refusal(() => parseCatalogFeed(big));
    expect(e).toMatchObject({ code: 'FILE_TOO_LARGE', value: String(MAX_FEED_BYTES + 1) });
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('numbers', () => {
  it('detects the decimal mark from values', () => {
    expect(detectDecimalMark(['12,50', '3'])).toBe(',');
    expect(detectDecimalMark(['1.234,56'])).toBe(',');
    expect(detectDecimalMark(['1,234.56', '7'])).toBe('.');
    expect(detectDecimalMark(['1,234'], '.')).toBe('.');
    expect(detectDecimalMark(['1,234'], ',')).toBe(',');
  });

  it('parses grouped numbers and refuses what is not one', () => {
    expect(parseDecimal('1.234,56', ',')).toBe(1234.56);
    expect(parseDecimal('1 234,5', ',')).toBe(1234.5);
    expect(parseDecimal('1,234.5', '.')).toBe(1234.5);
    expect(parseDecimal('-3', '.')).toBe(-3);
    expect(parseDecimal('12.3.4', '.')).toBeNull();
    expect(parseDecimal('1.2,5', ',')).toBeNull();
    expect(parseDecimal('abc', '.')).toBeNull();
    expect(parseDecimal('', '.')).toBeNull();
  });
});

describe('parseCatalogFeed', () => {
  it('reads CSV with a detected delimiter, the decimal comma and the line of each row', () => {
    const feed = parseCatalogFeed(
      bytes('external_id;name;price\r\nA-1;"Desk; oak";1.234,50\r\n\r\nA-2;"Two\nlines";12,5\r\n'),
    );
    expect(feed).toMatchObject({
      format: 'csv',
      delimiter: ';',
      decimal: ',',
      columns: ['external_id', 'name', 'price'],
    });
    expect(feed.rows).toEqual([
      { line: 2, values: { external_id: 'A-1', name: 'Desk; oak', price: '1.234,50' } },
      { line: 4, values: { external_id: 'A-2', name: 'Two\nlines', price: '12,5' } },
    ]);
  });

  it('reads a JSON array (or an object holding one) with the line of each object', () => {
    const text =
      '{\n  "products": [\n    {"xml_id": "A-1", "price": 12.5, "active": true},\n    {\n      "xml_id": "A-2", "name": null\n    }\n  ]\n}';
    const feed = parseCatalogFeed(bytes(text));
    expect(feed.format).toBe('json');
    expect(feed.columns).toEqual(['xml_id', 'price', 'active', 'name']);
    expect(feed.rows).toEqual([
      { line: 3, values: { xml_id: 'A-1', price: '12.5', active: 'true' } },
      { line: 4, values: { xml_id: 'A-2', name: '' } },
    ]);
    expect(arrayElementLines('[1,\n2,\n"x"]', [])).toEqual([1, 2, 3]);
  });

  it('reads XML records (attributes and scalar children) with their lines, entities decoded', () => {
    const text = `<?xml version="1.0"?>\n<export>\n  <header><date>2024-05-10</date></header>\n  <products>\n    <product external_id="A-1">\n      <name>Desk &amp; chair &#x263A;</name>\n      <price>10</price>\n    </product>\n    <product external_id="A-2"><name>Lamp</name></product>\n  </products>\n</export>`;
    const feed = parseCatalogFeed(bytes(text));
    expect(feed.columns).toEqual(['name', 'price', 'external_id']);
    expect(feed.rows).toEqual([
      { line: 5, values: { external_id: 'A-1', name: 'Desk & chair ☺', price: '10' } },
      { line: 9, values: { external_id: 'A-2', name: 'Lamp' } },
    ]);
  });

  it('refuses broken XML with line and column', () => {
    const [e] = refusal(() =>
      parseCatalogFeed(bytes('<catalog>\n  <product>\n    <name>A</nam>\n  </product>\n</catalog>')),
    );
    expect(e).toMatchObject({ code: 'XML_BROKEN', line: 3, column: expect.any(Number) });
    expect(e!.message).toMatch(/closing tag/);
  });

  it('refuses an entity-expansion bomb quickly, without expanding it', () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i < 12; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n ${levels.join('\n ')}\n]>\n<catalog><product><name>&lol11;</name></product></catalog>`;
    const t0 = performance.now();
    const [e] = refusal(() => parseCatalogFeed(bytes(bomb)));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(e).toMatchObject({ code: 'XML_ENTITIES', line: 3 });
    // Even the currency parser, which reads XML first thing, refuses it the same way.
    expect(refusal(() => parseCurrencyFeed(bytes(bomb)))[0]!.code).toBe('XML_ENTITIES');
  });

  it('refuses broken JSON with its line, a CSV quote left open, rows with another cell count, empty feeds', () => {
    expect(refusal(() => parseCatalogFeed(bytes('[\n {"a": 1},\n {"a": }\n]')))[0]).toMatchObject({
      code: 'JSON_BROKEN',
      line: 3,
    });
    expect(refusal(() => parseCatalogFeed(bytes('a,b\n1,"2\n3,4\n')))[0]).toMatchObject({
      code: 'CSV_BROKEN',
      line: 2,
    });
    expect(refusal(() => parseCatalogFeed(bytes('a,b\n1,2\n3\n')))[0]).toMatchObject({
      code: 'CSV_BROKEN',
      line: 3,
      value: '1',
    });
    expect(refusal(() => parseCatalogFeed(bytes('a,b\n')))[0]!.code).toBe('EMPTY_FEED');
    expect(refusal(() => parseCatalogFeed(bytes('a,a\n1,2\n')))[0]).toMatchObject({
      code: 'DUPLICATE_COLUMN',
      field: 'a',
    });
  });
});

describe('parseCurrencyFeed', () => {
  it('reads the ECB reference rates with the line of each rate', () => {
    const feed = parseCurrencyFeed(bytes(ECB));
    expect(feed).toMatchObject({ format: 'ecb', quote: 'per-base', base: 'EUR', date: '2024-05-10' });
    expect(feed.rates[1]).toEqual({ currency: 'JPY', rate: 167.82, amountCnt: 1, line: 10 });
  });

  it('reads JSON {base, date, rates} and CSV currency,rate,amount_cnt', () => {
    const json = parseCurrencyFeed(
      bytes('{\n "base": "EUR",\n "date": "2024-05-10",\n "rates": {\n  "USD": 1.0778,\n  "DKK": "7.4609"\n }\n}'),
    );
    expect(json).toMatchObject({ format: 'json', base: 'EUR', quote: 'per-base' });
    expect(json.rates).toEqual([
      { currency: 'USD', rate: 1.0778, amountCnt: 1, line: 5 },
      { currency: 'DKK', rate: 7.4609, amountCnt: 1, line: 6 },
    ]);
    const csv = parseCurrencyFeed(bytes('currency;rate;amount_cnt\nUSD;6,9223;1\nJPY;4,4458;100\n'));
    expect(csv).toMatchObject({ format: 'csv', quote: 'in-base', base: null });
    expect(csv.rates).toEqual([
      { currency: 'USD', rate: 6.9223, amountCnt: 1, line: 2 },
      { currency: 'JPY', rate: 4.4458, amountCnt: 100, line: 3 },
    ]);
    expect(parseCurrencyFeed(bytes('EUR,7.46\n')).rates).toEqual([
      { currency: 'EUR', rate: 7.46, amountCnt: 1, line: 1 },
    ]);
  });

  it('names the line, field and value of each bad rate', () => {
    const errors = refusal(() => parseCurrencyFeed(bytes('currency,rate\nUSD,abc\nEUR,-1\nEURO,2\nUSD,3\n')));
    expect(errors.map((e) => [e.code, e.line, e.field, e.value])).toEqual([
      ['NOT_A_NUMBER', 2, 'rate', 'abc'],
      ['NEGATIVE', 3, 'rate', '-1'],
      ['BAD_VALUE', 4, 'currency', 'EURO'],
    ]);
    expect(refusal(() => parseCurrencyFeed(bytes('currency,rate\nUSD,1\nUSD,2\n')))[0]).toMatchObject({
      code: 'DUPLICATE_ID',
      line: 3,
      value: 'USD',
    });
    expect(refusal(() => parseCurrencyFeed(bytes('currency,rate,colour\nUSD,1,red\n')))[0]).toMatchObject({
      code: 'UNKNOWN_COLUMN',
      field: 'colour',
    });
  });
});

describe('feedHash', () => {
  it('is FNV-1a 64', () => {
    expect(feedHash(bytes('a'))).toBe('af63dc4c8601ec8c');
    expect(feedHash(bytes('foobar'))).toBe('85944171f73967e8');
  });
});
