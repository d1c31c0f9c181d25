import { describe, expect, it } from 'vitest';
import { i18n, initI18n, localesReady, registerLocales, resolveLanguage, translate } from './index.ts';

registerLocales('probe', {
  en: { hello: 'Hello', nested: { deal: 'Deal {{id}}' } },
  da: { hello: 'Hej', nested: { deal: 'Aftale {{id}}' } },
  de: { hello: 'Hallo', nested: { deal: 'Deal {{id}}' } },
  ru: { hello: 'Привет', nested: { deal: 'Сделка {{id}}' } },
});

describe('resolveLanguage', () => {
  it('keeps the shipped languages and normalises case and region', () => {
    expect(resolveLanguage('de')).toBe('de');
    expect(resolveLanguage('DE')).toBe('de');
    expect(resolveLanguage('ru-RU')).toBe('ru');
    expect(resolveLanguage('da_DK')).toBe('da');
    expect(resolveLanguage('en')).toBe('en');
  });

  it('falls back to English for every other portal language and for nothing', () => {
    for (const lang of ['ua', 'la', 'br', 'pl', 'fr', 'tc', 'sc', 'kz', '', ' ', null, undefined]) {
      expect(resolveLanguage(lang)).toBe('en');
    }
  });
});

describe('initI18n', () => {
  it('switches every registered namespace to the portal language', async () => {
    await initI18n('ru');
    expect(translate('probe:hello')).toBe('Привет');
    expect(translate('probe:nested.deal', { id: '7' })).toBe('Сделка 7');
    await initI18n('da');
    expect(translate('probe:hello')).toBe('Hej');
  });

  it('shows English for a language Kontor does not ship', async () => {
    await initI18n('ua');
    expect(i18n.language).toBe('en');
    expect(translate('probe:hello')).toBe('Hello');
  });

  it('falls back to the English string when a translation lacks a key', async () => {
    // Only reachable by bypassing the types (a stale translation at runtime); the fallback still holds.
    i18n.addResourceBundle('en', 'late', { added: 'Added later' }, true, true);
    await initI18n('de');
    expect(translate('late:added')).toBe('Added later');
  });

  it('does not escape interpolated portal data (React escapes it when rendering)', async () => {
    await initI18n('en');
    expect(translate('probe:nested.deal', { id: 'A & B <b>' })).toBe('Deal A & B <b>');
  });
});

describe('translations loaded on demand', () => {
  it('fetches only the language the page switches to, before the switch', async () => {
    const fetched: string[] = [];
    const load = (lang: string, hello: string) => () => (fetched.push(lang), Promise.resolve({ default: { hello } }));
    registerLocales('lazy', {
      en: { hello: 'Hello' },
      da: load('da', 'Hej'),
      de: load('de', 'Hallo'),
      ru: load('ru', 'Привет'),
    });
    expect(fetched).toEqual([]);
    await initI18n('de');
    expect(fetched).toEqual(['de']);
    expect(translate('lazy:hello')).toBe('Hallo');
    await initI18n('de');
    expect(fetched).toEqual(['de']);
    await initI18n('en');
  });

  it('fetches a namespace registered after the switch; localesReady waits for it', async () => {
    await initI18n('ru');
    registerLocales('late-lazy', {
      en: { hello: 'Hello' },
      da: { hello: 'Hej' },
      de: { hello: 'Hallo' },
      ru: () => Promise.resolve({ default: { hello: 'Привет' } }),
    });
    await localesReady();
    expect(translate('late-lazy:hello')).toBe('Привет');
    await initI18n('en');
  });

  it('shows English when a translation cannot be fetched', async () => {
    registerLocales('broken', {
      en: { hello: 'Hello' },
      da: () => Promise.reject(new Error('offline')),
      de: { hello: 'Hallo' },
      ru: { hello: 'Привет' },
    });
    await initI18n('da');
    expect(translate('broken:hello')).toBe('Hello');
    await initI18n('en');
  });
});
