import type { BatchCommand } from '../../b24/client.ts';
import {
  expandPlacements,
  VERSION_OPTION,
  type DesiredPlacement,
  type KontorManifest,
  type LocalizedText,
} from './manifest.ts';

/** One row of `placement.get` (only this app's bindings). */
export interface BoundPlacement {
  placement: string;
  handler: string;
  title: string;
  /** `[]` on the wire when empty (PHP), normalised to `{}`. */
  langAll: Record<string, { TITLE?: string }>;
}

export interface SmartProcessType {
  entityTypeId: number;
  title: string;
}

/** What the portal holds now: the input of the plan. */
export interface InstallState {
  installed: boolean;
  bound: BoundPlacement[];
  smartProcesses: SmartProcessType[];
  appOptions: Record<string, unknown>;
}

export type InstallStep =
  | { id: string; kind: 'bind'; placement: string; handler: string; titles: LocalizedText; entityTypeId?: number }
  /** Bound with our handler but outdated titles (or duplicated): unbind, then bind again. */
  | { id: string; kind: 'rebind'; placement: string; handler: string; titles: LocalizedText; entityTypeId?: number }
  | { id: string; kind: 'keep'; placement: string; handler: string; entityTypeId?: number }
  /** A binding of ours the manifest no longer wants (old handler URL, smart process gone, code dropped). */
  | { id: string; kind: 'unbind'; placement: string; handler: string }
  | { id: string; kind: 'options'; options: Record<string, unknown> };

export interface InstallPlan {
  handler: string;
  /** `app.info.INSTALLED` when the plan was made. */
  installed: boolean;
  smartProcesses: SmartProcessType[];
  steps: InstallStep[];
}

function sameTitles(row: BoundPlacement, titles: LocalizedText): boolean {
  return (Object.keys(titles) as (keyof LocalizedText)[]).every((lang) => row.langAll[lang]?.TITLE === titles[lang]);
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Compares what the manifest wants with what the portal has and lists the steps to get there. Running
 * the steps and planning again yields only `keep` steps and the options write: install is idempotent.
 * `kontor.version` is always written; other defaults only where no value is set (an admin's choice survives
 * a reinstall).
 * @example computeInstallPlan(manifest, 'https://app/index.html', { installed: false, bound: [], smartProcesses: [], appOptions: {} })
 */
export function computeInstallPlan(m: KontorManifest, handler: string, state: InstallState): InstallPlan {
  const desired: DesiredPlacement[] = expandPlacements(
    m,
    state.smartProcesses.map((t) => t.entityTypeId),
  );
  const wanted = new Set(desired.map((d) => `${d.code}\n${handler}`));
  const steps: InstallStep[] = [];
  const seenStale = new Set<string>();
  for (const row of state.bound) {
    const key = `${row.placement}\n${row.handler}`;
    if (wanted.has(key) || seenStale.has(key)) continue;
    seenStale.add(key);
    steps.push({
      id: `unbind:${row.placement}:${row.handler}`,
      kind: 'unbind',
      placement: row.placement,
      handler: row.handler,
    });
  }
  for (const d of desired) {
    const rows = state.bound.filter((r) => r.placement === d.code && r.handler === handler);
    const base = {
      placement: d.code,
      handler,
      ...(d.entityTypeId !== undefined ? { entityTypeId: d.entityTypeId } : {}),
    };
    if (rows.length === 0) steps.push({ id: `bind:${d.code}`, kind: 'bind', titles: d.titles, ...base });
    else if (rows.length > 1 || !sameTitles(rows[0]!, d.titles))
      steps.push({ id: `bind:${d.code}`, kind: 'rebind', titles: d.titles, ...base });
    else steps.push({ id: `bind:${d.code}`, kind: 'keep', ...base });
  }
  const options: Record<string, unknown> = { [VERSION_OPTION]: m.version };
  for (const [name, value] of Object.entries(m.options))
    if (name !== VERSION_OPTION && isUnset(state.appOptions[name])) options[name] = value;
  steps.push({ id: 'options', kind: 'options', options });
  return { handler, installed: state.installed, smartProcesses: state.smartProcesses, steps };
}

function bindCommand(placement: string, handler: string, titles: LocalizedText): BatchCommand {
  const langAll: Record<string, { TITLE: string }> = {};
  for (const [lang, title] of Object.entries(titles)) langAll[lang] = { TITLE: title };
  // TITLE is what portals without LANG_ALL support show; LANG_ALL gives each user their language.
  return {
    method: 'placement.bind',
    params: { PLACEMENT: placement, HANDLER: handler, TITLE: titles.en, LANG_ALL: langAll },
  };
}

/**
 * The REST commands of one step, in order (none for `keep`).
 * @example commandsOf({ id: 'options', kind: 'options', options: { 'kontor.version': '0.1.0' } }) // [{ method: 'app.option.set', … }]
 */
export function commandsOf(step: InstallStep): BatchCommand[] {
  switch (step.kind) {
    case 'bind':
      return [bindCommand(step.placement, step.handler, step.titles)];
    case 'rebind':
      // Whether binding the same PLACEMENT + HANDLER twice duplicates the tab is unconfirmed: unbind first.
      return [
        { method: 'placement.unbind', params: { PLACEMENT: step.placement, HANDLER: step.handler } },
        bindCommand(step.placement, step.handler, step.titles),
      ];
    case 'unbind':
      return [{ method: 'placement.unbind', params: { PLACEMENT: step.placement, HANDLER: step.handler } }];
    case 'options':
      return [{ method: 'app.option.set', params: { options: step.options } }];
    case 'keep':
      return [];
  }
}

/**
 * True when the plan changes nothing but the version option (a reinstall of the same version).
 * @example isPlanUpToDate(await getInstallPlan(client, handler))
 */
export function isPlanUpToDate(plan: InstallPlan): boolean {
  return plan.steps.every((s) => s.kind === 'keep' || s.kind === 'options');
}
