import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');

/** Kontor's production build (vite.config.ts) into `outDir`, so the size rows measure the code as it is now. */
export async function buildKontor(outDir: string): Promise<void> {
  await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

/** The floor fixture (bench/bundle-floor): the required libraries alone, built like Kontor. */
export async function buildFloor(outDir: string): Promise<void> {
  await build({
    root: resolve(import.meta.dirname, 'bundle-floor'),
    configFile: false,
    base: './',
    plugins: [react()],
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true, modulePreload: { polyfill: false } },
  });
}
