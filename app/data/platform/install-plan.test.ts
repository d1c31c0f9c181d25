import { describe, expect, it } from 'vitest';
import { appHandlerUrl } from './handler-url.ts';
import {
  commandsOf,
  computeInstallPlan,
  isPlanUpToDate,
  type BoundPlacement,
  type InstallState,
} from './install-plan.ts';
import { expandPlacements, manifest } from './manifest.ts';

const HANDLER = 'https://cdn.example/app/index.html';
const KONTOR = { en: 'Kontor', da: 'Kontor', de: 'Kontor', ru: 'Kontor' };
const fresh: InstallState = {
  installed: false,
  bound: [],
  smartProcesses: [{ entityTypeId: 1030, title: 'Projects' }],
  appOptions: {},
};
const bound = (placement: string, handler = HANDLER, titles: Record<string, string> = KONTOR): BoundPlacement => ({
  placement,
  handler,
  title: titles.en ?? '',
  langAll: Object.fromEntries(Object.entries(titles).map(([l, t]) => [l, { TITLE: t }])),
});

describe('appHandlerUrl', () => {
  it('binds the main page, never install.html, without query or hash', () => {
    expect(appHandlerUrl('https://cdn.example/app/install.html?DOMAIN=x&APP_SID=1#a')).toBe(HANDLER);
    expect(appHandlerUrl('http://127.0.0.1:5173/?DOMAIN=x')).toBe('http://127.0.0.1:5173/index.html');
    expect(appHandlerUrl('http://127.0.0.1:4002/index.html')).toBe('http://127.0.0.1:4002/index.html');
  });
});

describe('computeInstallPlan', () => {
  it('expands the smart-process template once per type', () => {
    expect(expandPlacements(manifest, [1030, 1032]).map((p) => p.code)).toEqual([
      'CRM_DEAL_DETAIL_TAB',
      'CRM_CONTACT_DETAIL_TAB',
      'CRM_COMPANY_DETAIL_TAB',
      'CRM_LEAD_DETAIL_TAB',
      'CRM_DYNAMIC_1030_DETAIL_TAB',
      'CRM_DYNAMIC_1032_DETAIL_TAB',
      'TASK_VIEW_TAB',
    ]);
  });

  it('binds every placement with localized titles and writes every option default on a fresh portal', () => {
    const plan = computeInstallPlan(manifest, HANDLER, fresh);
    expect(plan.steps.map((s) => `${s.kind} ${s.id}`)).toEqual([
      'bind bind:CRM_DEAL_DETAIL_TAB',
      'bind bind:CRM_CONTACT_DETAIL_TAB',
      'bind bind:CRM_COMPANY_DETAIL_TAB',
      'bind bind:CRM_LEAD_DETAIL_TAB',
      'bind bind:CRM_DYNAMIC_1030_DETAIL_TAB',
      'bind bind:TASK_VIEW_TAB',
      'options options',
    ]);
    expect(commandsOf(plan.steps[0]!)).toEqual([
      {
        method: 'placement.bind',
        params: {
          PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
          HANDLER,
          TITLE: 'Kontor',
          LANG_ALL: {
            en: { TITLE: 'Kontor' },
            da: { TITLE: 'Kontor' },
            de: { TITLE: 'Kontor' },
            ru: { TITLE: 'Kontor' },
          },
        },
      },
    ]);
    expect(commandsOf(plan.steps.at(-1)!)).toEqual([
      { method: 'app.option.set', params: { options: manifest.options } },
    ]);
    expect(isPlanUpToDate(plan)).toBe(false);
  });

  it('keeps what is bound, unbinds stale handlers and codes, rebinds outdated titles and duplicates', () => {
    const plan = computeInstallPlan(manifest, HANDLER, {
      installed: true,
      smartProcesses: [{ entityTypeId: 1030, title: 'Projects' }],
      bound: [
        bound('CRM_DEAL_DETAIL_TAB'),
        bound('CRM_DEAL_DETAIL_TAB', 'https://old.example/index.html'),
        bound('CRM_CONTACT_DETAIL_TAB', HANDLER, { en: 'Old name' }),
        bound('CRM_COMPANY_DETAIL_TAB'),
        bound('CRM_COMPANY_DETAIL_TAB'),
        bound('CRM_LEAD_DETAIL_TAB'),
        bound('CRM_DYNAMIC_1030_DETAIL_TAB'),
        bound('CRM_DYNAMIC_1999_DETAIL_TAB'),
        bound('TASK_VIEW_TAB'),
      ],
      appOptions: { 'kontor.version': '0.0.9', 'kontor.currency': 'DKK', 'kontor.workspace.resource': '' },
    });
    expect(plan.steps.map((s) => s.kind + ' ' + ('placement' in s ? s.placement : ''))).toEqual([
      'unbind CRM_DEAL_DETAIL_TAB',
      'unbind CRM_DYNAMIC_1999_DETAIL_TAB',
      'keep CRM_DEAL_DETAIL_TAB',
      'rebind CRM_CONTACT_DETAIL_TAB',
      'rebind CRM_COMPANY_DETAIL_TAB',
      'keep CRM_LEAD_DETAIL_TAB',
      'keep CRM_DYNAMIC_1030_DETAIL_TAB',
      'keep TASK_VIEW_TAB',
      'options ',
    ]);
    expect(commandsOf(plan.steps[0]!)).toEqual([
      {
        method: 'placement.unbind',
        params: { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'https://old.example/index.html' },
      },
    ]);
    expect(commandsOf(plan.steps[3]!).map((c) => c.method)).toEqual(['placement.unbind', 'placement.bind']);
    expect(commandsOf(plan.steps[2]!)).toEqual([]);
    // The admin's currency survives; the cleared option gets its default again; the version is always written.
    expect(plan.steps.at(-1)).toMatchObject({
      options: { 'kontor.version': manifest.version, 'kontor.workspace.resource': 'deals' },
    });
    expect(plan.steps.at(-1)).not.toMatchObject({ options: { 'kontor.currency': expect.anything() } });
  });

  it('is up to date after an install of the same version', () => {
    const plan = computeInstallPlan(manifest, HANDLER, {
      installed: true,
      smartProcesses: [],
      bound: [
        'CRM_DEAL_DETAIL_TAB',
        'CRM_CONTACT_DETAIL_TAB',
        'CRM_COMPANY_DETAIL_TAB',
        'CRM_LEAD_DETAIL_TAB',
        'TASK_VIEW_TAB',
      ].map((c) => bound(c)),
      appOptions: { ...manifest.options },
    });
    expect(isPlanUpToDate(plan)).toBe(true);
    expect(plan.steps.at(-1)).toEqual({
      id: 'options',
      kind: 'options',
      options: { 'kontor.version': manifest.version },
    });
  });

  it('records the manifest version as the kontor.version default', () => {
    expect(manifest.options['kontor.version']).toBe(manifest.version);
  });
});
