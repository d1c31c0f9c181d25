import type { B24Frame } from '@bitrix24/b24jssdk';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { B24Client } from './client.ts';
import type { Frame } from './frame.ts';
import { initInfo, type InitInfo } from './init-info.ts';

interface B24ContextValue {
  b24: B24Frame | null;
  client: B24Client;
  frame: Frame;
  info: InitInfo;
}

const B24Context = createContext<B24ContextValue | null>(null);

export interface B24ProviderProps {
  /** The SDK instance from `loadB24()`; tests may leave it out and pass `info`. */
  b24?: B24Frame | null;
  client: B24Client;
  frame: Frame;
  /** Init data; defaults to `initInfo(b24)`. */
  info?: InitInfo;
  children?: ReactNode;
}

/**
 * Shares the one SDK instance, REST client and frame helpers of the page with the tree below.
 *
 * @example
 * <B24Provider b24={boot.b24} client={new B24Client(sdkCaller(boot.b24), { once: sdkOnceCaller(boot.b24) })} frame={createFrame(boot.b24)}>
 *   <App />
 * </B24Provider>
 */
export function B24Provider({ b24 = null, client, frame, info, children }: B24ProviderProps) {
  const value = useMemo<B24ContextValue>(() => {
    if (!info && !b24) throw new Error('B24Provider needs either b24 or info');
    return { b24, client, frame, info: info ?? initInfo(b24!) };
  }, [b24, client, frame, info]);
  return <B24Context.Provider value={value}>{children}</B24Context.Provider>;
}

function useB24Context(hook: string): B24ContextValue {
  const value = useContext(B24Context);
  if (!value) throw new Error(`${hook}() must be used inside <B24Provider>`);
  return value;
}

/**
 * The SDK's B24Frame (prefer `useFrame`/`useB24Client`; this is the escape hatch).
 *
 * @example const b24 = useB24(); b24.getAppSid();
 */
export function useB24(): B24Frame {
  const { b24 } = useB24Context('useB24');
  if (!b24) throw new Error('useB24(): no SDK instance was given to <B24Provider>');
  return b24;
}

/**
 * The portal's init data: placement, options, language, admin, install mode, options.
 *
 * @example const { placement, options } = useInitInfo();
 */
export function useInitInfo(): InitInfo {
  return useB24Context('useInitInfo').info;
}

/**
 * Frame helpers: auto-fit, title, sliders, pickers, placement events.
 *
 * @example const frame = useFrame(); useEffect(() => frame.autoFit(ref.current!), [frame]);
 */
export function useFrame(): Frame {
  return useB24Context('useFrame').frame;
}

/**
 * The page's REST client (coalescing, list streaming, typed errors).
 *
 * @example const client = useB24Client(); await client.call('crm.item.get', { entityTypeId: 2, id });
 */
export function useB24Client(): B24Client {
  return useB24Context('useB24Client').client;
}
