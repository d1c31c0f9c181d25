import { createServer } from 'vite';
import { HELP, parseArgs } from './options.ts';
import { startSandbox } from './server.ts';

/**
 * `npm start`: Kontor's Vite dev server on 127.0.0.1:5173 and the sandbox portal hosting it.
 * Takes the same flags as `npm run sandbox` (except --app-url, which is the dev server).
 */
async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const vite = await createServer({
    configFile: new URL('../vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
  });
  await vite.listen();
  const appUrl = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
  const sandbox = await startSandbox({ ...options, appUrl: options.appUrl ?? appUrl });
  console.log(`Portal: ${sandbox.portalUrl}`);
  console.log(`Webhook: ${sandbox.webhookUrl}`);
  console.log(`CA: ${sandbox.caPath}`);
  console.log(
    `App: ${sandbox.appUrl} (Kontor dev server) — open ${sandbox.portalUrl}marketplace/app/1/ to install and launch it`,
  );
  const stop = () => void Promise.all([sandbox.close(), vite.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('start: failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
