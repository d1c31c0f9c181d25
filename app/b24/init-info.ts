/** What the portal told the app when it opened it (frame.md §5), in the app's words. */
export interface InitInfo {
  /** Placement code (`DEFAULT` for the left-menu page, `CRM_DEAL_DETAIL_TAB`, …). */
  placement: string;
  /** `PLACEMENT_OPTIONS` (`{ID: "7"}` for CRM tabs, `{taskId: "31"}` for the task tab). */
  options: Record<string, unknown>;
  /** Portal UI language (`en`, `de`, `ru`, …). */
  lang: string;
  isAdmin: boolean;
  /** The portal opened the install page: the app is not installed yet. */
  installMode: boolean;
  /** The current user's first launch of this app version. */
  firstRun: boolean;
  /** `https://portal.example` — no trailing slash. */
  portalOrigin: string;
  appOptions: Record<string, unknown>;
  userOptions: Record<string, unknown>;
}

/** The part of the SDK's `B24Frame` that init data is read from (a B24Frame fits; tests pass a plain object). */
export interface InitSource {
  readonly placement: { readonly placement: string; readonly options: unknown };
  readonly auth: { readonly isAdmin: boolean };
  readonly isInstallMode: boolean;
  readonly isFirstRun: boolean;
  getLang(): string;
  getTargetOrigin(): string;
}

const options = new WeakMap<object, { app: Record<string, unknown>; user: Record<string, unknown> }>();

/** PHP sends an empty map as `[]` (rest.md §3); anything but a plain object reads as empty. */
function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

/** Stores the app/user option maps of an init-data reply for `initInfo` (called by the loader). */
export function rememberInitOptions(source: object, app: unknown, user: unknown): void {
  options.set(source, { app: asRecord(app), user: asRecord(user) });
}

/**
 * The init data of the frame the app was opened in.
 *
 * @example const { placement, options } = initInfo(b24); // 'CRM_DEAL_DETAIL_TAB', { ID: '7' }
 */
export function initInfo(b24: InitSource): InitInfo {
  const stored = options.get(b24);
  return {
    placement: b24.placement.placement || 'DEFAULT',
    options: asRecord(b24.placement.options),
    lang: String(b24.getLang() || 'en'),
    isAdmin: b24.auth.isAdmin === true,
    installMode: b24.isInstallMode === true,
    firstRun: b24.isFirstRun === true,
    portalOrigin: b24.getTargetOrigin().replace(/\/$/, ''),
    appOptions: stored?.app ?? {},
    userOptions: stored?.user ?? {},
  };
}
