/**
 * The widget as a site that bundles its own JavaScript gets it: `pnpm pack` of widget/ (its prepack
 * builds the package), unpacked into a fresh app's node_modules, built with Vite as the site would.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeScratchDir } from '@parley/server/test-support/scratch-dir';

const run = promisify(execFile);
const WIDGET_DIR = path.resolve(__dirname, '../../widget');

/** `pnpm pack` into a temporary directory; the tarball's path. */
export async function packWidget(): Promise<string> {
  const destination = makeScratchDir('parley-widget-pack-');
  await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', destination], { cwd: WIDGET_DIR });
  const tarball = fs.readdirSync(destination).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${destination}`);
  return path.join(destination, tarball);
}

/** The paths inside the tarball, without tar's `package/` prefix, sorted. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  return stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

/** A fresh app directory with the tarball installed as node_modules/@parley/widget (what `npm install <tgz>` does for a package without dependencies). */
export async function appWithPackedWidget(tarball: string, files: Record<string, string>): Promise<string> {
  const app = makeScratchDir('parley-widget-app-');
  const installed = path.join(app, 'node_modules/@parley/widget');
  fs.mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    fs.writeFileSync(path.join(app, name), content);
  }
  return app;
}

const viteCli = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
const tscCli = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin/tsc');

/** `vite build` in the app (index.html as the entry, no config file); the output directory. */
export async function viteBuild(app: string): Promise<string> {
  await run(process.execPath, [viteCli, 'build', '--logLevel', 'warn'], { cwd: app });
  return path.join(app, 'dist');
}

/** `tsc -p <tsconfig>` in the app; resolves with its output, rejects (with that output) on type errors. */
export async function typeCheck(app: string, tsconfig: string): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [tscCli, '-p', tsconfig], { cwd: app });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${tsconfig} failed:\n${stdout}${stderr}`);
  }
}

/** Runs an ES module snippet with plain Node in the app (as server-side rendering would import the package). */
export async function runNodeModule(app: string, source: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source], { cwd: app });
  return stdout;
}

/** Every file under a directory, as HostSite files keyed by URL path. */
export function staticFiles(dir: string): Record<string, { body: string; type: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const files: Record<string, { body: string; type: string }> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const urlPath = '/' + path.relative(dir, full).split(path.sep).join('/');
    const file = { body: fs.readFileSync(full, 'utf8'), type: types[path.extname(full)] ?? 'application/octet-stream' };
    files[urlPath] = file;
    if (urlPath === '/index.html') files['/'] = file;
  }
  return files;
}
