import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/client.ts';
import { BitrixError } from '../../b24/errors.ts';
import { getInstallPlan } from './get-install-plan.ts';
import { manifest } from './manifest.ts';
import { getAppOption, getUserOption, setUserOption } from './options.ts';
import { getPurgeInventory, purgeKontorData } from './purge-kontor-data.ts';
import { runInstall } from './run-install.ts';
import { tokenCaller } from './testing/token-caller.ts';

// The platform module against a real sandbox over HTTP, with an application token (placement.*,
// app.option.* and entity.* refuse webhooks), asserting the HTTP round trips in the portal's log.
let t: TestSandbox;
let admin: B24Client;
let origin: string;
const HANDLER = 'http://127.0.0.1:5999/index.html';

interface LogEntry {
  method: string;
  status: number;
  batch?: string[];
}
const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const clearLog = () => t.raw('/sandbox/api/log', { method: 'DELETE' });
const bound = async () =>
  (await t.app('placement.get')).body.result as {
    placement: string;
    handler: string;
    langAll: Record<string, { TITLE: string }>;
  }[];

beforeAll(async () => {
  t = await startTestSandbox();
  origin = t.sandbox.portalUrl.replace(/\/$/, '');
  admin = new B24Client(tokenCaller(origin, await t.token(1)));
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await clearLog();
});

describe('install', () => {
  it('plans a fresh install from one batch request: every manifest placement, smart processes expanded', async () => {
    const plan = await getInstallPlan(admin, HANDLER);
    expect(await log()).toEqual([
      expect.objectContaining({
        method: 'batch',
        batch: ['app.info', 'placement.get', 'crm.type.list', 'app.option.get'],
      }),
    ]);
    expect(plan.installed).toBe(false);
    expect(plan.smartProcesses.map((s) => s.entityTypeId)).toEqual([1030, 1032]);
    expect(plan.steps.map((s) => `${s.kind} ${s.id}`)).toEqual([
      'bind bind:CRM_DEAL_DETAIL_TAB',
      'bind bind:CRM_CONTACT_DETAIL_TAB',
      'bind bind:CRM_COMPANY_DETAIL_TAB',
      'bind bind:CRM_LEAD_DETAIL_TAB',
      'bind bind:CRM_DYNAMIC_1030_DETAIL_TAB',
      'bind bind:CRM_DYNAMIC_1032_DETAIL_TAB',
      'bind bind:TASK_VIEW_TAB',
      'options options',
    ]);
  });

  it('runs the plan in one batch request: placements bound with localized titles, option defaults stored', async () => {
    const plan = await getInstallPlan(admin, HANDLER);
    await clearLog();
    const report = await runInstall(admin, plan);
    expect(report.ok).toBe(true);
    expect((await log()).map((e) => e.batch)).toEqual([[...Array<string>(7).fill('placement.bind'), 'app.option.set']]);
    const rows = await bound();
    expect(rows.map((r) => r.placement)).toEqual(plan.steps.flatMap((s) => (s.kind === 'bind' ? [s.placement] : [])));
    expect(rows.every((r) => r.handler === HANDLER)).toBe(true);
    expect(rows[0]!.langAll).toEqual({
      en: { TITLE: 'Kontor', DESCRIPTION: '', GROUP_NAME: '' },
      da: expect.any(Object),
      de: expect.any(Object),
      ru: expect.any(Object),
    });
    expect((await t.app('app.option.get')).body.result).toEqual(manifest.options);
  });

  it('is idempotent on reinstall: nothing to bind, no duplicate placements, an admin-chosen option survives', async () => {
    await t.app('app.option.set', { options: { 'kontor.currency': 'DKK' } });
    const plan = await getInstallPlan(admin, HANDLER);
    expect(plan.steps.filter((s) => s.kind !== 'keep').map((s) => s.kind)).toEqual(['options']);
    expect(plan.steps.at(-1)).toEqual({
      id: 'options',
      kind: 'options',
      options: { 'kontor.version': manifest.version },
    });
    await clearLog();
    expect((await runInstall(admin, plan)).ok).toBe(true);
    expect((await log()).map((e) => e.batch)).toEqual([['app.option.set']]);
    expect(await bound()).toHaveLength(7);
    expect((await t.app('app.option.get', { option: 'kontor.currency' })).body.result).toBe('DKK');
  });

  it('unbinds stale handlers and gone smart processes, rebinds outdated titles, binds new smart processes', async () => {
    await t.app('placement.bind', {
      PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
      HANDLER: 'http://127.0.0.1:5999/old/index.html',
      TITLE: 'Old',
    });
    await t.app('placement.bind', { PLACEMENT: 'TASK_VIEW_TAB', HANDLER, TITLE: 'Renamed by hand' });
    const added = await t.hook('crm.type.add', { fields: { title: 'Contracts', entityTypeId: 1500 } });
    expect(added.status).toBe(200);
    const plan = await getInstallPlan(admin, HANDLER);
    expect(plan.steps.filter((s) => s.kind !== 'keep').map((s) => s.id)).toEqual([
      'unbind:CRM_DEAL_DETAIL_TAB:http://127.0.0.1:5999/old/index.html',
      'bind:CRM_DYNAMIC_1500_DETAIL_TAB',
      'bind:TASK_VIEW_TAB',
      'options',
    ]);
    expect((await runInstall(admin, plan)).ok).toBe(true);
    const rows = await bound();
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.handler === HANDLER)).toBe(true);
    expect(rows.find((r) => r.placement === 'TASK_VIEW_TAB')!.langAll.de!.TITLE).toBe('Kontor');

    // The smart process goes: its tab is unbound on the next install.
    const { types } = (await t.hook('crm.type.list', {})).body.result as {
      types: { id: number; entityTypeId: number }[];
    };
    await t.hook('crm.type.delete', { id: types.find((x) => x.entityTypeId === 1500)!.id });
    const again = await getInstallPlan(admin, HANDLER);
    expect(again.steps.filter((s) => s.kind === 'unbind').map((s) => s.id)).toEqual([
      `unbind:CRM_DYNAMIC_1500_DETAIL_TAB:${HANDLER}`,
    ]);
    expect((await runInstall(admin, again)).ok).toBe(true);
    expect(await bound()).toHaveLength(7);
  });

  it('reports every step of a failed batch as failed (HTTP 500) and succeeds when run again', async () => {
    await t.app('placement.unbind', { PLACEMENT: 'CRM_LEAD_DETAIL_TAB' });
    const plan = await getInstallPlan(admin, HANDLER);
    await t.raw('/sandbox/api/force', {
      method: 'POST',
      body: JSON.stringify({
        status: 500,
        body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
        method: 'batch',
      }),
    });
    const failed = await runInstall(admin, plan);
    expect(failed.ok).toBe(false);
    expect(
      failed.outcomes.filter((o) => o.step.kind !== 'keep').map((o) => [o.step.id, o.ok, o.error?.status]),
    ).toEqual([
      ['bind:CRM_LEAD_DETAIL_TAB', false, 500],
      ['options', false, 500],
    ]);
    expect((await bound()).map((r) => r.placement)).not.toContain('CRM_LEAD_DETAIL_TAB');
    const retried = await runInstall(admin, await getInstallPlan(admin, HANDLER));
    expect(retried.ok).toBe(true);
    expect((await bound()).map((r) => r.placement)).toContain('CRM_LEAD_DETAIL_TAB');
  });

  it('reports a failed command on its own step while the others of the batch succeed', async () => {
    await t.app('placement.unbind', { PLACEMENT: 'CRM_LEAD_DETAIL_TAB' });
    await t.app('placement.unbind', { PLACEMENT: 'TASK_VIEW_TAB' });
    const plan = await getInstallPlan(admin, HANDLER);
    // A code the portal does not know (as if the manifest named a placement of a missing module).
    const broken = {
      ...plan,
      steps: plan.steps.map((s) =>
        s.id === 'bind:TASK_VIEW_TAB' && s.kind === 'bind' ? { ...s, placement: 'TASK_VIEW_NOPE' } : s,
      ),
    };
    const report = await runInstall(admin, broken);
    expect(report.ok).toBe(false);
    const byId = Object.fromEntries(report.outcomes.map((o) => [o.step.id, o]));
    expect(byId['bind:TASK_VIEW_TAB']!.error).toBeInstanceOf(BitrixError);
    expect(byId['bind:TASK_VIEW_TAB']!.error!.code).toBe('ERROR_PLACEMENT_NOT_FOUND');
    expect(byId['bind:CRM_LEAD_DETAIL_TAB']!.ok).toBe(true);
    expect((await runInstall(admin, await getInstallPlan(admin, HANDLER))).ok).toBe(true);
  });

  it('refuses to plan for a regular user (placement.get is admin-only)', async () => {
    const regular = new B24Client(tokenCaller(origin, await t.token(3)));
    const error = await getInstallPlan(regular, HANDLER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BitrixError);
    expect((error as BitrixError).isAccessDenied).toBe(true);
  });
});

describe('options', () => {
  it('saves a user language override per user; empty clears it', async () => {
    const regular = new B24Client(tokenCaller(origin, await t.token(3)));
    await setUserOption(regular, 'kontor.lang', 'da');
    expect(await getUserOption(regular, 'kontor.lang')).toBe('da');
    expect(await getUserOption(admin, 'kontor.lang')).toBeNull();
    await setUserOption(regular, 'kontor.lang', '');
    expect(await getUserOption(regular, 'kontor.lang')).toBeNull();
  });

  it('reads an app option, falling back to the manifest default when unset', async () => {
    await t.app('app.option.set', { options: { 'kontor.currency': 'SEK' } });
    expect(await getAppOption(admin, 'kontor.currency')).toBe('SEK');
    await t.app('app.option.set', { options: { 'kontor.currency': '' } });
    expect(await getAppOption(admin, 'kontor.currency')).toBe('EUR');
  });
});

describe('remove all Kontor data', () => {
  it('lists and removes app options and every entity storage in one request each', async () => {
    await t.app('app.option.set', { options: { 'kontor.currency': 'DKK', 'kontor.sync.lastRun': '2026-01-01' } });
    for (const [entity, name] of [
      ['kontor_notes', 'Notes'],
      ['kontor_rates', 'Rates'],
    ]) {
      expect((await t.app('entity.add', { ENTITY: entity, NAME: name, ACCESS: { AU: 'R' } })).status).toBe(200);
      await t.app('entity.item.add', { ENTITY: entity, NAME: 'x' });
    }
    await clearLog();
    const inventory = await getPurgeInventory(admin);
    expect(inventory.storages).toEqual([
      { entity: 'kontor_notes', name: 'Notes' },
      { entity: 'kontor_rates', name: 'Rates' },
    ]);
    expect(inventory.appOptions).toEqual(
      expect.arrayContaining(['kontor.version', 'kontor.currency', 'kontor.sync.lastRun']),
    );
    expect((await log()).map((e) => e.batch)).toEqual([['app.option.get', 'entity.get']]);

    await clearLog();
    const report = await purgeKontorData(admin);
    expect(report).toEqual({ ok: true, failures: [] });
    expect((await log()).map((e) => e.batch)).toEqual([
      ['app.option.get', 'entity.get'],
      ['app.option.set', 'entity.delete', 'entity.delete'],
    ]);
    expect((await t.app('entity.get')).body.result).toEqual([]);
    const options = (await t.app('app.option.get')).body.result as Record<string, unknown>;
    expect(Object.values(options).every((v) => v === '')).toBe(true);
    expect(await getPurgeInventory(admin)).toEqual({ appOptions: [], storages: [] });
    // The placements stay: removing data is not uninstalling.
    expect(await bound()).toHaveLength(7);
  });

  it('removes nothing when the portal cannot be read', async () => {
    await t.app('entity.add', { ENTITY: 'kontor_x', NAME: 'X' });
    await t.raw('/sandbox/api/force', {
      method: 'POST',
      body: JSON.stringify({
        status: 503,
        body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
        method: 'batch',
      }),
    });
    // The forced answer hits the inventory read: nothing is deleted and the call rejects.
    await expect(purgeKontorData(admin)).rejects.toBeInstanceOf(BitrixError);
    expect(((await t.app('entity.get')).body.result as unknown[]).length).toBe(1);
  });
});
