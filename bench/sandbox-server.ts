import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface BenchServer {
  portal: string;
  webhook: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Starts the sandbox in its own process (so client and server do not share an event loop) and
 * resolves once it printed its URLs. The large seed is kept in `dataDir` between runs.
 */
export function startBenchSandbox(args: string[]): Promise<BenchServer> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--quiet', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`sandbox did not start in 180 s:\n${out}`)), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const portal = /^Portal: (\S+)/m.exec(out)?.[1];
      const webhook = /^Webhook: (\S+)/m.exec(out)?.[1];
      if (portal && webhook && /^CA: /m.test(out)) {
        clearTimeout(timer);
        ok({
          portal,
          webhook,
          child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`sandbox exited with ${code}:\n${out}`));
    });
  });
}
