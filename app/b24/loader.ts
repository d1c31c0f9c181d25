/// <reference types="vite/client" />
import { initializeB24Frame, type B24Frame } from '@bitrix24/b24jssdk';
import { rememberInitOptions } from './init-info.ts';

/** Where the app was opened: inside a portal frame, or directly (no portal to talk to). */
export type B24Boot = { kind: 'frame'; b24: B24Frame } | { kind: 'outside' } | { kind: 'failed'; message: string };

/**
 * The SDK learns the portal only from `window.name` = `HOST|PROTOCOL|APP_SID` (frame.md §3).
 *
 * @example if (!isInPortalFrame()) render(<OutsidePortal />);
 */
export function isInPortalFrame(win: Window = window): boolean {
  return win.top !== win && win.name.split('|').length >= 3;
}

export const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Where `npm start` serves the app inside the sandbox portal (sandbox defaults, docs/sandbox.md). */
export const SANDBOX_APP_URL = 'http://127.0.0.1:4000/marketplace/app/1/';

export interface OutsidePortalHint {
  title: string;
  body: string;
  /** The sandbox portal's app page, only in development. */
  sandboxUrl: string | null;
}

/**
 * What to show when the page was opened outside a portal, instead of a blank page.
 *
 * @example const { title, body, sandboxUrl } = outsidePortalHint();
 */
export function outsidePortalHint(dev: boolean = import.meta.env?.DEV === true): OutsidePortalHint {
  return {
    title: 'Kontor runs inside Bitrix24',
    body: "This page was opened directly, so there is no portal to talk to. Open Kontor from your portal's left menu (Applications → Kontor) or from a CRM card's Kontor tab.",
    sandboxUrl: dev ? SANDBOX_APP_URL : null,
  };
}

let boot: Promise<B24Boot> | null = null;

/**
 * Initialises the SDK once per page (never inside a React effect: destroy + re-init yields a dead
 * instance). The SDK has no handshake timeout of its own, so we add one. The production limiter
 * stays at the SDK's defaults.
 *
 * @example const result = await loadB24(); if (result.kind === 'frame') initInfo(result.b24).placement;
 */
export function loadB24(): Promise<B24Boot> {
  if (boot) return boot;
  if (!isInPortalFrame()) return (boot = Promise.resolve({ kind: 'outside' }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<B24Boot>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          kind: 'failed',
          message: `The portal did not answer the SDK handshake within ${HANDSHAKE_TIMEOUT_MS / 1000} s.`,
        }),
      HANDSHAKE_TIMEOUT_MS,
    );
  });
  const init = initializeB24Frame().then(
    async (b24): Promise<B24Boot> => {
      await captureOptions(b24);
      return { kind: 'frame', b24 };
    },
    (err: unknown): B24Boot => ({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
  );
  boot = Promise.race([init, timeout]).finally(() => clearTimeout(timer));
  return boot;
}

/**
 * The SDK keeps APP_OPTIONS / USER_OPTIONS private (only `appGet(name)`, which throws on falsy
 * values), so we ask the portal for the init data once more — a postMessage round trip, no REST
 * request. `isSafely` settles it after 1 s if a portal does not answer twice.
 */
async function captureOptions(b24: B24Frame): Promise<void> {
  try {
    const data: unknown = await b24.parent.message.send('getInitData', { isSafely: true, safelyTime: 1000 });
    if (data && typeof data === 'object') {
      const d = data as { APP_OPTIONS?: unknown; USER_OPTIONS?: unknown };
      rememberInitOptions(b24, d.APP_OPTIONS, d.USER_OPTIONS);
    }
  } catch {
    // Options then read as empty; the app falls back to its defaults.
  }
}
