import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxEnv } from '../rest/engine/dispatch.ts';

/** The portal's pages. Returns false when the path is not a portal page. */
export async function handlePortal(_env: SandboxEnv, _req: IncomingMessage, _res: ServerResponse, _url: URL): Promise<boolean> {
  return false;
}
