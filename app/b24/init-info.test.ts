import { describe, expect, it } from 'vitest';
import { initInfo, rememberInitOptions, type InitSource } from './init-info.ts';
import { outsidePortalHint, SANDBOX_APP_URL } from './loader.ts';

function source(over: Partial<{ placement: string; options: unknown }> = {}): InitSource {
  return {
    placement: { placement: over.placement ?? 'CRM_DEAL_DETAIL_TAB', options: over.options ?? { ID: '7' } },
    auth: { isAdmin: true },
    isInstallMode: false,
    isFirstRun: true,
    getLang: () => 'de',
    getTargetOrigin: () => 'https://portal.example',
  };
}

describe('initInfo', () => {
  it('reads placement, options, language, admin, install state and origin from the frame', () => {
    expect(initInfo(source())).toEqual({
      placement: 'CRM_DEAL_DETAIL_TAB',
      options: { ID: '7' },
      lang: 'de',
      isAdmin: true,
      installMode: false,
      firstRun: true,
      portalOrigin: 'https://portal.example',
      appOptions: {},
      userOptions: {},
    });
  });

  it('adds the option maps the loader captured, and reads PHP empty arrays as empty maps', () => {
    const b24 = source({ options: [] });
    rememberInitOptions(b24, { mode: 'full' }, { 'kontor.lang': 'da' });
    const info = initInfo(b24);
    expect(info.options).toEqual({});
    expect(info.appOptions).toEqual({ mode: 'full' });
    expect(info.userOptions).toEqual({ 'kontor.lang': 'da' });
    rememberInitOptions(b24, [], null);
    expect([initInfo(b24).appOptions, initInfo(b24).userOptions]).toEqual([{}, {}]);
  });
});

describe('outsidePortalHint', () => {
  it('links the sandbox portal only in development', () => {
    expect(outsidePortalHint(true).sandboxUrl).toBe(SANDBOX_APP_URL);
    expect(outsidePortalHint(false).sandboxUrl).toBeNull();
    expect(outsidePortalHint(false).body).toMatch(/left menu/);
  });
});
