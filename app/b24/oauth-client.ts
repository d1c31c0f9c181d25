import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { ApiVersion, B24OAuth, EnumAppStatus, type RestrictionParams } from '@bitrix24/b24jssdk';
import { B24Client } from './client.ts';
import { BitrixError } from './errors.ts';
import { sdkCaller, sdkOnceCaller } from './sdk-caller.ts';

/** A rotated token pair, handed to `onTokens` so the next run can use the new refresh token. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Unix seconds. */
  expires: number;
}

export interface OAuthClientOptions {
  /** The portal's origin (`https://example.bitrix24.com/`). */
  portalUrl: string;
  clientId: string;
  clientSecret: string;
  /** A refresh token of the app (Bitrix24 rotates it on every use: keep the one `onTokens` gives back). */
  refreshToken: string;
  /**
   * Where `/oauth/token/` is: Bitrix24 cloud portals use `https://oauth.bitrix.info`; self-hosted
   * portals and the sandbox answer it themselves (the default).
   */
  oauthServer?: string;
  /** A PEM file to trust besides the public roots (the sandbox's self-signed CA). */
  caPath?: string;
  restrictionParams?: Partial<RestrictionParams>;
  /** Called after each refresh, before any call uses the new token. */
  onTokens?: (tokens: OAuthTokens) => void | Promise<void>;
}

interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires?: number | string;
  expires_in?: number | string;
  member_id?: string;
  scope?: string;
  status?: string;
  domain?: string;
  client_endpoint?: string;
  server_endpoint?: string;
  error?: string;
  error_description?: string;
}

/** POSTs a form over node:http(s) (fetch cannot take an https.Agent that trusts an extra CA). */
function postForm(
  url: URL,
  form: URLSearchParams,
  agent: Agent | undefined,
): Promise<{ status: number; body: string }> {
  const body = form.toString();
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        ...(url.protocol === 'https:' && agent ? { agent } : {}),
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('OAuth token request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * B24Client in application context for Node (CLI, benches): a server app's OAuth credentials (client
 * id and secret, a refresh token). The first call refreshes the token; an expired token (401
 * `expired_token`) is refreshed by the SDK and the call sent again — it never ran, so that is safe for
 * writes too. Concurrent refreshes share one token request (a refresh token works once).
 *
 * @example
 * const { client } = createOAuthClient({ portalUrl, clientId, clientSecret, refreshToken, onTokens: save });
 * await client.call('entity.get');
 */
export function createOAuthClient(options: OAuthClientOptions): { client: B24Client; b24: B24OAuth } {
  const portal = new URL(options.portalUrl);
  const origin = portal.origin;
  const tokenUrl = new URL('/oauth/token/', options.oauthServer ?? origin);
  const agent = options.caPath
    ? new Agent({ ca: [...rootCertificates, readFileSync(options.caPath, 'utf8')], keepAlive: true })
    : undefined;
  let refreshToken = options.refreshToken;
  let inFlight: Promise<TokenAnswer> | null = null;

  const refresh = async (): Promise<TokenAnswer> => {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      refresh_token: refreshToken,
    });
    const res = await postForm(tokenUrl, form, agent);
    let answer: TokenAnswer;
    try {
      answer = JSON.parse(res.body) as TokenAnswer;
    } catch {
      throw new BitrixError(
        'ERROR_OAUTH',
        `${tokenUrl.href} answered HTTP ${res.status}, not JSON`,
        res.status,
        'oauth',
      );
    }
    if (res.status !== 200 || answer.error || !answer.access_token || !answer.refresh_token)
      throw new BitrixError(
        answer.error ?? 'ERROR_OAUTH',
        answer.error_description ?? `Token refresh failed (HTTP ${res.status})`,
        res.status,
        'oauth',
      );
    refreshToken = answer.refresh_token;
    await options.onTokens?.({
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      expires: Number(answer.expires ?? 0),
    });
    return answer;
  };

  const b24 = new B24OAuth(
    {
      applicationToken: '',
      userId: 0,
      memberId: '',
      accessToken: '',
      refreshToken,
      // Expired from the start: the first call refreshes.
      expires: 0,
      expiresIn: 0,
      scope: '',
      domain: portal.host,
      // Without a trailing slash: the SDK appends `/method`.
      clientEndpoint: `${origin}/rest`,
      serverEndpoint: `${tokenUrl.origin}/rest/`,
      status: EnumAppStatus.Local,
    },
    { clientId: options.clientId, clientSecret: options.clientSecret },
    options.restrictionParams ? { restrictionParams: options.restrictionParams } : undefined,
  );
  b24.setCustomRefreshAuth(async () => {
    inFlight ??= refresh().finally(() => (inFlight = null));
    const a = await inFlight;
    return {
      access_token: a.access_token!,
      refresh_token: a.refresh_token!,
      expires: String(a.expires ?? 0),
      expires_in: String(a.expires_in ?? 3600),
      client_endpoint: `${origin}/rest`,
      server_endpoint: `${tokenUrl.origin}/rest/`,
      member_id: a.member_id ?? '',
      scope: a.scope ?? '',
      status: (a.status ?? EnumAppStatus.Local) as (typeof EnumAppStatus)[keyof typeof EnumAppStatus],
      domain: portal.host,
    };
  });
  if (agent)
    for (const version of [ApiVersion.v2, ApiVersion.v3])
      b24.getHttpClient(version).ajaxClient.defaults.httpsAgent = agent;
  return { client: new B24Client(sdkCaller(b24), { once: sdkOnceCaller(b24) }), b24 };
}
