// Builds the console into dist/, which the server serves under /console/.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  // Plain esbuild JSX is all Preact needs; the preset would add a dev-only plugin stack.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { target: 'es2022', sourcemap: true, reportCompressedSize: true },
  server: {
    // `vite` in dev talks to a local Parley server for REST and sockets.
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
