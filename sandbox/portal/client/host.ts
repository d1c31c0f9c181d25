/**
 * The portal host page script: mounts app frames and answers the SDK's postMessage protocol
 * (shared/bitrix24/frame.md). Runs in the browser as a module; builds DOM with textContent only.
 */
export {};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

interface PortalData {
  userId: number;
  isAdmin: boolean;
  lang: string;
  slider: boolean;
  appClientId?: string;
  appName?: string;
  page?: string;
}

interface FrameSpec {
  placement: string;
  options: Obj;
  handlerId?: number;
  lazy?: boolean;
  height?: number;
}

interface Slider {
  overlay: HTMLElement;
  panel: HTMLElement;
  body: HTMLElement;
  titleEl: HTMLElement;
  kind: 'app' | 'page';
  onClose: (() => void)[];
  savedDocTitle: string | null;
}

interface HostedFrame {
  sid: string;
  iframe: HTMLIFrameElement;
  container: HTMLElement;
  appOrigin: string;
  placement: string;
  popup: boolean;
  slider: Slider | null;
  events: Map<string, { callback: string; at: number }>;
}

interface Message {
  command: string;
  params: unknown;
  hasParams: boolean;
  callback: string;
  appSid: string;
  objectForm: boolean;
}

interface LogEntry {
  at: number;
  dir: 'in' | 'out' | 'drop';
  sid: string;
  origin: string;
  data: unknown;
}

interface PortalDebug {
  log: LogEntry[];
  frames(): { sid: string; placement: string; popup: boolean; appOrigin: string }[];
  fireEvent(sid: string, event: string, data: unknown): boolean;
}

declare global {
  interface Window {
    __portal?: PortalDebug;
  }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const data: PortalData = (() => {
  const el = document.getElementById('portal-data');
  try {
    const v = JSON.parse(el?.textContent ?? '{}') as unknown;
    return isObj(v) ? (v as unknown as PortalData) : { userId: 1, isAdmin: false, lang: 'en', slider: false };
  } catch {
    return { userId: 1, isAdmin: false, lang: 'en', slider: false };
  }
})();

const frames = new Map<string, HostedFrame>();
const sliders: Slider[] = [];
const messageLog: LogEntry[] = [];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function toast(text: string): void {
  const t = el('div', { className: 'toast', text, attrs: { 'data-testid': 'toast' } });
  document.body.append(t);
  setTimeout(() => t.remove(), 2500);
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    `/sandbox/portal-api/${path}`,
    body === undefined
      ? { cache: 'no-store' }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return (await res.json()) as T;
}

// ---------------------------------------------------------------- frames

interface FrameReply {
  ok: boolean;
  reason?: string;
  sid?: string;
  url?: string;
  appOrigin?: string;
  method?: 'GET' | 'POST';
  form?: Record<string, string> | null;
}

async function mountFrame(
  container: HTMLElement,
  spec: FrameSpec,
  popup: boolean,
  slider: Slider | null,
): Promise<HostedFrame | null> {
  container.dataset.mounted = '1';
  let out: FrameReply;
  try {
    out = await api<FrameReply>('frames', {
      placement: spec.placement,
      options: spec.options,
      handlerId: spec.handlerId,
      popup,
    });
  } catch {
    out = { ok: false, reason: 'NETWORK' };
  }
  if (!out.ok || !out.sid || !out.url || !out.appOrigin) {
    const msg =
      out.reason === 'NOT_INSTALLED'
        ? 'The application is not fully installed yet. Please contact your Bitrix24 administrator to complete the installation.'
        : 'The application could not be opened.';
    container.replaceChildren(
      el('div', { className: 'frame-message', text: msg, attrs: { 'data-testid': 'frame-message' } }),
    );
    return null;
  }
  const iframe = document.createElement('iframe');
  // The SDK reads the portal from window.name, which must be in place before the iframe enters the DOM.
  iframe.name = `${location.host}|${location.protocol === 'https:' ? 1 : 0}|${out.sid}`;
  iframe.setAttribute('allow', 'geolocation *; microphone *; camera *; autoplay *;');
  iframe.title = spec.placement;
  iframe.dataset.appSid = out.sid;
  iframe.dataset.placement = spec.placement;
  const frame: HostedFrame = {
    sid: out.sid,
    iframe,
    container,
    appOrigin: out.appOrigin,
    placement: spec.placement,
    popup,
    slider,
    events: new Map(),
  };
  frames.set(out.sid, frame);
  container.replaceChildren();
  if (out.method === 'POST' && out.form) {
    container.append(iframe);
    const form = el('form', { attrs: { method: 'POST', action: out.url, target: iframe.name } });
    form.style.display = 'none';
    for (const [k, v] of Object.entries(out.form))
      form.append(el('input', { attrs: { type: 'hidden', name: k, value: v } }));
    document.body.append(form);
    form.submit();
    form.remove();
  } else {
    iframe.src = out.url;
    container.append(iframe);
  }
  return frame;
}

function unregisterFramesIn(root: HTMLElement): void {
  for (const [sid, f] of frames) if (root.contains(f.container)) frames.delete(sid);
}

// ---------------------------------------------------------------- messages

function parseMessage(raw: unknown): Message | null {
  if (typeof raw === 'string') {
    const parts = raw.split(':');
    if (parts.length < 3) return null;
    const command = parts[0]!;
    const appSid = parts[parts.length - 1]!;
    const callback = parts[parts.length - 2]!;
    const paramText = parts.slice(1, -2).join(':');
    let params: unknown = undefined;
    if (paramText) {
      try {
        params = JSON.parse(paramText) as unknown;
      } catch {
        params = paramText;
      }
    }
    return { command, params, hasParams: paramText !== '', callback, appSid, objectForm: false };
  }
  if (isObj(raw) && Object.getPrototypeOf(raw) === Object.prototype) {
    if (typeof raw.method !== 'string' || typeof raw.appSid !== 'string') return null;
    const hasParams = raw.params !== '' && raw.params !== undefined && raw.params !== null;
    return {
      command: raw.method,
      params: hasParams ? raw.params : undefined,
      hasParams,
      callback: typeof raw.callback === 'string' ? raw.callback : '',
      appSid: raw.appSid,
      objectForm: true,
    };
  }
  return null;
}

function reply(frame: HostedFrame, callback: string, value?: unknown): void {
  const target = frame.iframe.contentWindow;
  if (!target || !callback) return;
  const text = value === undefined ? `${callback}:` : `${callback}:${JSON.stringify(value)}`;
  messageLog.push({ at: Date.now(), dir: 'out', sid: frame.sid, origin: frame.appOrigin, data: text });
  target.postMessage(text, frame.appOrigin);
}

const CRM_WITH_RELOAD = /^CRM_[A-Z0-9_]+_(DETAIL_TAB|DETAIL_ACTIVITY|LIST_MENU)$/;

function placementInterface(placement: string): { command: string[]; event: string[] } {
  if (CRM_WITH_RELOAD.test(placement)) return { command: ['reloadData'], event: [] };
  switch (placement) {
    case 'CALL_CARD':
      return {
        command: ['getStatus', 'disableAutoClose', 'enableAutoClose'],
        event: ['CallCard::EntityChanged', 'CallCard::BeforeClose', 'CallCard::CallStateChanged'],
      };
    case 'CALENDAR_GRIDVIEW':
      return {
        command: ['getEvents', 'viewEvent', 'addEvent', 'editEvent', 'deleteEvent'],
        event: [
          'Calendar.customView:refreshEntries',
          'Calendar.customView:decreaseViewRangeDate',
          'Calendar.customView:increaseViewRangeDate',
          'Calendar.customView:adjustToDate',
        ],
      };
    case 'CRM_DETAIL_SEARCH':
    case 'CRM_REQUISITE_AUTOCOMPLETE':
    case 'CRM_BANK_DETAIL_AUTOCOMPLETE':
      return { command: ['crmShowFoundEntities', 'crmShowCreatedEntity'], event: ['onCrmEntityIsNeedToCreate'] };
    case 'USERFIELD_TYPE':
      return { command: ['setValue', 'getValue'], event: [] };
    default:
      return { command: [], event: [] };
  }
}

const GENERAL = new Set([
  'getInitData',
  'setInstall',
  'setInstallFinish',
  'refreshAuth',
  'resizeWindow',
  'setTitle',
  'setScroll',
  'reloadWindow',
  'setAppOption',
  'setUserOption',
  'selectUser',
  'selectAccess',
  'selectCRM',
  'openApplication',
  'closeApplication',
  'openPath',
  'imCallTo',
  'imPhoneTo',
  'imOpenMessenger',
  'imOpenHistory',
  'getInterface',
  'placementBindEvent',
]);

function isDenied(frame: HostedFrame, command: string): boolean {
  if (
    frame.placement !== 'DEFAULT' &&
    (command === 'setTitle' || command === 'setScroll' || command === 'reloadWindow')
  )
    return true;
  if (frame.popup && command === 'resizeWindow') return true;
  return false;
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseMessage(event.data);
  const frame = msg ? frames.get(msg.appSid) : undefined;
  if (
    !msg ||
    !frame ||
    event.origin !== frame.appOrigin ||
    (msg.objectForm === false &&
      !GENERAL.has(msg.command) &&
      !placementInterface(frame.placement).command.includes(msg.command))
  ) {
    messageLog.push({
      at: Date.now(),
      dir: 'drop',
      sid: msg?.appSid ?? '',
      origin: event.origin,
      data: event.data as unknown,
    });
    return;
  }
  messageLog.push({ at: Date.now(), dir: 'in', sid: frame.sid, origin: event.origin, data: event.data as unknown });
  if (isDenied(frame, msg.command)) return;
  void handle(frame, msg).catch((e: unknown) => console.error('[portal] command failed', msg.command, e));
});

const params = (msg: Message): Obj => (isObj(msg.params) ? msg.params : {});

async function handle(frame: HostedFrame, msg: Message): Promise<void> {
  const p = params(msg);
  const cb = msg.callback;
  if (msg.objectForm) {
    toast(`${msg.command} is not available in the sandbox`);
    return;
  }
  switch (msg.command) {
    case 'getInitData':
      reply(frame, cb, await api<Obj>(`frames/${frame.sid}/init`));
      return;
    case 'setInstall':
      await api(`frames/${frame.sid}/install`, p);
      reply(frame, cb, msg.hasParams ? msg.params : {});
      return;
    case 'setInstallFinish': {
      await api(`frames/${frame.sid}/install-finish`, { value: p.value });
      const u = new URL(location.href);
      u.searchParams.set('install_finished', 'Y');
      location.href = u.toString();
      return;
    }
    case 'refreshAuth':
      reply(frame, cb, await api<Obj>(`frames/${frame.sid}/refresh`, {}));
      return;
    case 'resizeWindow': {
      const w = p.width;
      if (w === '100%') frame.container.style.width = '100%';
      else frame.container.style.width = `${Number.parseInt(String(w), 10) || 100}px`;
      const h = Number.parseInt(String(p.height), 10);
      if (h > 0) frame.container.style.height = `${h}px`;
      reply(frame, cb, { width: frame.container.offsetWidth, height: frame.container.offsetHeight });
      return;
    }
    case 'setTitle': {
      const title = String(p.title ?? '');
      if (frame.slider) frame.slider.titleEl.textContent = title;
      else {
        const t = document.getElementById('pagetitle');
        if (t) t.textContent = title;
      }
      reply(frame, cb, msg.params);
      return;
    }
    case 'setScroll':
      window.scrollTo(0, Math.max(0, Number.parseInt(String(p.scroll), 10) || 0));
      reply(frame, cb, msg.params);
      return;
    case 'reloadWindow':
      location.reload();
      return;
    case 'setAppOption': {
      const out = await api<{ ok: boolean; options?: Obj }>(`frames/${frame.sid}/app-option`, {
        name: p.name,
        value: p.value,
      });
      if (out.ok) reply(frame, cb, out.options ?? {});
      return;
    }
    case 'setUserOption':
      await api(`frames/${frame.sid}/user-option`, { name: p.name, value: p.value });
      reply(frame, cb, msg.params);
      return;
    case 'selectUser': {
      const picked = await selectUserDialog(p.mult === true || p.mult === 'Y');
      if (picked !== null) reply(frame, cb, picked);
      return;
    }
    case 'selectAccess': {
      const blocked = Array.isArray(p.value) ? p.value.map(String) : [];
      const picked = await selectAccessDialog(blocked);
      if (picked !== null) reply(frame, cb, picked);
      return;
    }
    case 'selectCRM': {
      const picked = await selectCrmDialog(p);
      if (picked !== null) reply(frame, cb, picked);
      return;
    }
    case 'openApplication':
      openApplication(frame, p, cb);
      return;
    case 'closeApplication': {
      const top = sliders[sliders.length - 1];
      if (!top || top.kind !== 'app') return;
      top.onClose.push(() => reply(frame, cb));
      closeSlider(top);
      return;
    }
    case 'openPath':
      openPath(frame, msg.params, cb);
      return;
    case 'imCallTo':
    case 'imPhoneTo':
    case 'imOpenMessenger':
    case 'imOpenHistory':
      toast(`${msg.command}: ${JSON.stringify(msg.params ?? {})}`);
      return;
    case 'getInterface':
      reply(frame, cb, placementInterface(frame.placement));
      return;
    case 'placementBindEvent': {
      const name = String(p.event ?? '');
      if (placementInterface(frame.placement).event.includes(name))
        frame.events.set(name, { callback: cb, at: Date.now() });
      return;
    }
    case 'reloadData':
      reply(frame, cb, []);
      void reloadCard();
      return;
    default:
      reply(frame, cb, []);
  }
}

async function reloadCard(): Promise<void> {
  const res = await fetch(location.href, { cache: 'no-store' });
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const fresh = doc.querySelector('[data-reload="card"]');
  const current = document.querySelector('[data-reload="card"]');
  if (fresh && current) current.replaceWith(document.importNode(fresh, true));
  const title = doc.getElementById('pagetitle')?.textContent;
  const t = document.getElementById('pagetitle');
  if (t && title !== undefined && title !== null) t.textContent = title;
  document.body.dataset.reloaded = String(Number(document.body.dataset.reloaded ?? '0') + 1);
}

// ---------------------------------------------------------------- sliders

function openSlider(opts: {
  title: string;
  width: number;
  kind: 'app' | 'page';
  label?: { text: string; color?: string; bgColor?: string };
}): Slider {
  const root = document.getElementById('b24-overlays') ?? document.body;
  const titleEl = el('h3', { text: opts.title, attrs: { 'data-testid': 'slider-title' } });
  const head = el('div', { className: 'slider-head' }, titleEl);
  if (opts.label?.text) {
    const label = el('span', { className: 'slider-label', text: opts.label.text });
    const colors: Record<string, string> = {
      aqua: '#2fc6f6',
      green: '#9dcf00',
      orange: '#ffa900',
      brown: '#b47153',
      pink: '#ff7bb9',
      blue: '#0075ff',
      grey: '#a8adb4',
      violet: '#a77bde',
    };
    if (opts.label.bgColor && colors[opts.label.bgColor]) label.style.background = colors[opts.label.bgColor]!;
    if (opts.label.color && /^#[0-9a-f]{3,8}$/i.test(opts.label.color)) label.style.color = opts.label.color;
    head.append(label);
  }
  const close = el('button', {
    className: 'slider-close',
    text: '×',
    attrs: { type: 'button', 'aria-label': 'Close', 'data-testid': 'slider-close' },
  });
  const body = el('div', { className: 'slider-body' });
  const panel = el(
    'div',
    { className: 'slider', attrs: { 'data-testid': 'slider', 'data-kind': opts.kind } },
    close,
    head,
    body,
  );
  panel.style.width = `${opts.width}px`;
  const overlay = el('div', { className: 'slider-overlay' }, panel);
  const slider: Slider = { overlay, panel, body, titleEl, kind: opts.kind, onClose: [], savedDocTitle: null };
  close.addEventListener('click', () => closeSlider(slider));
  overlay.addEventListener('click', (e) => {
    if (e.target === overlay) closeSlider(slider);
  });
  root.append(overlay);
  sliders.push(slider);
  return slider;
}

function closeSlider(slider: Slider): void {
  const i = sliders.indexOf(slider);
  if (i < 0) return;
  // Sliders above this one close first, like in the portal.
  for (const above of sliders.slice(i + 1).reverse()) closeSlider(above);
  sliders.splice(sliders.indexOf(slider), 1);
  unregisterFramesIn(slider.overlay);
  slider.overlay.remove();
  if (slider.savedDocTitle !== null) document.title = slider.savedDocTitle;
  for (const fn of slider.onClose) fn();
}

document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (document.querySelector('.modal-overlay')) return;
  const top = sliders[sliders.length - 1];
  if (top) closeSlider(top);
});

function openApplication(opener: HostedFrame, p: Obj, cb: string): void {
  const options: Obj = {};
  for (const [k, v] of Object.entries(p)) if (!k.startsWith('bx24_')) options[k] = v;
  options.IFRAME = 'Y';
  options.IFRAME_TYPE = 'SIDE_SLIDER';
  const maxWidth = window.innerWidth - 60;
  let width = Math.min(1640, maxWidth);
  if (typeof p.bx24_width === 'number' && p.bx24_width > 0) width = Math.min(p.bx24_width, maxWidth);
  else if (typeof p.bx24_leftBoundary === 'number' && p.bx24_leftBoundary >= 0)
    width = Math.max(300, window.innerWidth - p.bx24_leftBoundary);
  const title = typeof p.bx24_title === 'string' ? p.bx24_title : (data.appName ?? 'Application');
  const label =
    isObj(p.bx24_label) && typeof p.bx24_label.text === 'string'
      ? {
          text: p.bx24_label.text,
          color: String(p.bx24_label.color ?? ''),
          bgColor: String(p.bx24_label.bgColor ?? ''),
        }
      : undefined;
  const slider = openSlider({ title, width, kind: 'app', ...(label ? { label } : {}) });
  if (typeof p.bx24_title === 'string') {
    slider.savedDocTitle = document.title;
    document.title = p.bx24_title;
  }
  slider.onClose.push(() => reply(opener, cb));
  const container = el('div', { className: 'app-frame' });
  container.style.height = '100%';
  slider.body.append(container);
  void mountFrame(container, { placement: 'DEFAULT', options }, true, slider);
}

const OPEN_PATH_RULE =
  /^\/(crm\/(deal|lead|contact|company|type)|marketplace|company\/personal\/user\/[0-9]+|workgroups\/group\/[0-9]+)\//;

function openPath(opener: HostedFrame, rawParams: unknown, cb: string): void {
  const path = isObj(rawParams) && typeof rawParams.path === 'string' ? rawParams.path : '';
  if (!OPEN_PATH_RULE.test(path)) {
    reply(opener, cb, { result: 'error', errorCode: 'PATH_NOT_AVAILABLE' });
    return;
  }
  const target = new URL(path, location.origin);
  target.searchParams.set('from', 'rest_placement');
  target.searchParams.set('from_app', data.appClientId ?? '');
  if (!target.searchParams.has('IFRAME')) target.searchParams.set('IFRAME', 'Y');
  const width = path.startsWith('/workgroups/group/0/card/')
    ? 900
    : path.startsWith('/crm/company/requisite/')
      ? 950
      : path.startsWith('/company/personal/user/0/groups/create/')
        ? 1200
        : 1640;
  const slider = openSlider({ title: '', width: Math.min(width, window.innerWidth - 60), kind: 'page' });
  slider.body.classList.add('page-host');
  const frame = el('iframe', {
    className: 'page',
    attrs: { src: target.pathname + target.search, 'data-testid': 'slider-page' },
  });
  frame.addEventListener('load', () => {
    try {
      slider.titleEl.textContent = frame.contentDocument?.getElementById('pagetitle')?.textContent ?? '';
    } catch {
      // cross-origin: keep the empty title
    }
  });
  slider.body.append(frame);
  slider.onClose.push(() => reply(opener, cb, { result: 'close' }));
}

// ---------------------------------------------------------------- dialogs

interface PickItem<T> {
  id: string;
  label: string;
  sub?: string;
  group?: string;
  disabled?: boolean;
  selected?: boolean;
  value: T;
}

function pickerDialog<T>(title: string, items: PickItem<T>[], multiple: boolean): Promise<T[] | null> {
  return new Promise((resolve) => {
    const chosen = new Set(items.filter((i) => i.selected).map((i) => i.id));
    const search = el('input', { attrs: { type: 'search', placeholder: 'Search', 'data-testid': 'dialog-search' } });
    const list = el('div', { className: 'modal-body' });
    const ok = el('button', {
      className: 'btn',
      text: 'Select',
      attrs: { type: 'button', 'data-testid': 'dialog-select' },
    });
    const cancel = el('button', {
      className: 'btn light',
      text: 'Cancel',
      attrs: { type: 'button', 'data-testid': 'dialog-cancel' },
    });
    const modal = el(
      'div',
      { className: 'modal', attrs: { role: 'dialog', 'data-testid': 'dialog' } },
      el('div', { className: 'modal-head' }, el('span', { text: title }), search),
      list,
      el('div', { className: 'modal-foot' }, ...(multiple ? [ok] : []), cancel),
    );
    const overlay = el('div', { className: 'modal-overlay' }, modal);
    const finish = (value: T[] | null) => {
      overlay.remove();
      document.removeEventListener('keydown', onKey, true);
      resolve(value);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        finish(null);
      }
    };
    const render = () => {
      const q = search.value.trim().toLowerCase();
      list.replaceChildren();
      let group = '';
      for (const item of items) {
        if (q && !`${item.label} ${item.sub ?? ''}`.toLowerCase().includes(q)) continue;
        if (item.group && item.group !== group) {
          group = item.group;
          list.append(el('div', { className: 'pick-group', text: group }));
        }
        const row = el('div', {
          className: `pick${chosen.has(item.id) ? ' selected' : ''}${item.disabled ? ' disabled' : ''}`,
          attrs: { 'data-pick-id': item.id, role: 'option' },
        });
        if (multiple) {
          const box = el('input', { attrs: { type: 'checkbox', tabindex: '-1' } });
          box.checked = chosen.has(item.id);
          box.disabled = item.disabled === true;
          row.append(box);
        }
        row.append(el('span', { text: item.label }));
        if (item.sub) row.append(el('small', { text: item.sub }));
        row.addEventListener('click', () => {
          if (item.disabled) return;
          if (!multiple) return finish([item.value]);
          if (chosen.has(item.id)) chosen.delete(item.id);
          else chosen.add(item.id);
          render();
        });
        list.append(row);
      }
    };
    search.addEventListener('input', render);
    ok.addEventListener('click', () => finish(items.filter((i) => chosen.has(i.id)).map((i) => i.value)));
    cancel.addEventListener('click', () => finish(null));
    overlay.addEventListener('click', (e) => {
      if (e.target === overlay) finish(null);
    });
    document.addEventListener('keydown', onKey, true);
    render();
    document.body.append(overlay);
    search.focus();
  });
}

interface UserEntry {
  id: string;
  name: string;
  photo: string;
  position: string;
  url: string;
  sub: boolean;
  sup: boolean;
}

async function selectUserDialog(multiple: boolean): Promise<UserEntry | UserEntry[] | null> {
  const users = await api<UserEntry[]>('users');
  const picked = await pickerDialog(
    multiple ? 'Select employees' : 'Select employee',
    users.map((u) => ({ id: u.id, label: u.name, sub: u.position, value: u })),
    multiple,
  );
  if (picked === null) return null;
  return multiple ? picked : (picked[0] ?? null);
}

async function selectAccessDialog(blocked: string[]): Promise<{ id: string; name: string }[] | null> {
  const codes = await api<{ id: string; name: string; group: string }[]>('access');
  return pickerDialog(
    'Select access permissions',
    codes.map((c) => ({
      id: c.id,
      label: c.name,
      sub: c.id,
      group: c.group,
      disabled: blocked.includes(c.id),
      value: { id: c.id, name: c.name },
    })),
    true,
  );
}

interface CrmEntry {
  id: string;
  type: string;
  place: string;
  title: string;
  desc: string;
  url: string;
}

const CRM_TYPES = ['lead', 'contact', 'company', 'deal', 'quote'];
const CRM_NAMES: Record<string, string> = {
  lead: 'Leads',
  contact: 'Contacts',
  company: 'Companies',
  deal: 'Deals',
  quote: 'Quotes',
};

async function selectCrmDialog(p: Obj): Promise<Record<string, Record<string, CrmEntry>> | null> {
  const requested = (
    Array.isArray(p.entityType) ? p.entityType : typeof p.entityType === 'string' ? [p.entityType] : CRM_TYPES
  ).map((t) => String(t).toLowerCase());
  const types = requested.filter((t) => CRM_TYPES.includes(t));
  const multiple = p.multiple === true || p.multiple === 'Y';
  const preset = new Set<string>();
  if (multiple && isObj(p.value)) {
    for (const [type, ids] of Object.entries(p.value))
      if (Array.isArray(ids)) for (const id of ids) preset.add(`${type.toLowerCase()}:${String(id)}`);
  }
  const prefixes: Record<string, string> = { lead: 'L', contact: 'C', company: 'CO', deal: 'D', quote: 'Q' };
  const include = [...preset].map((k) => {
    const [type, id] = k.split(':') as [string, string];
    return /^\d+$/.test(id) ? `${prefixes[type] ?? type}_${id}` : id;
  });
  const found = await api<Record<string, CrmEntry[]>>(
    `crm?types=${encodeURIComponent(types.join(','))}&include=${encodeURIComponent(include.join(','))}`,
  );
  const items: PickItem<CrmEntry>[] = [];
  for (const type of types) {
    for (const e of found[type] ?? []) {
      const bareId = e.id.slice(e.id.indexOf('_') + 1);
      items.push({
        id: e.id,
        label: e.title,
        sub: e.id,
        group: CRM_NAMES[type] ?? type,
        selected: preset.has(`${type}:${bareId}`) || preset.has(`${type}:${e.id}`),
        value: e,
      });
    }
  }
  const picked = await pickerDialog('Select CRM items', items, multiple);
  if (picked === null) return null;
  // Real portals key each bucket "0", "1", … rather than sending arrays.
  const out: Record<string, Record<string, CrmEntry>> = {};
  for (const e of picked) {
    const bucket = (out[e.type] ??= {});
    bucket[String(Object.keys(bucket).length)] = e;
  }
  return out;
}

// ---------------------------------------------------------------- page wiring

function frameSpecOf(container: HTMLElement): FrameSpec | null {
  try {
    const v = JSON.parse(container.dataset.frame ?? '') as unknown;
    return isObj(v) && typeof v.placement === 'string'
      ? {
          placement: v.placement,
          options: isObj(v.options) ? v.options : {},
          ...(typeof v.handlerId === 'number' ? { handlerId: v.handlerId } : {}),
          lazy: v.lazy === true,
        }
      : null;
  } catch {
    return null;
  }
}

function mountIn(root: ParentNode): void {
  for (const c of root.querySelectorAll<HTMLElement>('.app-frame[data-frame]')) {
    if (c.dataset.mounted) continue;
    const spec = frameSpecOf(c);
    if (spec) void mountFrame(c, spec, false, null);
  }
}

function activateTab(name: string): void {
  const tab = document.querySelector<HTMLElement>(`.tab[data-tab="${CSS.escape(name)}"]`);
  if (!tab) return;
  for (const t of document.querySelectorAll<HTMLElement>('.tab')) t.classList.toggle('active', t === tab);
  for (const panel of document.querySelectorAll<HTMLElement>('.tab-panel')) {
    const on = panel.dataset.panel === name;
    panel.hidden = !on;
    if (on) mountIn(panel);
  }
}

function wireTabs(): void {
  for (const tab of document.querySelectorAll<HTMLElement>('.tab[data-tab]'))
    tab.addEventListener('click', () => activateTab(tab.dataset.tab ?? 'main'));
  const initial = new URL(location.href).searchParams.get('tab');
  if (initial) activateTab(initial);
  for (const c of document.querySelectorAll<HTMLElement>('.app-frame[data-frame]')) {
    const spec = frameSpecOf(c);
    if (spec && !spec.lazy && !c.closest('.tab-panel[hidden]')) void mountFrame(c, spec, false, null);
  }
}

// ---------------------------------------------------------------- request log page

interface RestLogEntry {
  id: number;
  at: string;
  method: string;
  httpMethod: string;
  status: number;
  error: string | null;
  durationMs: number;
  auth: string;
  userId: number | null;
  batch?: string[];
}

function wireLog(): void {
  const rows = document.getElementById('log-rows');
  const counts = document.getElementById('log-counts');
  const live = document.getElementById('log-live') as HTMLInputElement | null;
  const clear = document.getElementById('log-clear');
  if (!rows || !counts) return;
  let lastSignature = '';
  const stat = (label: string, value: string | number, testId: string) =>
    el(
      'div',
      { className: 'stat', attrs: { 'data-testid': testId } },
      el('b', { text: String(value) }),
      document.createTextNode(label),
    );
  const refresh = async () => {
    const res = await fetch('/sandbox/api/log', { cache: 'no-store' });
    const entries = (await res.json()) as RestLogEntry[];
    const signature = `${entries.length}:${entries[entries.length - 1]?.id ?? 0}`;
    if (signature === lastSignature) return;
    lastSignature = signature;
    const errors = entries.filter((e) => e.status >= 400).length;
    const perMethod = new Map<string, number>();
    for (const e of entries) perMethod.set(e.method, (perMethod.get(e.method) ?? 0) + 1);
    const top = [...perMethod.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
    counts.replaceChildren(
      stat('requests', entries.length, 'log-total'),
      stat('errors', errors, 'log-errors'),
      ...top.map(([m, n]) => stat(m, n, `log-method-${m}`)),
    );
    rows.replaceChildren(
      ...entries
        .slice(-500)
        .reverse()
        .map((e) => {
          const tr = el('tr', { attrs: { 'data-log-id': String(e.id) } });
          const method = e.batch
            ? `${e.method} (${e.batch.length}: ${e.batch.slice(0, 5).join(', ')}${e.batch.length > 5 ? ', …' : ''})`
            : e.method;
          const status = el('td', {
            className: e.status >= 400 ? 'status-err' : 'status-ok',
            text: e.error ? `${e.status} ${e.error}` : String(e.status),
          });
          tr.append(
            el('td', { className: 'muted', text: String(e.id) }),
            el('td', { text: new Date(e.at).toLocaleTimeString() }),
            el('td', { text: method }),
            el('td', { text: e.httpMethod }),
            status,
            el('td', { text: e.auth }),
            el('td', { text: e.userId === null ? '' : String(e.userId) }),
            el('td', { text: e.durationMs.toFixed(1) }),
          );
          return tr;
        }),
    );
  };
  clear?.addEventListener('click', () => {
    void fetch('/sandbox/api/log', { method: 'DELETE' }).then(() => {
      lastSignature = '';
      return refresh();
    });
  });
  void refresh();
  setInterval(() => {
    if (!live || live.checked) void refresh().catch(() => {});
  }, 1000);
}

// ---------------------------------------------------------------- boot

window.__portal = {
  log: messageLog,
  frames: () =>
    [...frames.values()].map((f) => ({ sid: f.sid, placement: f.placement, popup: f.popup, appOrigin: f.appOrigin })),
  fireEvent(sid, event, payload) {
    const f = frames.get(sid);
    const sub = f?.events.get(event);
    // SDK 2.2.0 consumes an event that arrives within its 900 ms bind timer as the bind reply.
    if (!f || !sub || Date.now() - sub.at < 1000) return false;
    reply(f, sub.callback, payload as Json);
    return true;
  },
};

wireTabs();
if (data.page === 'log') wireLog();
for (const d of document.querySelectorAll<HTMLDetailsElement>('details.dropdown')) {
  d.addEventListener('toggle', () => {
    if (d.open)
      for (const other of document.querySelectorAll<HTMLDetailsElement>('details.dropdown'))
        if (other !== d) other.open = false;
  });
}
