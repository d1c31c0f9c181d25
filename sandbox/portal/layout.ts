import type { Db } from '../db/database.ts';
import { loadApp } from '../rest/engine/auth.ts';
import { boundPlacements, crmKinds, listUsers, placementTitle, unreadNotifications, type PortalUser } from './data.ts';
import { html, jsonForScript, raw, type Html } from './html.ts';
import { LANGUAGES } from './session.ts';

export interface PageContext {
  db: Db;
  user: PortalUser;
  lang: string;
  /** Current path + query, for "back" links of the switchers. */
  here: string;
  /** Rendered inside a slider (`IFRAME=Y`): no header, no menu. */
  slider: boolean;
}

export interface PageSpec {
  title: string;
  /** Menu item to highlight. */
  active: string;
  body: Html;
  /** Extra buttons right of the title. */
  actions?: Html;
  /** Data for the host script. */
  data?: Record<string, unknown>;
}

const AVATAR_COLORS = ['#2fc6f6', '#9dcf00', '#ffa900', '#ff5752', '#a77bde', '#55d0e0', '#f7a700', '#3bc8f5'];

export function avatar(user: { id: number; name: string; photo?: string }, size = 32): Html {
  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
  const color = AVATAR_COLORS[user.id % AVATAR_COLORS.length]!;
  return html`<span
    class="avatar"
    style="width:${size}px;height:${size}px;line-height:${size}px;background:${color}"
    aria-hidden="true"
    >${initials || '?'}</span
  >`;
}

const ICONS: Record<string, string> = {
  feed: 'M4 5h16v2H4zm0 6h16v2H4zm0 6h10v2H4z',
  tasks: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  crm: 'M12 12a4 4 0 1 0-4-4 4 4 0 0 0 4 4zm0 2c-3 0-8 1.5-8 4.5V21h16v-2.5c0-3-5-4.5-8-4.5z',
  employees:
    'M16 11a3 3 0 1 0-3-3 3 3 0 0 0 3 3zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13zm8 0c-.3 0-.6 0-1 .1a4.2 4.2 0 0 1 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5z',
  apps: 'M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z',
  market: 'M4 7h16l-1.5 11h-13zm4-3h8v3H8z',
  log: 'M5 3h10l4 4v14H5zm9 1v4h4M8 12h8v1.5H8zm0 4h8v1.5H8z',
};

const icon = (name: string) =>
  raw(`<svg class="menu-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="${ICONS[name] ?? ICONS.apps}"/></svg>`);

function menu(ctx: PageContext, active: string): Html {
  const app = loadApp(ctx.db, 1);
  const item = (key: string, href: string, label: string, ic: string, sub = false) =>
    html`<a class="menu-item${sub ? ' sub' : ''}${active === key ? ' active' : ''}" href="${href}" data-menu="${key}"
      >${sub ? '' : icon(ic)}<span>${label}</span></a
    >`;
  const kinds = crmKinds(ctx.db);
  const leftMenu = boundPlacements(ctx.db, 'LEFT_MENU', ctx.user.id);
  return html`<nav class="b24-menu" aria-label="Main menu">
    ${item('feed', '/', 'Feed', 'feed')}
    ${item('tasks', `/company/personal/user/${ctx.user.id}/tasks/`, 'Tasks and Projects', 'tasks')}
    ${item('crm', '/crm/deal/list/', 'CRM', 'crm')}
    ${kinds.map((k) => item(`crm-${k.code}`, k.listPath, k.title, 'crm', true))}
    ${item('employees', '/company/', 'Employees', 'employees')}
    <div class="menu-group">Applications</div>
    ${app ? item('app-1', '/marketplace/app/1/', app.name, 'apps') : ''}
    ${leftMenu.map((p) => item(`left-${p.id}`, `/marketplace/app/1/?placementId=${p.id}`, placementTitle(p, ctx.lang, app?.name ?? 'App'), 'apps'))}
    ${item('market', '/marketplace/', 'Market', 'market')}
    <div class="menu-group">Sandbox</div>
    ${item('log', '/sandbox/log/', 'Request log', 'log')}
  </nav>`;
}

function header(ctx: PageContext): Html {
  const back = encodeURIComponent(ctx.here);
  const unread = unreadNotifications(ctx.db, ctx.user.id);
  const users = listUsers(ctx.db, 60).filter((u) => u.active);
  const langName = LANGUAGES.find((l) => l.code === ctx.lang)?.name ?? ctx.lang;
  return html`<header class="b24-header">
    <a class="logo" href="/"
      ><span class="logo-name">Bitrix</span><span class="logo-24">24</span><span class="logo-portal">Sandbox</span></a
    >
    <form class="search" action="/crm/deal/list/" method="get" role="search">
      <input name="q" type="search" placeholder="Find people, documents and more" aria-label="Search" />
    </form>
    <div class="header-right">
      ${
        unread === null
          ? ''
          : html`<span class="bell" title="Notifications" data-testid="bell"
              ><svg viewBox="0 0 24 24" aria-hidden="true">
                <path
                  d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z"
                /></svg
              >${unread > 0 ? html`<b class="bell-count" data-testid="bell-count">${unread}</b>` : ''}</span
            >`
      }
      <details class="dropdown lang-menu" data-testid="lang-menu">
        <summary>${langName}</summary>
        <div class="dropdown-body">
          ${LANGUAGES.map((l) => html`<a href="/sandbox/portal-api/switch-lang?lang=${l.code}&back=${back}" class="${l.code === ctx.lang ? 'current' : ''}" data-lang="${l.code}">${l.name}</a>`)}
        </div>
      </details>
      <details class="dropdown user-menu" data-testid="user-switcher">
        <summary>
          ${avatar(ctx.user, 30)}<span class="user-name" data-testid="current-user">${ctx.user.name}</span
          >${ctx.user.isAdmin ? html`<span class="badge">admin</span>` : ''}
        </summary>
        <div class="dropdown-body users">
          <div class="dropdown-title">Work in the portal as…</div>
          ${users.map(
            (u) =>
              html`<a
                href="/sandbox/portal-api/switch-user?id=${u.id}&back=${back}"
                data-user-id="${u.id}"
                class="${u.id === ctx.user.id ? 'current' : ''}"
                >${avatar(u, 24)}<span>${u.name}</span>${u.isAdmin ? html`<span class="badge">admin</span>` : ''}<small
                  >${u.position}</small
                ></a
              >`,
          )}
        </div>
      </details>
    </div>
  </header>`;
}

export function renderPage(ctx: PageContext, spec: PageSpec): Html {
  const app = loadApp(ctx.db, 1);
  const data = {
    userId: ctx.user.id,
    isAdmin: ctx.user.isAdmin,
    lang: ctx.lang,
    slider: ctx.slider,
    appClientId: app?.client_id ?? '',
    appName: app?.name ?? '',
    ...(spec.data ?? {}),
  };
  const inner = html`<div class="page-title-row">
      <h1 id="pagetitle" data-testid="page-title">${spec.title}</h1>
      <div class="page-actions">${spec.actions ?? ''}</div>
    </div>
    ${spec.body}`;
  return html`<!doctype html>
    <html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${spec.title} — Bitrix24</title>
        <link rel="icon" href="data:," />
        <style>
          ${raw(CSS)}
        </style>
      </head>
      <body class="${ctx.slider ? 'in-slider' : ''}">
        ${
          ctx.slider
            ? html`<main class="b24-content slider-content">${inner}</main>`
            : html`${header(ctx)}
                <div class="b24-layout">
                  ${menu(ctx, spec.active)}
                  <main class="b24-content">${inner}</main>
                </div>`
        }
        <div id="b24-overlays"></div>
        <script type="application/json" id="portal-data">
          ${jsonForScript(data)}
        </script>
        <script type="module" src="/sandbox/portal-static/host.js"></script>
      </body>
    </html>`;
}

const CSS = `
*{box-sizing:border-box}
html,body{margin:0}
body{font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#333;background:#eef2f4 linear-gradient(180deg,#d6e9f8 0,#eef2f4 280px) no-repeat}
a{color:#0075ff;text-decoration:none}
a:hover{text-decoration:underline}
.b24-header{height:62px;display:flex;align-items:center;gap:24px;padding:0 20px 0 22px}
.logo{display:flex;align-items:baseline;gap:2px;font-size:22px;font-weight:700;color:#0b66c3;min-width:218px;text-decoration:none!important}
.logo-name{color:#1f3b57}.logo-24{color:#0075ff}.logo-portal{margin-left:10px;font-size:13px;font-weight:500;color:#6a7a89}
.search{flex:1;max-width:520px}
.search input{width:100%;height:36px;border-radius:18px;border:0;background:rgba(255,255,255,.75);padding:0 16px;font:inherit;color:#333;outline:none}
.search input:focus{background:#fff;box-shadow:0 0 0 2px #bcdcff}
.header-right{margin-left:auto;display:flex;align-items:center;gap:14px}
.bell{position:relative;width:36px;height:36px;border-radius:50%;background:rgba(255,255,255,.7);display:flex;align-items:center;justify-content:center}
.bell svg{width:20px;height:20px;fill:#525c69}
.bell-count{position:absolute;top:-3px;right:-5px;min-width:18px;height:18px;border-radius:9px;background:#ff5752;color:#fff;font-size:11px;line-height:18px;text-align:center;padding:0 4px}
.dropdown{position:relative}
.dropdown summary{list-style:none;cursor:pointer;display:flex;align-items:center;gap:8px;padding:4px 10px;border-radius:18px;background:rgba(255,255,255,.7);user-select:none}
.dropdown summary::-webkit-details-marker{display:none}
.dropdown[open] summary{background:#fff}
.dropdown-body{position:absolute;right:0;top:calc(100% + 6px);background:#fff;border-radius:12px;box-shadow:0 8px 28px rgba(0,31,71,.18);padding:6px;min-width:170px;z-index:50;max-height:70vh;overflow:auto}
.dropdown-body a{display:flex;align-items:center;gap:8px;padding:7px 10px;border-radius:8px;color:#333;white-space:nowrap}
.dropdown-body a:hover{background:#f1f6fb;text-decoration:none}
.dropdown-body a.current{background:#e5f1ff}
.dropdown-body.users{min-width:300px}
.dropdown-body small{color:#8a96a3;margin-left:auto;padding-left:10px}
.dropdown-title{padding:6px 10px;color:#8a96a3;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.badge{display:inline-block;font-size:10px;line-height:16px;padding:0 6px;border-radius:8px;background:#e5f1ff;color:#0075ff;text-transform:uppercase;font-weight:600}
.avatar{display:inline-block;border-radius:50%;color:#fff;text-align:center;font-size:12px;font-weight:600;flex:none}
.user-name{font-weight:500}
.b24-layout{display:flex;align-items:flex-start;gap:0}
.b24-menu{width:240px;flex:none;margin:0 0 20px 12px;padding:10px 8px;border-radius:14px;background:linear-gradient(180deg,#1b3f73 0,#122c52 100%);color:#fff;position:sticky;top:10px}
.menu-item{display:flex;align-items:center;gap:10px;padding:8px 12px;border-radius:10px;color:rgba(255,255,255,.86);font-size:14px}
.menu-item:hover{background:rgba(255,255,255,.1);text-decoration:none}
.menu-item.active{background:#fff;color:#1b3f73;font-weight:600}
.menu-item.active .menu-icon{fill:#0075ff}
.menu-item.sub{padding-left:44px;font-size:13px;color:rgba(255,255,255,.72)}
.menu-item.sub.active{color:#1b3f73}
.menu-icon{width:20px;height:20px;fill:rgba(255,255,255,.8);flex:none}
.menu-group{margin:14px 12px 4px;font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:rgba(255,255,255,.5)}
.b24-content{flex:1;min-width:0;padding:4px 22px 40px}
.slider-content{padding:18px 24px 30px}
.page-title-row{display:flex;align-items:center;gap:16px;min-height:48px;margin-bottom:10px}
.page-title-row h1{margin:0;font-size:24px;font-weight:400;color:#333;overflow:hidden;text-overflow:ellipsis}
.page-actions{margin-left:auto;display:flex;gap:8px}
.card{background:#fff;border-radius:12px;padding:18px 20px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,31,71,.05)}
.card h2{margin:0 0 12px;font-size:16px;font-weight:600;color:#333}
.btn{display:inline-flex;align-items:center;gap:6px;height:36px;padding:0 18px;border-radius:18px;border:0;background:#0075ff;color:#fff;font:inherit;font-weight:600;cursor:pointer;text-decoration:none!important}
.btn:hover{background:#0063d8}
.btn.light{background:#fff;color:#525c69;border:1px solid #c6cdd3}
.btn.light:hover{background:#f1f4f6}
.btn:disabled{opacity:.5;cursor:default}
.stages{display:flex;gap:3px;margin:0 0 14px}
.stage{flex:1;height:30px;line-height:30px;text-align:center;font-size:12px;color:#fff;background:#c7e5f9;border-radius:4px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;padding:0 6px;color:#1f3b57}
.stage.done{background:#39a8ef;color:#fff}
.stage.current{background:#0075ff;color:#fff;font-weight:600}
.stage.won{background:#7bd500;color:#fff}.stage.lost{background:#ff5752;color:#fff}
.tabs{display:flex;gap:2px;flex-wrap:wrap;margin-bottom:14px;background:rgba(255,255,255,.6);border-radius:12px;padding:4px}
.tab{border:0;background:none;font:inherit;color:#525c69;padding:8px 16px;border-radius:9px;cursor:pointer}
.tab:hover{background:rgba(255,255,255,.9)}
.tab.active{background:#fff;color:#0075ff;font-weight:600;box-shadow:0 1px 3px rgba(0,31,71,.1)}
.tab .app-dot{display:inline-block;width:7px;height:7px;border-radius:50%;background:#9dcf00;margin-right:6px;vertical-align:middle}
.tab-panel[hidden]{display:none}
.card-grid{display:grid;grid-template-columns:minmax(320px,420px) 1fr;gap:16px;align-items:start}
.fields{margin:0}
.field{display:grid;grid-template-columns:150px 1fr;gap:10px;padding:7px 0;border-bottom:1px solid #f0f2f4}
.field:last-child{border-bottom:0}
.field dt{color:#8a96a3;font-size:13px}
.field dd{margin:0;word-break:break-word}
.timeline{list-style:none;margin:0;padding:0 0 0 18px;border-left:2px solid #dfe6ec}
.timeline li{position:relative;padding:0 0 16px 12px}
.timeline li::before{content:"";position:absolute;left:-25px;top:3px;width:12px;height:12px;border-radius:50%;background:#fff;border:2px solid #2fc6f6}
.timeline time{display:block;color:#8a96a3;font-size:12px}
table.grid{width:100%;border-collapse:collapse;background:#fff;border-radius:12px;overflow:hidden}
table.grid th{text-align:left;font-weight:500;color:#8a96a3;font-size:12px;text-transform:uppercase;letter-spacing:.03em;padding:10px 14px;background:#f7f9fa;border-bottom:1px solid #e7ebee}
table.grid td{padding:9px 14px;border-bottom:1px solid #f0f2f4;vertical-align:top}
table.grid tr:last-child td{border-bottom:0}
table.grid tr:hover td{background:#f7fbff}
.muted{color:#8a96a3}
.pill{display:inline-block;padding:1px 10px;border-radius:10px;background:#e5f1ff;color:#0075ff;font-size:12px}
.notice{background:#fff;border-radius:12px;padding:40px;text-align:center;color:#525c69}
.notice h2{font-weight:400;font-size:20px;margin:0 0 8px;color:#333}
.app-frame{width:100%;min-height:200px;background:#fff;border-radius:12px;overflow:hidden;position:relative}
.app-frame iframe{display:block;width:100%;height:100%;border:0}
.app-frame .frame-message{padding:40px;text-align:center;color:#525c69}
.app-tiles{display:flex;gap:16px;flex-wrap:wrap}
.app-tile{width:220px;background:#fff;border-radius:12px;padding:18px;display:flex;flex-direction:column;gap:8px}
.app-icon{width:52px;height:52px;border-radius:14px;background:linear-gradient(135deg,#2fc6f6,#0075ff);color:#fff;font-size:22px;font-weight:700;display:flex;align-items:center;justify-content:center}
.stats{display:flex;gap:16px;flex-wrap:wrap}
.stat{background:#fff;border-radius:12px;padding:16px 20px;min-width:150px}
.stat b{display:block;font-size:26px;font-weight:400;color:#0075ff}
.log-counts{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:12px}
.log-counts .stat{min-width:120px;padding:10px 16px}
.status-ok{color:#5b9c00}.status-err{color:#e0301e;font-weight:600}
.slider-overlay{position:fixed;inset:0;background:rgba(0,20,50,.45);z-index:100;display:flex;justify-content:flex-end;animation:fade .15s}
.slider{height:100%;background:#eef2f4;box-shadow:-8px 0 30px rgba(0,0,0,.2);position:relative;display:flex;flex-direction:column;max-width:calc(100vw - 60px)}
.slider-head{display:flex;align-items:center;gap:10px;height:56px;padding:0 20px;background:#fff;flex:none}
.slider-head h3{margin:0;font-size:18px;font-weight:400}
.slider-label{font-size:11px;padding:2px 8px;border-radius:8px;color:#fff;background:#2fc6f6}
.slider-close{position:absolute;left:-46px;top:14px;width:36px;height:36px;border-radius:50%;border:0;background:#fff;color:#525c69;font-size:20px;cursor:pointer}
.slider-body{flex:1;overflow:auto;padding:16px}
.slider-body>iframe.page{width:100%;height:100%;border:0;display:block}
.slider-body.page-host{padding:0}
.modal-overlay{position:fixed;inset:0;background:rgba(0,20,50,.45);z-index:200;display:flex;align-items:center;justify-content:center}
.modal{background:#fff;border-radius:14px;width:560px;max-width:calc(100vw - 40px);max-height:80vh;display:flex;flex-direction:column;box-shadow:0 10px 40px rgba(0,0,0,.25)}
.modal-head{padding:16px 20px;font-size:17px;border-bottom:1px solid #eef0f2;display:flex;gap:10px;align-items:center}
.modal-head input{margin-left:auto;height:32px;border:1px solid #c6cdd3;border-radius:16px;padding:0 12px;font:inherit}
.modal-tabs{display:flex;gap:4px;padding:8px 16px 0}
.modal-body{overflow:auto;padding:8px 12px;flex:1}
.modal-foot{padding:12px 20px;border-top:1px solid #eef0f2;display:flex;gap:10px}
.pick{display:flex;align-items:center;gap:10px;padding:7px 10px;border-radius:8px;cursor:pointer}
.pick:hover{background:#f1f6fb}
.pick.selected{background:#e5f1ff}
.pick.disabled{opacity:.45;cursor:default}
.pick small{color:#8a96a3;margin-left:auto}
.pick-group{padding:10px 10px 4px;color:#8a96a3;font-size:12px;text-transform:uppercase}
.toast{position:fixed;left:50%;bottom:24px;transform:translateX(-50%);background:#333;color:#fff;padding:10px 18px;border-radius:10px;z-index:300;opacity:.95}
@keyframes fade{from{opacity:0}to{opacity:1}}
`;
