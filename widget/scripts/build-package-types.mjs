// Bundles the npm package's types into one self-contained file (dist/package/index.d.mts): only the
// declarations src/package/index.ts exports, none of the loader's internals, no import of anything.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const widget = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await rollup({
  input: path.join(widget, 'src/package/index.ts'),
  plugins: [dts({ tsconfig: path.join(widget, 'tsconfig.json') })],
});
await bundle.write({ file: path.join(widget, 'dist/package/index.d.mts'), format: 'es' });
await bundle.close();
