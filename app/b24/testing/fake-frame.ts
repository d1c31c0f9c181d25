import { vi } from 'vitest';
import type { Frame } from '../frame.ts';
import type { InitInfo } from '../init-info.ts';

/** Frame helpers for component tests: every call recorded, none reaching a portal. */
export function fakeFrame(): Frame {
  return {
    autoFit: () => () => undefined,
    setTitle: vi.fn(async () => undefined),
    openPath: vi.fn(async () => undefined),
    openApplication: vi.fn(async () => undefined),
    selectUser: vi.fn(async () => null),
    selectUsers: vi.fn(async () => []),
    selectCrm: vi.fn(async () => []),
    onPlacementEvent: vi.fn(),
    installFinish: vi.fn(),
    reloadWindow: vi.fn(),
  };
}

/** Init data of an admin in English on a test portal, for a placement. */
export function testInitInfo(placement: string, overrides: Partial<InitInfo> = {}): InitInfo {
  return {
    placement,
    options: {},
    lang: 'en',
    isAdmin: true,
    installMode: false,
    firstRun: false,
    portalOrigin: 'https://portal.test',
    appOptions: {},
    userOptions: {},
    ...overrides,
  };
}
