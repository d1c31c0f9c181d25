import { createOAuthClient } from '../../../b24/oauth-client.ts';
import { TEST_RESTRICTION_PARAMS } from '../../../b24/restrictions.ts';
import type { SandboxHandle } from '../../testing/sandbox-client.ts';

/** Feed bytes from text, with a name for format detection. */
export const feedOf = (text: string, name = 'feed.csv') => ({ bytes: new TextEncoder().encode(text), name });

/**
 * A B24Client in application context over the sandbox's HTTPS origin: the app's client id, secret and a
 * refresh token from the control API, exactly what a server app holds.
 * @example const { client } = await appClient(t);
 */
export async function appClient(t: SandboxHandle, userId = 1) {
  const creds = (await (
    await t.raw('/sandbox/api/tokens', { method: 'POST', body: JSON.stringify({ userId }) })
  ).json()) as { client_id: string; client_secret: string; refresh_token: string };
  const portalUrl = new URL(t.sandbox.webhookUrl).origin;
  return {
    ...createOAuthClient({
      portalUrl,
      clientId: creds.client_id,
      clientSecret: creds.client_secret,
      refreshToken: creds.refresh_token,
      caPath: t.sandbox.caPath,
      restrictionParams: TEST_RESTRICTION_PARAMS,
    }),
    creds: { ...creds, portalUrl },
  };
}

/** Write methods in a request log (a refused feed must show none). */
export function writesIn(entries: { method: string; batch?: string[] }[]): string[] {
  const all = entries.flatMap((e) => (e.batch ? e.batch : [e.method]));
  return all.filter((m) => !/\.(list|get|fields|getfields)$|^batch$|base\.get$/i.test(m));
}
