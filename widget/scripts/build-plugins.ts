/** Vite plugins of the widget builds, each there to keep bytes out of what visitors download. */
import { transform } from '@swc/core';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const ENGINE_IO_ESM = /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]/;
const WEBSOCKET_REGISTRY = '\0parley:engine-io-websocket-registry';

/**
 * engine.io-client's registry of transports by name imports long-polling (XHR) and WebTransport
 * eagerly, so `transports: ['websocket']` alone still ships them. Inside engine.io-client we swap that
 * registry for one holding only the WebSocket transport: the panel speaks WebSocket only
 * (socket-transport.ts).
 */
export function websocketOnlyRegistry(): Plugin {
  let websocketModule = '';
  return {
    name: 'parley:websocket-only-registry',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './transports/index.js' || !importer || !ENGINE_IO_ESM.test(importer)) return null;
      websocketModule = resolve(dirname(importer), 'transports/websocket.js');
      return WEBSOCKET_REGISTRY;
    },
    load(id) {
      if (id !== WEBSOCKET_REGISTRY) return null;
      return `import { WS } from ${JSON.stringify(websocketModule)};\nexport const transports = { websocket: WS };`;
    },
  };
}

interface ImportReplacement {
  name: string;
  /** The import specifier, as written in the importing module. */
  source: string;
  /** Which importing modules (by path) get the replacement. */
  importer: RegExp;
  /** The module resolved instead. */
  replacement: string;
}

/** A plugin resolving `source`, where a module whose path matches `importer` imports it, to `replacement`. */
function replaceImport({ name, source, importer, replacement }: ImportReplacement): Plugin {
  return {
    name,
    enforce: 'pre',
    resolveId(id, from) {
      return id === source && from && importer.test(from) ? replacement : null;
    },
  };
}

/**
 * socket.io-client encodes packets with socket.io-parser, most of which handles binary attachments;
 * the visitor namespace carries JSON only. Inside socket.io-client the import resolves to the panel's
 * own JSON-only codec of the same protocol (src/panel/socket-packet-codec.ts, tested against
 * socket.io-parser in both directions).
 */
export const jsonPacketCodec = (codecModule: string): Plugin =>
  replaceImport({
    name: 'parley:json-packet-codec',
    source: 'socket.io-parser',
    importer: /[\\/]socket\.io-client[\\/]/,
    replacement: codecModule,
  });

/**
 * Below those JSON strings, engine.io-parser frames Engine.IO packets, and most of it handles binary
 * ones (Blob, ArrayBuffer, base64); over the panel's WebSocket every packet is text. Where the
 * WebSocket client uses it (the socket, the transport base and the WebSocket transport), the import
 * resolves to the panel's text-only codec of the same protocol (src/panel/engine-packet-codec.ts,
 * tested against engine.io-parser in both directions).
 */
export const textPacketCodec = (codecModule: string): Plugin =>
  replaceImport({
    name: 'parley:text-packet-codec',
    source: 'engine.io-parser',
    importer: /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/](?:socket|transport|transports[\\/]websocket)\.js$/,
    replacement: codecModule,
  });

/**
 * engine.io-client parses the server's address with one long regular expression and its helpers
 * (contrib/parseuri.js), written for platforms without `URL`; the panel's browsers all have it.
 * Inside engine.io-client (through which socket.io-client's `io()` parses too) the import resolves to
 * src/panel/engine-uri-parser.ts, tested against the original.
 */
export const urlUriParser = (parserModule: string): Plugin =>
  replaceImport({
    name: 'parley:url-uri-parser',
    source: './contrib/parseuri.js',
    importer: ENGINE_IO_ESM,
    replacement: parserModule,
  });

/**
 * Modules whose top-level code may be dropped when nothing of theirs is used: engine.io-client's
 * polling module adds an unload listener when imported, and engine.io-parser (still imported by the
 * polling and WebTransport modules, unused) fills its lookup tables.
 */
export const dropUnusedSocketModules = (id: string): boolean =>
  !/engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]polling|[\\/]engine\.io-parser[\\/]/.test(id);

/**
 * Minifies chunks with SWC's minifier (a port of terser's passes): about 4% smaller after gzip than
 * esbuild's minifier here. ES module chunks get their top-level names mangled too; a classic script
 * (the loader's IIFE) keeps its wrapper, so nothing it declares reaches the host page's global scope.
 */
export function swcMinify({ script = false, target = 'es2022' }: { script?: boolean; target?: 'es2020' | 'es2022' } = {}): Plugin {
  return {
    name: 'parley:swc-minify',
    apply: 'build',
    // generateBundle, not renderChunk: Vite's own renderChunk steps would print the code again afterwards.
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const result = await transform(file.code, {
          isModule: !script,
          minify: true,
          jsc: {
            // Never newer syntax than the build's own target.
            target,
            minify: {
              // A third pass finds a little more. (Not `ecma`: with unsafe_arrows, swc 1.15 then turned a
              // function that reads `arguments` into an arrow, and the panel failed at start.)
              compress: { passes: 3, toplevel: !script, pure_getters: true, unsafe_arrows: true },
              mangle: { toplevel: !script },
            },
          },
          sourceMaps: Boolean(file.map),
          inputSourceMap: file.map ? JSON.stringify(file.map) : false,
        });
        file.code = result.code;
        if (file.map && result.map) Object.assign(file.map, JSON.parse(result.map));
      }
    },
  };
}

/**
 * A component's stylesheet sits beside it (`RatingCard.tsx` + `RatingCard.css`) and is attached for
 * it at build time, as a string the component's module adopts when it first loads: a lazily loaded
 * part brings its own styles, and the initial stylesheet holds only what the first screen needs.
 * (Jest never sees a CSS import.)
 */
export function componentStyles(adoptModule: string): Plugin {
  return {
    name: 'parley:component-styles',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]components[\\/][A-Z][\w-]*\.tsx$/.test(id)) return null;
      const stylesheet = id.replace(/\.tsx$/, '.css');
      if (!existsSync(stylesheet)) return null;
      const prelude =
        `import __parleyStyles from ${JSON.stringify(`${stylesheet}?inline`)};` +
        `import { adoptStyles as __adoptStyles } from ${JSON.stringify(adoptModule)};` +
        `__adoptStyles(document, __parleyStyles);`;
      return { code: `${prelude}\n${code}`, map: null };
    },
  };
}

/**
 * The panel is built as an ES library (see vite.panel.config.ts), so its page is written here: the
 * template's development script tag becomes the built entry and its stylesheet.
 */
export function panelPage(template: string, base: string): Plugin {
  return {
    name: 'parley:panel-page',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle);
      const entry = files.find((file) => file.type === 'chunk' && file.isEntry);
      const styles = files.filter((file) => file.type === 'asset' && file.fileName.endsWith('.css'));
      if (!entry) throw new Error('the panel build has no entry chunk');
      const tags = [
        `<script type="module" src="${base}${entry.fileName}"></script>`,
        ...styles.map((file) => `<link rel="stylesheet" href="${base}${file.fileName}" />`),
      ].join('\n    ');
      const html = readFileSync(template, 'utf8').replace(/<script type="module" src="[^"]*"><\/script>/, tags);
      this.emitFile({ type: 'asset', fileName: 'index.html', source: html });
    },
  };
}

/**
 * The widget's locales (`shared/locales/<lng>/widget.json` and `widget-parts.json`) as plain JSON files
 * in one folder named by their content hash; the panel fetches `<folder>/<lng>/<namespace>.json`
 * (src/panel/i18n.ts reads the folder from `__PARLEY_LOCALES__`).
 */
export function localeFiles(localesDir: string, base: string): Plugin {
  const languages = readdirSync(localesDir).filter((lng) => existsSync(resolve(localesDir, lng, 'widget.json')));
  const files = new Map(
    languages.flatMap((lng) =>
      ['widget', 'widget-parts'].map((namespace) => [
        `${lng}/${namespace}`,
        JSON.stringify(JSON.parse(readFileSync(resolve(localesDir, lng, `${namespace}.json`), 'utf8'))),
      ]),
    ),
  );
  const hash = createHash('sha256').update(JSON.stringify([...files])).digest('hex').slice(0, 10);
  const folder = `assets/locales-${hash}/`;
  return {
    name: 'parley:locale-files',
    config: () => ({ define: { __PARLEY_LOCALES__: JSON.stringify(`${base}${folder}`) } }),
    generateBundle() {
      for (const [name, source] of files) this.emitFile({ type: 'asset', fileName: `${folder}${name}.json`, source });
    },
  };
}

/**
 * The panel's lazy chunks are named by their hash alone: each name is bytes in the app chunk, where
 * every `import()` spells it (about 100 B gzip for all of them). This map beside the panel (not
 * served: the server serves dist/panel) tells the size report which chunk is which part.
 */
export function chunkNameMap(file: string): Plugin {
  return {
    name: 'parley:chunk-names',
    apply: 'build',
    writeBundle(_options, bundle) {
      const names: Record<string, string> = {};
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk' && !output.isEntry) names[output.fileName] = output.name;
      }
      writeFileSync(file, `${JSON.stringify(names, null, 2)}\n`);
    },
  };
}
