import { describe, expect, it } from 'vitest';
import { i18n, initI18n, registerLocales, resolveLanguage, translate } from './index.ts';

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
