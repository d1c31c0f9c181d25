import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeInstallPlan } from '../app/data/platform/install-plan.ts';
import { expandPlacements, manifest } from '../app/data/platform/manifest.ts';
import { CRM_DYNAMIC_DETAIL_TAB, HANDLED_PLACEMENTS, handlerKeyFor, isHandledPlacement } from './registry.ts';

// manifest.json, the placement registry and the install plan must agree: every bound placement opens a
// screen, every screen's placement gets bound, and the plan binds exactly what the manifest lists.
const LANGS = ['en', 'da', 'de', 'ru'];
const SMART_PROCESSES = [1030, 1032];
const expanded = expandPlacements(manifest, SMART_PROCESSES).map((p) => p.code);

describe('manifest.json ↔ placement-handlers/registry.ts ↔ install plan', () => {
  it('every placement the manifest binds opens a screen', () => {
    for (const code of expanded) {
      expect(isHandledPlacement(code), code).toBe(true);
      expect(handlerKeyFor({ placement: code, installMode: false }), code).not.toBe('unknown');
    }
  });

  it('every placement the registry handles is bound by the manifest (DEFAULT is the main page, never bound)', () => {
    const fixed = manifest.placements.filter((p) => !p.perSmartProcess).map((p) => p.code);
    expect([...HANDLED_PLACEMENTS].filter((c) => c !== manifest.mainPage.placement).sort()).toEqual([...fixed].sort());
    expect(HANDLED_PLACEMENTS).toContain(manifest.mainPage.placement);
    expect(handlerKeyFor({ placement: manifest.mainPage.placement, installMode: false })).toBe('workspace');
    // The smart-process template expands into codes the registry's matcher accepts.
    const template = manifest.placements.filter((p) => p.perSmartProcess).map((p) => p.code);
    expect(template).toEqual(['CRM_DYNAMIC_*_DETAIL_TAB']);
    for (const id of SMART_PROCESSES) expect(CRM_DYNAMIC_DETAIL_TAB.test(`CRM_DYNAMIC_${id}_DETAIL_TAB`)).toBe(true);
  });

  it('install mode opens the install wizard whatever the placement', () => {
    expect(handlerKeyFor({ placement: 'DEFAULT', installMode: true })).toBe('install');
  });

  it('the install plan binds exactly the manifest placements, expanded per smart process', () => {
    const plan = computeInstallPlan(manifest, 'https://app.example/index.html', {
      installed: false,
      bound: [],
      smartProcesses: SMART_PROCESSES.map((entityTypeId) => ({ entityTypeId, title: `SP ${entityTypeId}` })),
      appOptions: {},
    });
    expect(plan.steps.flatMap((s) => (s.kind === 'bind' ? [s.placement] : []))).toEqual(expanded);
    expect(plan.steps.at(-1)).toEqual({ id: 'options', kind: 'options', options: manifest.options });
    expect(expanded).not.toContain('LEFT_MENU');
    expect(expanded).not.toContain('DEFAULT');
  });

  it('asks for the scopes its placements need and titles them in every language', () => {
    expect(manifest.scopes).toContain('placement');
    for (const code of expanded) {
      const scope = code.startsWith('CRM_') ? 'crm' : code.startsWith('TASK_') ? 'task' : null;
      expect(scope, code).not.toBeNull();
      expect(manifest.scopes).toContain(scope);
    }
    for (const p of manifest.placements)
      for (const l of LANGS) expect(p.titles[l as 'en'], `${p.code} ${l}`).toMatch(/\S/);
    for (const l of LANGS) expect(manifest.names[l as 'en']).toMatch(/\S/);
    expect(new Set(manifest.scopes).size).toBe(manifest.scopes.length);
  });

  it('names the app and its version once', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(manifest.code).toBe('local.kontor');
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.options['kontor.version']).toBe(manifest.version);
  });
});
