// Bundles a piece of the server's TypeScript source (and @parley/shared's) into one CommonJS file
// inside server/, so a benchmark times the code the server runs and its npm packages resolve from
// the server's node_modules. Needs no build of the server.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, loadEsbuild, requireFromServer } from './deps.mjs';

const SERVER_DIR = path.join(REPO_ROOT, 'server');

/**
 * Bundles `source` (export statements, paths relative to server/) as `<name>.cjs` under
 * server/node_modules/.cache/parley-bench and returns what it exports.
 */
export async function loadServerCode(name, source) {
  const outfile = path.join(SERVER_DIR, 'node_modules', '.cache', 'parley-bench', `${name}.cjs`);
  const pkg = JSON.parse(fs.readFileSync(path.join(SERVER_DIR, 'package.json'), 'utf8'));
  await loadEsbuild().build({
    stdin: { contents: source, resolveDir: SERVER_DIR, loader: 'ts' },
    outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
    // @parley/shared is TypeScript source and must be bundled; everything else resolves at run time.
    external: Object.keys(pkg.dependencies).filter((dependency) => dependency !== '@parley/shared'),
  });
  return requireFromServer(outfile);
}
