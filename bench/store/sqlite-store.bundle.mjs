// Bundles the server's own SQLite Store (TypeScript source) for the store benchmark, so it measures
// exactly the code the server runs; better-sqlite3 stays the server's installed native module.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT, loadEsbuild } from '../lib/deps.mjs';

const requireFromServer = createRequire(path.join(REPO_ROOT, 'server/package.json'));

/** Returns the path of a CommonJS bundle exporting `openSqliteStore`. */
export async function bundleSqliteStore() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-store-'));
  const outfile = path.join(outdir, 'sqlite-store.cjs');
  await loadEsbuild().build({
    entryPoints: [path.join(REPO_ROOT, 'server/src/store/sqlite/sqlite.store.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    plugins: [
      {
        name: 'server-native-modules',
        setup(build) {
          // The native addon cannot be bundled: point at the server's copy by absolute path.
          build.onResolve({ filter: /^better-sqlite3$/ }, () => ({
            path: requireFromServer.resolve('better-sqlite3'),
            external: true,
          }));
        },
      },
    ],
  });
  return outfile;
}
