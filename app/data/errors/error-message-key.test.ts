import { describe, expect, it } from 'vitest';
import { BitrixError } from '../../b24/index.ts';
import { translate, initI18n } from '../../i18n/index.ts';
import { errorDetail, errorMessageKey } from './error-message-key.ts';
import { errorMessages, registerErrorLocales } from './locales.ts';

const err = (code: string, description = '', status = 400) => new BitrixError(code, description, status, 'x');

describe('errorMessageKey', () => {
  it.each([
    [err('NOT_FOUND', 'Element not found'), 'errors:notFound'],
    [err('', 'Not found'), 'errors:notFound'],
    [err('ACCESS_DENIED', 'Access denied!', 403), 'errors:accessDenied'],
    [err('insufficient_scope', '', 401), 'errors:accessDenied'],
    [err('1048582', 'No access to delete the task'), 'errors:accessDenied'],
    [err('expired_token', '', 401), 'errors:auth'],
    [err('NO_AUTH_FOUND', 'Wrong authorization data', 401), 'errors:auth'],
    [err('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503), 'errors:rateLimit'],
    [err('OPERATION_TIME_LIMIT', '', 429), 'errors:rateLimit'],
    [err('CRM_FIELD_ERROR_REQUIRED', 'Field "Region" is required'), 'errors:validation'],
    [err('ERROR_CORE', 'Task title is not specified<br>'), 'errors:validation'],
    [err('ERR_NETWORK', 'socket hang up', 0), 'errors:network'],
    [err('ERR_BAD_RESPONSE', 'Request failed with status code 500', 500), 'errors:unknown'],
    [new TypeError('Failed to fetch'), 'errors:network'],
    [new Error('boom'), 'errors:unknown'],
    ['nothing useful', 'errors:unknown'],
  ])('%o → %s', (error, key) => {
    expect(errorMessageKey(error)).toBe(key);
  });
});

describe('errorDetail', () => {
  it("keeps the portal's own words as text and drops generic transport messages", () => {
    expect(errorDetail(err('ERROR_CORE', 'Task title is not specified<br>'))).toBe('Task title is not specified');
    expect(errorDetail(err('ERR_BAD_REQUEST', 'Request failed with status code 400'))).toBeNull();
    expect(errorDetail(new Error('x'))).toBeNull();
  });
});

describe('errors namespace', () => {
  it('translates every key in every language', async () => {
    registerErrorLocales();
    const errorLocales = {
      en: errorMessages,
      da: (await import('./locales.da.ts')).default,
      de: (await import('./locales.de.ts')).default,
      ru: (await import('./locales.ru.ts')).default,
    };
    const keys = Object.keys(errorLocales.en).sort();
    for (const lang of ['en', 'da', 'de', 'ru'] as const) {
      expect(Object.keys(errorLocales[lang]).sort()).toEqual(keys);
      await initI18n(lang);
      for (const key of keys)
        expect(translate(`errors:${key}`)).toBe(errorLocales[lang][key as keyof typeof errorLocales.en]);
    }
    await initI18n('en');
  });
});
