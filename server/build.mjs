// Bundles the server (and @parley/shared's TypeScript) into dist/main.js; npm packages stay external.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// @parley/shared is TypeScript source and must be bundled; everything else resolves at run time.
const external = Object.keys(pkg.dependencies).filter((name) => name !== '@parley/shared');

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // Locale files are read from @parley/shared at run time: its package.json is resolved, not bundled.
  external: [...external, '@parley/shared/package.json'],
  logLevel: 'warning',
});
