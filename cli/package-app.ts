import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';

export interface PackageResult {
  path: string;
  bytes: number;
  entries: string[];
}

/** Files under `dir`, as zip paths (forward slashes), sorted so the archive is reproducible. */
function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => {
      const full = join(dir, d.name);
      return d.isDirectory() ? listFiles(full, root) : [relative(root, full).split(sep).join('/')];
    })
    .sort();
}

/**
 * Zips a built dist/ into `kontor-<version>.zip` for a static local app: index.html (every
 * placement), install.html, assets/. Leaves out Vite's build manifest (.vite/) and earlier zips.
 * Refuses a build whose HTML loads assets by absolute path: a static app is served from a
 * sub-folder of the portal, so `/assets/…` would miss.
 *
 * @example await packageApp({ distDir: 'dist', version: '0.1.0' }) // { path: 'dist/kontor-0.1.0.zip', … }
 */
export async function packageApp(options: { distDir: string; version: string }): Promise<PackageResult> {
  const distDir = resolve(options.distDir);
  const files = listFiles(distDir).filter((f) => !f.startsWith('.vite/') && !/^kontor-.*\.zip$/.test(f));
  for (const required of ['index.html', 'install.html']) {
    if (!files.includes(required)) throw new Error(`${required} is missing in ${distDir}: run vite build first`);
  }
  const zip = new JSZip();
  for (const file of files) {
    const data = readFileSync(join(distDir, file));
    if (file.endsWith('.html') && /(?:src|href)="\/(?!\/)/.test(data.toString('utf8'))) {
      throw new Error(`${file} references an absolute path; build with base './'`);
    }
    // A fixed date keeps the archive byte-identical for the same build.
    zip.file(file, data, { date: new Date('2000-01-01T00:00:00Z') });
  }
  const buffer = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  const path = join(distDir, `kontor-${options.version}.zip`);
  writeFileSync(path, buffer);
  return { path, bytes: statSync(path).size, entries: files };
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const result = await packageApp({ distDir: join(root, 'dist'), version });
  console.log(
    `${relative(process.cwd(), result.path)}  ${(result.bytes / 1024).toFixed(1)} KiB, ${result.entries.length} files`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error('package failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
