import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxEnv } from '../rest/engine/dispatch.ts';
import { crmKind } from './data.ts';
import { handlePortalApi } from './frames.ts';
import type { Html } from './html.ts';
import type { PageContext } from './layout.ts';
import {
  appPage,
  crmDetailsPage,
  crmListPage,
  employeesPage,
  homePage,
  logPage,
  marketPage,
  notFoundPage,
  taskListPage,
  taskViewPage,
  userPage,
  workgroupPage,
} from './pages.ts';
import { currentLang, currentUser } from './session.ts';

let hostScript: Promise<string> | null = null;

/** The host page script is TypeScript (type-checked with the project); browsers get it transpiled once. */
function loadHostScript(): Promise<string> {
  hostScript ??= (async () => {
    const ts = (await import('typescript')).default;
    const source = readFileSync(join(import.meta.dirname, 'client', 'host.ts'), 'utf8');
    return ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
  })();
  hostScript.catch(() => {
    hostScript = null;
  });
  return hostScript;
}

function sendHtml(res: ServerResponse, page: Html, status = 200): void {
  const text = page.text;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location });
  res.end();
}

/** The portal's pages. Returns false when the path is not a portal page. */
export async function handlePortal(
  env: SandboxEnv,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const path = url.pathname;
  if (path.startsWith('/sandbox/portal-api/')) return handlePortalApi(env, req, res, url);
  if (path === '/sandbox/portal-static/host.js') {
    const js = await loadHostScript();
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Length': Buffer.byteLength(js),
    });
    res.end(js);
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  void loadHostScript();

  const ctx: PageContext = {
    db: env.db,
    user: currentUser(env.db, req),
    lang: currentLang(req),
    here: path + url.search,
    slider: url.searchParams.get('IFRAME') === 'Y',
  };
  const page = (html: Html | null, what: string) => sendHtml(res, html ?? notFoundPage(ctx, what), html ? 200 : 404);
  let m: RegExpExecArray | null;

  if (path === '/' || path === '/stream/') return (sendHtml(res, homePage(ctx)), true);
  if (path === '/crm/' || path === '/crm/deal/' || path === '/crm/deal/kanban/')
    return (redirect(res, '/crm/deal/list/'), true);
  if ((m = /^\/crm\/(deal|contact|company|lead)\/list\/$/.exec(path))) {
    return (sendHtml(res, crmListPage(ctx, crmKind(env.db, m[1]!)!, url.searchParams.get('q') ?? '')), true);
  }
  if ((m = /^\/crm\/(deal|contact|company|lead)\/(?:details|show)\/(\d+)\/$/.exec(path))) {
    const kind = crmKind(env.db, m[1]!)!;
    return (page(crmDetailsPage(ctx, kind, Number(m[2])), kind.singular), true);
  }
  if ((m = /^\/crm\/type\/(\d+)\/(list|details\/(\d+))\/$/.exec(path))) {
    const kind = crmKind(env.db, Number(m[1]));
    if (!kind) return (page(null, 'Smart process'), true);
    if (m[2] === 'list') return (sendHtml(res, crmListPage(ctx, kind, url.searchParams.get('q') ?? '')), true);
    return (page(crmDetailsPage(ctx, kind, Number(m[3])), kind.singular), true);
  }
  if ((m = /^\/company\/personal\/user\/(\d+)\/tasks\/task\/view\/(\d+)\/$/.exec(path))) {
    return (page(taskViewPage(ctx, Number(m[1]), Number(m[2])), 'Task'), true);
  }
  if ((m = /^\/company\/personal\/user\/(\d+)\/tasks\/$/.exec(path)))
    return (sendHtml(res, taskListPage(ctx, Number(m[1]))), true);
  if ((m = /^\/company\/personal\/user\/(\d+)\/$/.exec(path)))
    return (page(userPage(ctx, Number(m[1])), 'Employee'), true);
  if (path === '/company/') return (sendHtml(res, employeesPage(ctx)), true);
  if ((m = /^\/workgroups\/group\/(\d+)\/$/.exec(path))) return (sendHtml(res, workgroupPage(ctx, Number(m[1]))), true);
  if (path === '/marketplace/app/1/') return (sendHtml(res, appPage(ctx, url)), true);
  if (path === '/marketplace/' || path === '/marketplace/local/') return (sendHtml(res, marketPage(ctx)), true);
  if (path === '/sandbox/log/') return (sendHtml(res, logPage(ctx)), true);
  return false;
}
