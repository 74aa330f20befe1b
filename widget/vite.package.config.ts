// Builds the npm package's entry (dist/package/index.mjs): ES module, not minified (the site's own
// bundler minifies), no dependencies. Its types: scripts/build-package-types.mjs.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: resolve(__dirname, 'dist/package'),
    emptyOutDir: true,
    target: 'es2020',
    minify: false,
    lib: {
      entry: resolve(__dirname, 'src/package/index.ts'),
      formats: ['es'],
      fileName: () => 'index.mjs',
    },
  },
});
