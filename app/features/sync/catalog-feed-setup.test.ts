import { describe, expect, it } from 'vitest';
import {
  choiceOf,
  profileForRun,
  profileToSave,
  proposeMapping,
  readCatalog,
  sameMapping,
} from './catalog-feed-setup.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('proposeMapping', () => {
  it('takes the profile’s choice first, then header names, and ignores the rest — each field once', () => {
    const proposal = proposeMapping(['SKU', 'name', 'Name', 'PROPERTY_12', 'colour'], {
      columns: { SKU: 'externalId', old_price: 'price' },
    });
    expect(proposal.columns).toEqual({
      SKU: 'externalId',
      name: 'name',
      Name: 'ignore',
      PROPERTY_12: 'property:12',
      colour: 'ignore',
    });
    expect(proposal.origin).toEqual({ SKU: 'saved', name: 'auto', Name: 'none', PROPERTY_12: 'auto', colour: 'none' });
    expect(proposal.missing).toEqual(['old_price']);
  });
});

describe('profiles for saving and running', () => {
  const profile = { name: 'ERP', kind: 'catalog' as const, source: { location: 'https://erp.example/p.csv' } };
  const mapping = { columns: { id: 'externalId' as const, price: 'price' as const } };

  it('saves only what the user chose (detected parts stay detected), and the run gets all of it', () => {
    const choice = { ...choiceOf(profile), encoding: 'windows-1252' as const };
    const read = readCatalog(bytes('id;name;price\nA-1;Desk;1,5\nA-2;Lamp;2,5\n'), 'p.csv', choice);
    expect(read.feed).not.toBeNull();
    expect(profileToSave(profile, choice, mapping, null)).toEqual({
      ...profile,
      source: { location: 'https://erp.example/p.csv', encoding: 'windows-1252' },
      mapping,
    });
    expect(profileForRun(profile, read.feed!, choice, mapping, null).source).toEqual({
      location: 'https://erp.example/p.csv',
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      decimal: ',',
    });
  });

  it('returns a feed that cannot be read as refused, with its line', () => {
    const read = readCatalog(new Uint8Array([0x69, 0x64, 0x0a, 0xff, 0xfe, 0x41]), 'p.csv', choiceOf(profile));
    expect(read.feed).toBeNull();
    expect(read.refused?.errors[0]).toMatchObject({ code: 'ENCODING', line: 2 });
  });

  it('compares mappings whatever the key order', () => {
    expect(sameMapping({ columns: { price: 'price', id: 'externalId' } }, mapping)).toBe(true);
    expect(sameMapping(undefined, mapping)).toBe(false);
  });
});
