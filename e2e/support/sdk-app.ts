import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SDK_APP_DIR = join(tmpdir(), `kontor-e2e-sdk-app-${process.getuid?.() ?? 0}`);

/** Builds e2e/fixtures/sdk-app with Vite's JS API into a temp dir (outside the work tree). */
export async function buildSdkApp(): Promise<string> {
  const { build } = await import('vite');
  const fixture = join(ROOT, 'e2e', 'fixtures', 'sdk-app');
  await build({
    configFile: join(fixture, 'vite.config.ts'),
    root: fixture,
    build: { outDir: SDK_APP_DIR, emptyOutDir: true },
  });
  return SDK_APP_DIR;
}
