import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { ApiVersion, B24Hook, type RestrictionParams } from '@bitrix24/b24jssdk';

export type { RestrictionParams };
import { B24Client } from './client.ts';
import { sdkCaller, sdkOnceCaller } from './sdk-caller.ts';

export interface HookClientOptions {
  /** A PEM file to trust besides the public roots (the sandbox's self-signed CA). */
  caPath?: string;
  /** SDK limiter settings; the SDK's defaults when absent (tests pass TEST_RESTRICTION_PARAMS). */
  restrictionParams?: Partial<RestrictionParams>;
}

/**
 * B24Client over an inbound webhook, for Node (CLI, tests, benches).
 *
 * NODE_EXTRA_CA_CERTS is read only when Node starts, so a CA is trusted per client instead: the
 * SDK's http clients are axios instances, and axios uses `defaults.httpsAgent` when set.
 *
 * @example const { client } = createHookClient('https://127.0.0.1:4001/rest/1/abc/', { caPath: '.sandbox/sandbox-ca.pem' });
 */
export function createHookClient(
  webhookUrl: string,
  options: HookClientOptions = {},
): { client: B24Client; b24: B24Hook } {
  const b24 = B24Hook.fromWebhookUrl(
    webhookUrl,
    options.restrictionParams ? { restrictionParams: options.restrictionParams } : undefined,
  );
  if (options.caPath) {
    const agent = new Agent({ ca: [...rootCertificates, readFileSync(options.caPath, 'utf8')], keepAlive: true });
    for (const version of [ApiVersion.v2, ApiVersion.v3])
      b24.getHttpClient(version).ajaxClient.defaults.httpsAgent = agent;
  }
  return { client: new B24Client(sdkCaller(b24), { once: sdkOnceCaller(b24) }), b24 };
}
