/**
 * The URL every placement is bound to: the app's main page (`index.html` next to the current page).
 * The install wizard may run from `install.html` (static apps); binding that would open the wizard in
 * every tab, so the file name is replaced. Query and hash go: the portal appends its own parameters.
 * @example appHandlerUrl('https://cdn.example/app/install.html?DOMAIN=x') // 'https://cdn.example/app/index.html'
 */
export function appHandlerUrl(pageHref: string): string {
  const url = new URL('index.html', pageHref);
  url.search = '';
  url.hash = '';
  return url.toString();
}
