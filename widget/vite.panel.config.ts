// Builds the chat panel (dist/panel): index.html with one external script (the panel's CSP allows no
// inline script), the app chunk with its styles, a JSON file per locale, and a chunk for each
// rarely used part (pre-chat, offline form, rating, request notice, contact card, emoji, end chat,
// sound, long-polling). Sizes: scripts/report-sizes.mjs.
//
// It is built in library mode: an app build wraps every dynamic import in Vite's preload helper
// (about 0.8 KB gzip with its dependency map), which the panel does not need: a lazy part's styles
// travel inside its own chunk (componentStyles), and its failures are handled by lazyPart().
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import {
  chunkNameMap,
  componentStyles,
  dropUnusedSocketModules,
  jsonPacketCodec,
  localeFiles,
  panelPage,
  swcMinify,
  textPacketCodec,
  urlUriParser,
  websocketOnlyRegistry,
} from './scripts/build-plugins';
import { dropI18nextDebugMessages } from './scripts/drop-debug-messages';

const panelSource = resolve(__dirname, 'src/panel');
const BASE = '/panel/';

export default defineConfig({
  base: BASE,
  plugins: [
    componentStyles(resolve(panelSource, 'adopt-styles.ts')),
    websocketOnlyRegistry(),
    dropI18nextDebugMessages(),
    jsonPacketCodec(resolve(panelSource, 'socket-packet-codec.ts')),
    textPacketCodec(resolve(panelSource, 'engine-packet-codec.ts')),
    urlUriParser(resolve(panelSource, 'engine-uri-parser.ts')),
    panelPage(resolve(panelSource, 'index.html'), BASE),
    localeFiles(resolve(__dirname, '../shared/locales'), BASE),
    chunkNameMap(resolve(__dirname, 'dist/panel-chunks.json')),
    // PARLEY_NO_MINIFY=1 keeps the output readable, to study what it is made of.
    ...(process.env.PARLEY_NO_MINIFY ? [] : [swcMinify()]),
  ],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  // Library mode leaves process.env alone; no dependency of the panel should see anything but production.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(__dirname, 'dist/panel'),
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: resolve(panelSource, 'main.tsx'), formats: ['es'] },
    // swcMinify() minifies the scripts; esbuild the stylesheets.
    minify: false,
    cssMinify: 'esbuild',
    // Never inline assets as data: URLs into scripts or styles; keep everything a plain file.
    assetsInlineLimit: 0,
    copyPublicDir: false,
    rollupOptions: {
      // The entry exports nothing anyone imports; without this, Rollup adds a facade module before it.
      preserveEntrySignatures: false,
      treeshake: { moduleSideEffects: dropUnusedSocketModules },
      output: {
        entryFileNames: 'assets/index-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        // Hash only: see chunkNameMap().
        chunkFileNames: 'assets/[hash:8].js',
      },
    },
  },
});
