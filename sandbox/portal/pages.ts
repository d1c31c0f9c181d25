import { loadApp } from '../rest/engine/auth.ts';
import { stageEntityId, statusesOf, type Status } from '../rest/methods/crm-store.ts';
import { getPortalTimeZone } from '../rest/engine/time.ts';
import {
  boundPlacements,
  countCrmRecords,
  crmKind,
  crmKinds,
  getCrmRecord,
  getTask,
  getUser,
  listCrmRecords,
  listTasks,
  listUsers,
  listWorkgroups,
  multiFields,
  placementTitle,
  userName,
  type CrmKind,
} from './data.ts';
import { html, type Html } from './html.ts';
import { avatar, renderPage, type PageContext } from './layout.ts';

type Doc = Record<string, unknown>;

const str = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function formatDate(value: unknown, withTime = false): string {
  const s = str(value);
  if (!/^\d{4}-\d\d-\d\d/.test(s)) return s;
  const d = new Date(s.length === 10 ? `${s}T12:00:00Z` : s);
  if (Number.isNaN(d.getTime())) return s;
  const opts: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: getPortalTimeZone(),
  };
  if (withTime && s.length > 10) Object.assign(opts, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return d.toLocaleString('en-GB', opts);
}

function money(amount: unknown, currency: unknown): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return str(amount);
  return `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${str(currency) || 'EUR'}`;
}

/** The frame placeholder the host script turns into an app iframe. */
export function frameSlot(spec: {
  placement: string;
  options: Record<string, unknown>;
  handlerId?: number;
  lazy?: boolean;
  height?: number;
}): Html {
  return html`<div
    class="app-frame"
    data-frame="${JSON.stringify(spec)}"
    style="height:${spec.height ?? 600}px"
  ></div>`;
}

function appTabs(ctx: PageContext, placement: string, options: Record<string, unknown>): { tabs: Html; panels: Html } {
  const app = loadApp(ctx.db, 1);
  const rows = boundPlacements(ctx.db, placement, ctx.user.id);
  return {
    tabs: html`${rows.map(
      (r) =>
        html`<button class="tab" type="button" data-tab="app-${r.id}" data-placement="${placement}">
          <span class="app-dot"></span>${placementTitle(r, ctx.lang, app?.name ?? 'App')}
        </button>`,
    )}`,
    panels: html`${rows.map((r) => html`<section class="tab-panel" data-panel="app-${r.id}" hidden>${frameSlot({ placement, options, handlerId: r.id, lazy: true })}</section>`)}`,
  };
}

function tabBar(main: string, extra: Html): Html {
  return html`<div class="tabs" role="tablist">
    <button class="tab active" type="button" data-tab="main">${main}</button>${extra}
  </div>`;
}

// ---------------------------------------------------------------- CRM

const LABELS: [string, string][] = [
  ['TITLE', 'Name'],
  ['NAME', 'First name'],
  ['SECOND_NAME', 'Second name'],
  ['LAST_NAME', 'Last name'],
  ['POST', 'Position'],
  ['STAGE_ID', 'Stage'],
  ['STATUS_ID', 'Status'],
  ['OPPORTUNITY', 'Amount'],
  ['COMPANY_TYPE', 'Company type'],
  ['INDUSTRY', 'Industry'],
  ['EMPLOYEES', 'Employees'],
  ['REVENUE', 'Annual revenue'],
  ['COMPANY_ID', 'Company'],
  ['CONTACT_ID', 'Contact'],
  ['CONTACT_IDS', 'Contacts'],
  ['TYPE_ID', 'Type'],
  ['SOURCE_ID', 'Source'],
  ['BEGINDATE', 'Start date'],
  ['CLOSEDATE', 'Close date'],
  ['BIRTHDATE', 'Date of birth'],
  ['ADDRESS', 'Address'],
  ['ASSIGNED_BY_ID', 'Responsible'],
  ['COMMENTS', 'Comment'],
];

const DEAL_STAGES: [string, string][] = [
  ['NEW', 'New'],
  ['PREPARATION', 'Preparing documents'],
  ['PREPAYMENT_INVOICE', 'Prepayment invoice'],
  ['EXECUTING', 'In progress'],
  ['FINAL_INVOICE', 'Final invoice'],
  ['WON', 'Deal won'],
];
const LEAD_STAGES: [string, string][] = [
  ['NEW', 'Unassigned'],
  ['IN_PROCESS', 'In progress'],
  ['PROCESSED', 'Processed'],
  ['CONVERTED', 'Good lead'],
];

function stageLabel(code: string): string {
  const bare = code.replace(/^C\d+:|^DT\d+_\d+:/, '');
  const hit = [...DEAL_STAGES, ...LEAD_STAGES].find(([c]) => c === bare);
  if (hit) return hit[1];
  if (bare === 'LOSE') return 'Deal lost';
  if (bare === 'JUNK') return 'Junk lead';
  return bare
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());
}

/** The pipeline of the record from `crm_status`: progress stages, then the success stage; a failed record shows its failure stage. */
function stageBar(ctx: PageContext, kind: CrmKind, d: Doc): Html {
  const current = str(kind.code === 'lead' ? d.STATUS_ID : d.STAGE_ID);
  if (!current || (![1, 2].includes(kind.entityTypeId) && kind.entityTypeId < 128)) return html``;
  const entityId =
    kind.entityTypeId === 1 ? 'STATUS' : stageEntityId(kind.entityTypeId, Number(d.CATEGORY_ID ?? 0) || 0);
  let stages: Status[] = [];
  try {
    stages = statusesOf(ctx.db, entityId);
  } catch {
    return html``;
  }
  if (stages.length === 0) return html``;
  const shown = stages.filter((st) => st.SEMANTICS !== 'F');
  const failed = stages.find((st) => st.STATUS_ID === current && st.SEMANTICS === 'F');
  const idx = shown.findIndex((st) => st.STATUS_ID === current);
  return html`<div class="stages" data-testid="stages">
    ${shown.map((st, i) => {
      const cls = failed ? '' : i < idx ? 'done' : i === idx ? (st.SEMANTICS === 'S' ? 'won' : 'current') : '';
      return html`<div class="stage ${cls}" title="${st.NAME}">${st.NAME}</div>`;
    })}${failed ? html`<div class="stage lost">${failed.NAME}</div>` : ''}
  </div>`;
}

function linkTo(ctx: PageContext, code: string, id: unknown): Html | string {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return '';
  const kind = crmKind(ctx.db, code);
  if (!kind) return String(n);
  const rec = getCrmRecord(ctx.db, kind, n);
  return html`<a href="${kind.detailPath(n)}">${rec?.title ?? `${kind.singular} #${n}`}</a>`;
}

function fieldValue(ctx: PageContext, key: string, d: Doc): Html | string {
  const v = d[key];
  switch (key) {
    case 'STAGE_ID':
    case 'STATUS_ID':
      return html`<span class="pill">${stageLabel(str(v))}</span>`;
    case 'OPPORTUNITY':
      return money(v, d.CURRENCY_ID);
    case 'REVENUE':
      return money(v, d.CURRENCY_ID);
    case 'COMPANY_ID':
      return linkTo(ctx, 'company', v);
    case 'CONTACT_ID':
      return linkTo(ctx, 'contact', v);
    case 'CONTACT_IDS':
      return html`${(Array.isArray(v) ? v : []).map((id, i) => html`${i ? ', ' : ''}${linkTo(ctx, 'contact', id)}`)}`;
    case 'ASSIGNED_BY_ID': {
      const u = getUser(ctx.db, Number(v));
      return u ? html`<a href="/company/personal/user/${u.id}/">${u.name}</a>` : '';
    }
    case 'BEGINDATE':
    case 'CLOSEDATE':
    case 'BIRTHDATE':
      return formatDate(v);
    default:
      return str(v);
  }
}

function crmFields(ctx: PageContext, kind: CrmKind, id: number, d: Doc): Html {
  const rows: Html[] = [];
  for (const [key, label] of LABELS) {
    const v = d[key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (key === 'TITLE' && kind.code === 'contact') continue;
    rows.push(
      html`<div class="field" data-field="${key}">
        <dt>${label}</dt>
        <dd>${fieldValue(ctx, key, d)}</dd>
      </div>`,
    );
  }
  for (const mf of multiFields(ctx.db, kind.entityTypeId, id)) {
    const label = { PHONE: 'Phone', EMAIL: 'E-mail', WEB: 'Website', IM: 'Messenger' }[mf.type] ?? mf.type;
    const value =
      mf.type === 'EMAIL'
        ? html`<a href="mailto:${mf.value}">${mf.value}</a>`
        : mf.type === 'PHONE'
          ? html`<a href="tel:${mf.value}">${mf.value}</a>`
          : mf.value;
    rows.push(
      html`<div class="field" data-field="${mf.type}">
        <dt>${label}</dt>
        <dd>${value} <span class="muted">${mf.valueType.toLowerCase()}</span></dd>
      </div>`,
    );
  }
  for (const [key, v] of Object.entries(d)) {
    if (!key.startsWith('UF_CRM_') || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    rows.push(
      html`<div class="field" data-field="${key}">
        <dt>${key}</dt>
        <dd>${Array.isArray(v) ? v.map(str).join(', ') : str(v)}</dd>
      </div>`,
    );
  }
  return html`<dl class="fields">${rows}</dl>`;
}

export function crmDetailsPage(ctx: PageContext, kind: CrmKind, id: number): Html | null {
  const rec = getCrmRecord(ctx.db, kind, id);
  if (!rec) return null;
  const d = rec.data;
  const placement = `CRM_${kind.placementCode}_DETAIL_TAB`;
  const uri = `${kind.detailPath(id)}?IFRAME=Y&IFRAME_TYPE=SIDE_SLIDER`;
  const { tabs, panels } = appTabs(ctx, placement, { ID: String(id), URI: uri });
  const created = d.DATE_CREATE ?? d.CREATED_TIME;
  const modified = d.DATE_MODIFY ?? d.UPDATED_TIME;
  const body = html`${stageBar(ctx, kind, d)} ${tabBar('General', tabs)}
    <section class="tab-panel" data-panel="main">
      <div class="card-grid" data-reload="card">
        <div class="card">
          <h2>About ${kind.singular.toLowerCase()}</h2>
          ${crmFields(ctx, kind, id, d)}
        </div>
        <div class="card">
          <h2>Timeline</h2>
          <ul class="timeline">
            ${modified && modified !== created ? html`<li><time>${formatDate(modified, true)}</time>${kind.singular} updated</li>` : ''}
            ${created ? html`<li><time>${formatDate(created, true)}</time>${kind.singular} created by ${userName(ctx.db, d.CREATED_BY_ID ?? d.CREATED_BY ?? d.ASSIGNED_BY_ID) || 'system'}</li>` : ''}
          </ul>
        </div>
      </div>
    </section>
    ${panels}`;
  return renderPage(ctx, {
    title: rec.title,
    active: `crm-${kind.code}`,
    body,
    data: { page: 'crm-details', entityTypeId: kind.entityTypeId, id },
  });
}

export function crmListPage(ctx: PageContext, kind: CrmKind, q: string): Html {
  const records = listCrmRecords(ctx.db, kind, 50, q);
  const total = countCrmRecords(ctx.db, kind);
  const extra = (d: Doc): Html | string => {
    if (kind.code === 'deal' || kind.code.startsWith('dynamic'))
      return html`<td>${stageLabel(str(d.STAGE_ID))}</td>
        <td>${money(d.OPPORTUNITY, d.CURRENCY_ID)}</td>`;
    if (kind.code === 'lead')
      return html`<td>${stageLabel(str(d.STATUS_ID))}</td>
        <td>${money(d.OPPORTUNITY, d.CURRENCY_ID)}</td>`;
    if (kind.code === 'contact')
      return html`<td>${str(d.POST)}</td>
        <td>${fieldValue(ctx, 'COMPANY_ID', d)}</td>`;
    return html`<td>${str(d.INDUSTRY)}</td>
      <td>${str(d.COMPANY_TYPE)}</td>`;
  };
  const heads =
    kind.code === 'contact'
      ? ['Position', 'Company']
      : kind.code === 'company'
        ? ['Industry', 'Type']
        : ['Stage', 'Amount'];
  const body = html`<div class="card" style="padding:0;overflow:hidden">
      <table class="grid" data-testid="crm-list">
        <thead>
          <tr>
            <th>ID</th>
            <th>Name</th>
            <th>${heads[0]}</th>
            <th>${heads[1]}</th>
            <th>Responsible</th>
          </tr>
        </thead>
        <tbody>
          ${records.map(
            (r) =>
              html`<tr>
                <td class="muted">${r.id}</td>
                <td><a href="${kind.detailPath(r.id)}">${r.title}</a></td>
                ${extra(r.data)}
                <td>${userName(ctx.db, r.data.ASSIGNED_BY_ID)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${records.length === 0 ? html`<div class="notice">No records${q ? html` match “${q}”` : ''}.</div>` : ''}
    </div>
    <p class="muted">
      ${q ? html`Search “${q}”: ${records.length} shown.` : html`Showing ${records.length} of ${total}.`}
    </p>`;
  return renderPage(ctx, { title: kind.title, active: `crm-${kind.code}`, body, data: { page: 'crm-list' } });
}

// ---------------------------------------------------------------- tasks

const TASK_STATUS: Record<string, string> = {
  '1': 'New',
  '2': 'Pending',
  '3': 'In progress',
  '4': 'Supposedly completed',
  '5': 'Completed',
  '6': 'Deferred',
  '7': 'Declined',
};

export function taskViewPage(ctx: PageContext, userId: number, taskId: number): Html | null {
  const task = getTask(ctx.db, taskId);
  if (task === null) return null;
  const uri = `/company/personal/user/${userId}/tasks/task/view/${taskId}/`;
  const { tabs, panels } = appTabs(ctx, 'TASK_VIEW_TAB', { taskId: String(taskId), URI: uri });
  const info =
    task === 'no-table'
      ? html`<p class="muted">Tasks are not available in this portal yet.</p>`
      : html`<dl class="fields">
          <div class="field">
            <dt>Status</dt>
            <dd><span class="pill">${TASK_STATUS[task.status] ?? task.status}</span></dd>
          </div>
          <div class="field">
            <dt>Responsible</dt>
            <dd>${userName(ctx.db, task.responsibleId)}</dd>
          </div>
          <div class="field">
            <dt>Created by</dt>
            <dd>${userName(ctx.db, task.createdBy)}</dd>
          </div>
          ${
            task.deadline
              ? html`<div class="field">
                  <dt>Deadline</dt>
                  <dd>${formatDate(task.deadline, true)}</dd>
                </div>`
              : ''
          }
        </dl>`;
  const body = html`${tabBar('Task', tabs)}
    <section class="tab-panel" data-panel="main">
      <div class="card-grid" data-reload="card">
        <div class="card">
          <h2>Description</h2>
          <div style="white-space:pre-wrap">
            ${task === 'no-table' ? '' : task.description || html`<span class="muted">No description</span>`}
          </div>
        </div>
        <div class="card">
          <h2>Details</h2>
          ${info}
        </div>
      </div>
    </section>
    ${panels}`;
  return renderPage(ctx, {
    title: task === 'no-table' ? `Task #${taskId}` : task.title,
    active: 'tasks',
    body,
    data: { page: 'task', taskId },
  });
}

export function taskListPage(ctx: PageContext, userId: number): Html {
  const tasks = listTasks(ctx.db, 50);
  const body = html`<div class="card" style="padding:0;overflow:hidden">
    <table class="grid">
      <thead>
        <tr>
          <th>ID</th>
          <th>Task</th>
          <th>Status</th>
          <th>Deadline</th>
          <th>Responsible</th>
        </tr>
      </thead>
      <tbody>
        ${tasks.map(
          (t) =>
            html`<tr>
              <td class="muted">${t.id}</td>
              <td><a href="/company/personal/user/${userId}/tasks/task/view/${t.id}/">${t.title}</a></td>
              <td>${TASK_STATUS[t.status] ?? t.status}</td>
              <td>${formatDate(t.deadline, true)}</td>
              <td>${userName(ctx.db, t.responsibleId)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${tasks.length === 0 ? html`<div class="notice">No tasks.</div>` : ''}
  </div>`;
  return renderPage(ctx, { title: 'Tasks', active: 'tasks', body });
}

// ---------------------------------------------------------------- people

export function userPage(ctx: PageContext, id: number): Html | null {
  const u = getUser(ctx.db, id);
  if (!u) return null;
  const body = html`<div class="card" style="display:flex;gap:20px;align-items:center">
    ${avatar(u, 72)}
    <div>
      <h2 style="margin:0">${u.name}</h2>
      <div class="muted">${u.position}</div>
      ${u.email ? html`<div><a href="mailto:${u.email}">${u.email}</a></div>` : ''}${u.isAdmin ? html`<span class="badge">administrator</span>` : ''}
    </div>
  </div>`;
  return renderPage(ctx, { title: u.name, active: 'employees', body });
}

export function employeesPage(ctx: PageContext): Html {
  const users = listUsers(ctx.db, 500);
  const body = html`<div class="card" style="padding:0;overflow:hidden">
    <table class="grid">
      <thead>
        <tr>
          <th></th>
          <th>Name</th>
          <th>Position</th>
          <th>E-mail</th>
          <th>Role</th>
        </tr>
      </thead>
      <tbody>
        ${users.map(
          (u) =>
            html`<tr>
              <td>${avatar(u, 28)}</td>
              <td>
                <a href="/company/personal/user/${u.id}/">${u.name}</a
                >${u.active ? '' : html` <span class="muted">(dismissed)</span>`}
              </td>
              <td>${u.position}</td>
              <td>${u.email}</td>
              <td>${u.isAdmin ? html`<span class="badge">admin</span>` : ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
  return renderPage(ctx, { title: 'Employees', active: 'employees', body });
}

export function workgroupPage(ctx: PageContext, id: number): Html {
  const g = listWorkgroups(ctx.db).find((w) => w.id === id);
  return renderPage(ctx, {
    title: g?.name ?? `Workgroup #${id}`,
    active: 'feed',
    body: html`<div class="card">${g ? 'Workgroup' : 'Workgroup not found.'}</div>`,
  });
}

// ---------------------------------------------------------------- home, apps, log

export function homePage(ctx: PageContext): Html {
  const app = loadApp(ctx.db, 1);
  const stats = crmKinds(ctx.db)
    .slice(0, 4)
    .map((k) => html`<a class="stat" href="${k.listPath}"><b>${countCrmRecords(ctx.db, k)}</b>${k.title}</a>`);
  const body = html`<div class="stats">${stats}</div>
    <br />
    <div class="card">
      <h2>Welcome to the sandbox portal</h2>
      <p>
        This portal answers the Bitrix24 REST API and hosts <b>${app?.name ?? 'the app'}</b> in an iframe exactly like a
        real portal. Open it from the left menu, try it as another user with the switcher in the top right corner, and
        watch its calls in the <a href="/sandbox/log/">request log</a>.
      </p>
    </div>`;
  return renderPage(ctx, { title: 'Feed', active: 'feed', body });
}

const APP_SYSTEM_PARAMS = new Set([
  'install_finished',
  'iframe',
  'iframe_type',
  'placementid',
  'domain',
  'protocol',
  'lang',
  'app_sid',
]);

export function appPage(ctx: PageContext, url: URL): Html {
  const app = loadApp(ctx.db, 1);
  if (!app)
    return renderPage(ctx, {
      title: 'Application',
      active: 'market',
      body: html`<div class="notice">Application not found.</div>`,
    });
  if (app.installed !== 1 && !ctx.user.isAdmin) {
    return renderPage(ctx, {
      title: app.name,
      active: 'app-1',
      body: html`<div class="notice" data-testid="not-installed">
        <h2>The application is not fully installed yet</h2>
        Please contact your Bitrix24 administrator to complete the installation.
      </div>`,
    });
  }
  const placementId = Number(url.searchParams.get('placementId'));
  const options: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) if (!APP_SYSTEM_PARAMS.has(k.toLowerCase())) options[k] = v;
  const left =
    placementId > 0 && app.installed === 1
      ? boundPlacements(ctx.db, 'LEFT_MENU', ctx.user.id).find((p) => p.id === placementId)
      : undefined;
  const slot = left
    ? frameSlot({ placement: 'LEFT_MENU', options: { URI: '/' }, handlerId: left.id, height: 700 })
    : frameSlot({ placement: 'DEFAULT', options, height: 700 });
  return renderPage(ctx, {
    title: left ? placementTitle(left, ctx.lang, app.name) : app.name,
    active: left ? `left-${left.id}` : 'app-1',
    body: slot,
    data: { page: 'app' },
  });
}

export function marketPage(ctx: PageContext): Html {
  const app = loadApp(ctx.db, 1);
  const body = html`<div class="app-tiles">
    ${
      app
        ? html`<div class="app-tile">
            <div class="app-icon">${app.name.slice(0, 1)}</div>
            <b>${app.name}</b><span class="muted">${app.code} · version ${app.version}</span>
            <span
              >${app.installed === 1 ? html`<span class="pill">Installed</span>` : html`<span class="pill" style="background:#fff3d6;color:#b07800">Installation not finished</span>`}</span
            >
            <a class="btn" href="/marketplace/app/1/">Open</a>
          </div>`
        : ''
    }
  </div>`;
  return renderPage(ctx, { title: 'Applications', active: 'market', body });
}

export function logPage(ctx: PageContext): Html {
  const body = html`<div class="log-counts" id="log-counts"></div>
    <div class="card" style="padding:0;overflow:hidden">
      <table class="grid" data-testid="log-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Time</th>
            <th>Method</th>
            <th>HTTP</th>
            <th>Status</th>
            <th>Auth</th>
            <th>User</th>
            <th>ms</th>
          </tr>
        </thead>
        <tbody id="log-rows"></tbody>
      </table>
    </div>`;
  return renderPage(ctx, {
    title: 'Request log',
    active: 'log',
    body,
    actions: html`<label class="muted" style="display:flex;align-items:center;gap:6px"
        ><input type="checkbox" id="log-live" checked /> live</label
      ><button class="btn light" type="button" id="log-clear" data-testid="log-clear">Clear log</button>`,
    data: { page: 'log' },
  });
}

export function notFoundPage(ctx: PageContext, what: string): Html {
  return renderPage(ctx, {
    title: 'Not found',
    active: '',
    body: html`<div class="notice">
      <h2>${what} not found</h2>
      It may have been deleted, or you do not have access to it.
    </div>`,
  });
}
