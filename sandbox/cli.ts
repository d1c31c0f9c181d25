import { HELP, parseArgs } from './options.ts';
import { startSandbox } from './server.ts';

/** `npm run sandbox -- [flags]`: starts the portal and prints its three lines. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`sandbox: ${(e as Error).message}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const sandbox = await startSandbox(options);
  console.log(`Portal: ${sandbox.portalUrl}`);
  console.log(`Webhook: ${sandbox.webhookUrl}`);
  console.log(`CA: ${sandbox.caPath}`);
  if (!options.quiet) {
    console.log(`App: ${sandbox.appUrl} (app 1, left menu: ${sandbox.portalUrl}marketplace/app/1/)`);
    console.log(`Request log: ${sandbox.portalUrl}sandbox/log/`);
  }
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('sandbox: failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
