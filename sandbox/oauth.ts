import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxEnv } from './rest/engine/dispatch.ts';

/** OAuth endpoints (`/oauth/token/`, `/oauth/authorize/`). */
export async function handleOAuth(_env: SandboxEnv, _req: IncomingMessage, _res: ServerResponse, _url: URL): Promise<boolean> {
  return false;
}
