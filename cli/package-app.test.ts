import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { packageApp } from './package-app.ts';

const dirs: string[] = [];

function fakeDist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-dist-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const html = (title: string) =>
  `<!doctype html><html><head><title>${title}</title><script type="module" src="./assets/main-abc.js"></script></head><body><div id="root"></div></body></html>`;

afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('packageApp', () => {
  it('zips index.html, install.html and assets/ with relative paths, without .vite/ or older zips', async () => {
    const dist = fakeDist({
      'index.html': html('Kontor'),
      'install.html': html('Kontor — installation'),
      'assets/main-abc.js': 'console.log("kontor")',
      'assets/crm-detail-tab-def.js': 'export {}',
      'assets/main-abc.css': 'body{margin:0}',
      '.vite/manifest.json': '{}',
      'kontor-0.0.9.zip': 'old',
    });
    const result = await packageApp({ distDir: dist, version: '1.2.3' });
    expect(result.path).toBe(join(dist, 'kontor-1.2.3.zip'));
    const zip = await JSZip.loadAsync(readFileSync(result.path));
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    expect(names).toEqual([
      'assets/crm-detail-tab-def.js',
      'assets/main-abc.css',
      'assets/main-abc.js',
      'index.html',
      'install.html',
    ]);
    expect(result.entries).toEqual(names);
    expect(await zip.file('install.html')!.async('string')).toBe(html('Kontor — installation'));
    expect(result.bytes).toBe(readFileSync(result.path).length);
  });

  it('builds the same bytes twice for the same dist', async () => {
    const dist = fakeDist({ 'index.html': html('a'), 'install.html': html('b'), 'assets/x.js': 'x' });
    const first = readFileSync((await packageApp({ distDir: dist, version: '1.0.0' })).path);
    const second = readFileSync((await packageApp({ distDir: dist, version: '1.0.0' })).path);
    expect(second.equals(first)).toBe(true);
  });

  it('refuses a dist without install.html', async () => {
    const dist = fakeDist({ 'index.html': html('a') });
    await expect(packageApp({ distDir: dist, version: '1.0.0' })).rejects.toThrow(/install\.html is missing/);
  });

  it('refuses HTML that loads assets by absolute path', async () => {
    const dist = fakeDist({
      'index.html': '<script type="module" src="/assets/main.js"></script>',
      'install.html': html('b'),
    });
    await expect(packageApp({ distDir: dist, version: '1.0.0' })).rejects.toThrow(/absolute path/);
  });
});
