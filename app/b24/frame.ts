/** The part of the SDK's `B24Frame` the frame helpers use (a B24Frame fits; tests pass a fake). */
export interface FrameSdk {
  readonly parent: {
    readonly message: { send(command: string, params?: Record<string, unknown> | null): Promise<unknown> };
    setTitle(title: string): Promise<unknown>;
    reloadWindow(): Promise<unknown>;
  };
  readonly slider: {
    getUrl(path?: string): URL;
    openPath(url: URL, width?: number): Promise<unknown>;
    openSliderAppPage(params?: Record<string, unknown>): Promise<unknown>;
  };
  readonly dialog: {
    selectUser(): Promise<{ id: string; name: string } | null>;
    selectUsers(): Promise<{ id: string; name: string }[]>;
    selectCRM(params?: { entityType: CrmPickType[]; multiple: boolean }): Promise<unknown>;
  };
  readonly placement: { bindEvent(eventName: string, callBack: (...args: unknown[]) => void): Promise<unknown> };
  installFinish(): Promise<unknown>;
}

export type CrmPickType = 'lead' | 'contact' | 'company' | 'deal' | 'quote';

export interface PickedUser {
  id: string;
  name: string;
}

export interface PickedCrmItem {
  /** The picker's id with its type prefix (`D_7`, `C_2`, `CO_3`, `L_4`, `Q_5`). */
  id: string;
  type: string;
  title: string;
}

/** Portal UI helpers for the frame Kontor runs in (frame.md §6, §9, §10). */
export interface Frame {
  /** Keeps the frame as tall as `el` on every layout change; returns the stop function. */
  autoFit(el: HTMLElement): () => void;
  setTitle(title: string): Promise<void>;
  /** Opens a portal path (`/crm/deal/details/7/`) in a slider; resolves when it closes. */
  openPath(path: string): Promise<void>;
  /** Opens Kontor's own main page in a slider with these placement options; resolves when it closes. */
  openApplication(options: Record<string, unknown>): Promise<void>;
  /** Resolves with the picked user, or null; never settles if the user closes the picker (frame.md §9.4). */
  selectUser(): Promise<PickedUser | null>;
  selectUsers(): Promise<PickedUser[]>;
  selectCrm(types: string[], multiple: boolean): Promise<PickedCrmItem[]>;
  onPlacementEvent(name: string, cb: (data: unknown) => void): void;
  /** Ends install mode; the portal reloads the page, so nothing ever answers (frame.md §8). */
  installFinish(): void;
  reloadWindow(): void;
}

export interface FrameEnv {
  requestAnimationFrame(cb: () => void): number;
  cancelAnimationFrame(handle: number): void;
  ResizeObserver: new (cb: () => void) => { observe(el: Element): void; disconnect(): void };
  MutationObserver: new (cb: () => void) => {
    observe(el: Node, init: MutationObserverInit): void;
    disconnect(): void;
  };
}

const CRM_TYPES: CrmPickType[] = ['lead', 'contact', 'company', 'deal', 'quote'];

function browserEnv(): FrameEnv {
  return {
    requestAnimationFrame: (cb) => window.requestAnimationFrame(cb),
    cancelAnimationFrame: (h) => window.cancelAnimationFrame(h),
    ResizeObserver: window.ResizeObserver,
    MutationObserver: window.MutationObserver,
  };
}

/** The height the frame needs so that `el` shows without an inner scrollbar. */
function neededHeight(el: HTMLElement): number {
  return Math.ceil(el.offsetTop + el.scrollHeight);
}

/**
 * Frame helpers over the SDK's `B24Frame`.
 *
 * @example
 * const frame = createFrame(b24);
 * useEffect(() => frame.autoFit(rootRef.current!), []);
 * await frame.openPath(`/crm/deal/details/${id}/`);
 */
export function createFrame(b24: FrameSdk, env: FrameEnv = browserEnv()): Frame {
  return {
    autoFit(el) {
      let frameHandle: number | null = null;
      let lastHeight = -1;
      const fit = () => {
        frameHandle = null;
        const height = neededHeight(el);
        if (height <= 0 || height === lastHeight) return;
        lastHeight = height;
        // fitWindow() measures the document, which never gets shorter than the frame itself;
        // measuring our root lets the frame shrink too. Width stays fluid ("100%").
        void b24.parent.message.send('resizeWindow', { width: '100%', height, isSafely: true }).catch(() => undefined);
      };
      // Coalesce bursts of layout changes into one resize per animation frame.
      const schedule = () => {
        if (frameHandle === null) frameHandle = env.requestAnimationFrame(fit);
      };
      const resize = new env.ResizeObserver(schedule);
      const mutation = new env.MutationObserver(schedule);
      resize.observe(el);
      mutation.observe(el, { childList: true, subtree: true, attributes: true, characterData: true });
      schedule();
      return () => {
        resize.disconnect();
        mutation.disconnect();
        if (frameHandle !== null) env.cancelAnimationFrame(frameHandle);
        frameHandle = null;
      };
    },
    async setTitle(title) {
      await b24.parent.setTitle(title);
    },
    async openPath(path) {
      await b24.slider.openPath(b24.slider.getUrl(path));
    },
    async openApplication(options) {
      await b24.slider.openSliderAppPage(options);
    },
    async selectUser() {
      const user = await b24.dialog.selectUser();
      return user ? { id: String(user.id), name: user.name } : null;
    },
    async selectUsers() {
      const users = await b24.dialog.selectUsers();
      return (Array.isArray(users) ? users : []).map((u) => ({ id: String(u.id), name: u.name }));
    },
    async selectCrm(types, multiple) {
      const entityType = CRM_TYPES.filter((t) => types.includes(t));
      const picked = (await b24.dialog.selectCRM({ entityType, multiple })) as Record<string, unknown> | null;
      const out: PickedCrmItem[] = [];
      for (const type of CRM_TYPES) {
        const bucket = picked?.[type];
        // SDK 2.2.0 turns the portal's {"0": …} buckets into arrays; accept both anyway.
        const items = Array.isArray(bucket)
          ? bucket
          : bucket && typeof bucket === 'object'
            ? Object.values(bucket)
            : [];
        for (const item of items as { id?: unknown; title?: unknown }[])
          out.push({ id: String(item.id ?? ''), type, title: String(item.title ?? '') });
      }
      return out;
    },
    onPlacementEvent(name, cb) {
      void b24.placement.bindEvent(name, (data: unknown) => cb(data)).catch(() => undefined);
    },
    installFinish() {
      // Never awaited: the portal reloads the page and sends no reply (frame.md §8).
      void b24.installFinish().catch(() => undefined);
    },
    reloadWindow() {
      void b24.parent.reloadWindow().catch(() => undefined);
    },
  };
}
