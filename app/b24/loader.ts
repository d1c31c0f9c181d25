import { initializeB24Frame, type B24Frame } from '@bitrix24/b24jssdk';

/** Where the app was opened: inside a portal frame, or directly (no portal to talk to). */
export type B24Boot = { kind: 'frame'; b24: B24Frame } | { kind: 'outside' } | { kind: 'failed'; message: string };

/** The SDK learns the portal only from `window.name` = `HOST|PROTOCOL|APP_SID` (frame.md §3). */
export function isInPortalFrame(win: Window = window): boolean {
  return win.top !== win && win.name.split('|').length >= 3;
}

const HANDSHAKE_TIMEOUT_MS = 10_000;

let boot: Promise<B24Boot> | null = null;

/**
 * Initialises the SDK once per page (never inside a React effect: destroy + re-init yields a dead
 * instance). The SDK has no handshake timeout of its own, so we add one.
 * @example const result = await loadB24(); if (result.kind === 'frame') result.b24.getLang();
 */
export function loadB24(): Promise<B24Boot> {
  if (boot) return boot;
  if (!isInPortalFrame()) return (boot = Promise.resolve({ kind: 'outside' }));
  const timeout = new Promise<B24Boot>((resolve) =>
    setTimeout(() => resolve({ kind: 'failed', message: 'The portal did not answer the SDK handshake within 10 s.' }), HANDSHAKE_TIMEOUT_MS),
  );
  const init = initializeB24Frame().then(
    (b24): B24Boot => ({ kind: 'frame', b24 }),
    (err: unknown): B24Boot => ({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
  );
  boot = Promise.race([init, timeout]);
  return boot;
}
