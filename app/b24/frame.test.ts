// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createFrame, type FrameEnv, type FrameSdk } from './frame.ts';

interface Sent {
  command: string;
  params: Record<string, unknown> | null | undefined;
}

/** A B24Frame-shaped fake that records what the helpers send to the portal. */
function fakeSdk(overrides: { selectCRM?: unknown } = {}) {
  const sent: Sent[] = [];
  const calls: string[] = [];
  const events = new Map<string, (...args: unknown[]) => void>();
  const sdk: FrameSdk = {
    parent: {
      message: {
        send: async (command, params) => {
          sent.push({ command, params });
          return { isSafely: true };
        },
      },
      setTitle: async (title) => calls.push(`setTitle:${title}`),
      reloadWindow: async () => calls.push('reloadWindow'),
    },
    slider: {
      getUrl: (path = '/') => new URL(path, 'https://portal.example'),
      openPath: async (url) => calls.push(`openPath:${url.toString()}`),
      openSliderAppPage: async (params) => calls.push(`openApplication:${JSON.stringify(params)}`),
    },
    dialog: {
      selectUser: async () => ({ id: '3', name: 'Sam Hill' }),
      selectUsers: async () => [
        { id: '1', name: 'Alex' },
        { id: '2', name: 'Kim' },
      ],
      selectCRM: async (params) => {
        calls.push(`selectCRM:${JSON.stringify(params)}`);
        return overrides.selectCRM ?? {};
      },
    },
    placement: {
      bindEvent: async (name, cb) => {
        events.set(name, cb);
        return undefined;
      },
    },
    // The real installFinish never settles (the portal reloads the page).
    installFinish: () => {
      calls.push('installFinish');
      return new Promise(() => undefined);
    },
  };
  return { sdk, sent, calls, events };
}

/** Observers and animation frames the test fires by hand (no timers, no real layout). */
function manualEnv() {
  const frames: (() => void)[] = [];
  const observers: { kind: string; cb: () => void; connected: boolean }[] = [];
  const observer = (kind: string) =>
    class {
      entry: { kind: string; cb: () => void; connected: boolean };
      constructor(cb: () => void) {
        this.entry = { kind, cb, connected: false };
        observers.push(this.entry);
      }
      observe() {
        this.entry.connected = true;
      }
      disconnect() {
        this.entry.connected = false;
      }
    };
  const env: FrameEnv = {
    requestAnimationFrame: (cb) => frames.push(cb),
    cancelAnimationFrame: (handle) => {
      frames[handle - 1] = () => undefined;
    },
    ResizeObserver: observer('resize'),
    MutationObserver: observer('mutation'),
  };
  const runFrames = () => frames.splice(0).forEach((f) => f());
  return { env, frames, observers, runFrames };
}

function element(height: number): HTMLElement {
  const el = document.createElement('div');
  Object.defineProperty(el, 'scrollHeight', { get: () => height, configurable: true });
  document.body.append(el);
  return el;
}

describe('createFrame().autoFit', () => {
  it('resizes the frame to the element once per animation frame, however many changes came in', async () => {
    const { sdk, sent } = fakeSdk();
    const { env, frames, observers, runFrames } = manualEnv();
    let height = 640;
    const el = element(0);
    Object.defineProperty(el, 'scrollHeight', { get: () => height });
    const stop = createFrame(sdk, env).autoFit(el);
    expect(observers.map((o) => [o.kind, o.connected])).toEqual([
      ['resize', true],
      ['mutation', true],
    ]);
    runFrames();
    height = 900;
    observers.forEach((o) => o.cb());
    observers.forEach((o) => o.cb());
    expect(frames).toHaveLength(1);
    runFrames();
    // Same height again: nothing to tell the portal.
    observers[0]!.cb();
    runFrames();
    expect(sent).toEqual([
      { command: 'resizeWindow', params: { width: '100%', height: 640, isSafely: true } },
      { command: 'resizeWindow', params: { width: '100%', height: 900, isSafely: true } },
    ]);
    stop();
    expect(observers.every((o) => !o.connected)).toBe(true);
  });

  it('lets the frame shrink when the content gets shorter', () => {
    const { sdk, sent } = fakeSdk();
    const { env, observers, runFrames } = manualEnv();
    let height = 1200;
    const el = element(0);
    Object.defineProperty(el, 'scrollHeight', { get: () => height });
    createFrame(sdk, env).autoFit(el);
    runFrames();
    height = 300;
    observers[1]!.cb();
    runFrames();
    expect(sent.map((s) => s.params?.height)).toEqual([1200, 300]);
  });

  it('works with the browser observers and animation frames', async () => {
    const { sdk, sent } = fakeSdk();
    const el = element(480);
    const stop = createFrame(sdk).autoFit(el);
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    stop();
    expect(sent[0]).toEqual({ command: 'resizeWindow', params: { width: '100%', height: 480, isSafely: true } });
  });
});

describe('createFrame helpers', () => {
  it('opens portal paths through the SDK slider URL and the app in a slider', async () => {
    const { sdk, calls } = fakeSdk();
    const frame = createFrame(sdk, manualEnv().env);
    await frame.openPath('/crm/deal/details/7/');
    await frame.openApplication({ view: 'details', id: 7, bx24_title: 'Details' });
    await frame.setTitle('Kontor');
    expect(calls).toEqual([
      'openPath:https://portal.example/crm/deal/details/7/',
      'openApplication:{"view":"details","id":7,"bx24_title":"Details"}',
      'setTitle:Kontor',
    ]);
  });

  it('returns picked users as {id, name}', async () => {
    const frame = createFrame(fakeSdk().sdk, manualEnv().env);
    expect(await frame.selectUser()).toEqual({ id: '3', name: 'Sam Hill' });
    expect(await frame.selectUsers()).toEqual([
      { id: '1', name: 'Alex' },
      { id: '2', name: 'Kim' },
    ]);
  });

  it('flattens CRM picker buckets (arrays or the portal\'s {"0": …} objects) and drops unknown types', async () => {
    const picked = {
      deal: [{ id: 'D_7', type: 'deal', title: 'Deal #7' }],
      contact: { 0: { id: 'C_2', type: 'contact', title: 'Sam Hill' } },
    };
    const { sdk, calls } = fakeSdk({ selectCRM: picked });
    const items = await createFrame(sdk, manualEnv().env).selectCrm(['deal', 'contact', 'spaceship'], true);
    expect(items).toEqual([
      { id: 'C_2', type: 'contact', title: 'Sam Hill' },
      { id: 'D_7', type: 'deal', title: 'Deal #7' },
    ]);
    expect(calls).toEqual(['selectCRM:{"entityType":["contact","deal"],"multiple":true}']);
  });

  it('delivers placement events to the callback', () => {
    const { sdk, events } = fakeSdk();
    const got: unknown[] = [];
    createFrame(sdk, manualEnv().env).onPlacementEvent('CallCard::EntityChanged', (d) => got.push(d));
    events.get('CallCard::EntityChanged')!({ id: 1 });
    expect(got).toEqual([{ id: 1 }]);
  });

  it('fires installFinish and reloadWindow without waiting for an answer that never comes', () => {
    const { sdk, calls } = fakeSdk();
    const frame = createFrame(sdk, manualEnv().env);
    expect(frame.installFinish()).toBeUndefined();
    expect(frame.reloadWindow()).toBeUndefined();
    expect(calls).toEqual(['installFinish', 'reloadWindow']);
  });
});
