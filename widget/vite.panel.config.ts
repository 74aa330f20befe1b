// Builds the chat panel (dist/panel): an index.html with external script and stylesheet only (the
// panel's CSP allows no inline code), the app chunk, and one small chunk per locale.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(__dirname, 'src/panel'),
  base: '/panel/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: resolve(__dirname, 'dist/panel'),
    emptyOutDir: true,
    target: 'es2020',
    // Module preload links need no polyfill in the browsers that run the panel; it would add inline-free bytes only.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into scripts or styles; keep everything a plain file.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // Locale chunks get readable names: locale-ru-[hash].js.
        chunkFileNames: (chunk) => {
          const locale = /locales\/([a-z]{2})\/widget\.json/.exec(chunk.facadeModuleId ?? '')?.[1];
          return locale ? `assets/locale-${locale}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
});
