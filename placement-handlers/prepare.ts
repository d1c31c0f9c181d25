import {
  B24Client,
  createFrame,
  initInfo,
  sdkCaller,
  sdkOnceCaller,
  type B24Boot,
  type Frame,
  type InitInfo,
} from '../app/b24/index.ts';
import { initI18n } from '../app/i18n/index.ts';
import { colorSchemeFor, type ColorScheme } from '../app/ui/theme.ts';

type FrameBoot = Extract<B24Boot, { kind: 'frame' }>;

/** Everything a placement screen runs on, built once per page before React renders. */
export interface FrameApp {
  kind: 'frame';
  b24: FrameBoot['b24'];
  info: InitInfo;
  frame: Frame;
  client: B24Client;
  colorScheme: ColorScheme;
}

export type AppBoot = Exclude<B24Boot, { kind: 'frame' }> | FrameApp;

/** The user's own choice (user option `kontor.lang`, set in Settings) wins over the portal's LANG. */
export function languageFor(info: Pick<InitInfo, 'lang' | 'userOptions'>): string {
  const override = info.userOptions['kontor.lang'];
  return typeof override === 'string' && override.trim() !== '' ? override : info.lang;
}

/**
 * Turns the SDK boot into the app's boot: init data, frame helpers, one B24Client, and i18n switched
 * before the first render so a German portal never flashes English.
 */
export async function prepareApp(boot: B24Boot, browserLanguage = globalThis.navigator?.language): Promise<AppBoot> {
  if (boot.kind !== 'frame') {
    await initI18n(browserLanguage);
    return boot;
  }
  try {
    const info = initInfo(boot.b24);
    await initI18n(languageFor(info));
    return {
      kind: 'frame',
      b24: boot.b24,
      info,
      frame: createFrame(boot.b24),
      // Writes that must not run twice go through the caller that never re-sends.
      client: new B24Client(sdkCaller(boot.b24), { once: sdkOnceCaller(boot.b24) }),
      colorScheme: colorSchemeFor(info.userOptions),
    };
  } catch (e) {
    await initI18n(browserLanguage);
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
