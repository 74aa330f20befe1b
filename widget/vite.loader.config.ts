// Builds the loader (widget.js): one minified IIFE, no framework, budget 2,000 B gzip (scripts/report-sizes.mjs).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { swcMinify } from './scripts/build-plugins';

export default defineConfig({
  plugins: [swcMinify({ script: true, target: 'es2020' })],
  build: {
    outDir: resolve(__dirname, 'dist'),
    // The panel build writes dist/panel afterwards; the loader only owns dist/widget.js.
    emptyOutDir: false,
    target: 'es2020',
    // swcMinify() minifies (smaller than esbuild's output after gzip).
    minify: false,
    lib: {
      entry: resolve(__dirname, 'src/loader/main.ts'),
      formats: ['iife'],
      name: 'ParleyLoader',
      fileName: () => 'widget.js',
    },
    // Every module is strict already (ES modules); the directive would only cost bytes.
    rollupOptions: { output: { strict: false } },
  },
});
