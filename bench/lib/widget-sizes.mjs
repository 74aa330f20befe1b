// What a visitor downloads for the widget, from widget/dist, gzip -9 and brotli (quality 11): the loader
// (widget.js), the panel's initial load (what widget/dist/panel/index.html references, plus the chunks
// those import statically; the styles travel inside the JS) and each locale file (one is fetched at start).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT } from './deps.mjs';

const DIST = path.join(REPO_ROOT, 'widget/dist');

function compressed(file) {
  const bytes = fs.readFileSync(file);
  return {
    raw: bytes.length,
    // Same deflate stream as `gzip -9 -n` (no name or time in the header), as widget/scripts/report-sizes.mjs.
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const sum = (sizes) =>
  sizes.reduce((total, size) => ({ raw: total.raw + size.raw, gzip: total.gzip + size.gzip, brotli: total.brotli + size.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });

/** The panel's initial assets, relative to dist/panel: index.html's scripts and stylesheets and their static imports. */
export function panelInitialAssets(panelDir = path.join(DIST, 'panel')) {
  const html = fs.readFileSync(path.join(panelDir, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/panel\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]);
  for (const asset of assets) {
    if (!asset.endsWith('.js')) continue;
    const code = fs.readFileSync(path.join(panelDir, asset), 'utf8');
    for (const [, specifier] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g)) {
      const resolved = path.posix.join(path.posix.dirname(asset), specifier);
      if (!assets.includes(resolved)) assets.push(resolved);
    }
  }
  if (assets.length === 0) throw new Error(`no script in ${path.join(panelDir, 'index.html')}`);
  return assets;
}

export function widgetSizes() {
  const loaderFile = path.join(DIST, 'widget.js');
  if (!fs.existsSync(loaderFile)) throw new Error(`${loaderFile} is missing: run pnpm build first`);
  const panelDir = path.join(DIST, 'panel');
  const initial = panelInitialAssets(panelDir).map((asset) => ({ asset, ...compressed(path.join(panelDir, asset)) }));
  const assetsDir = path.join(panelDir, 'assets');
  const localeFolders = fs.readdirSync(assetsDir).filter((name) => name.startsWith('locales-'));
  // locales-<hash>/<lng>/<namespace>.json: `widget` fetched at start, `widget-parts` with the first on-demand part.
  const locales = localeFolders.flatMap((folder) =>
    fs
      .readdirSync(path.join(assetsDir, folder), { recursive: true })
      .filter((file) => String(file).endsWith('.json'))
      .map((file) => ({
        locale: String(file).replace(/\.json$/, ''),
        ...compressed(path.join(assetsDir, folder, String(file))),
      })),
  );
  if (locales.length === 0) throw new Error(`no locale files under ${assetsDir}/locales-*`);
  const largest = (key) => locales.reduce((best, locale) => (locale[key] > best[key] ? locale : best));
  const loader = compressed(loaderFile);
  const panel = sum(initial);
  return {
    loaderGzipBytes: loader.gzip,
    loaderBrotliBytes: loader.brotli,
    loaderRawBytes: loader.raw,
    panelGzipBytes: panel.gzip,
    panelBrotliBytes: panel.brotli,
    panelRawBytes: panel.raw,
    panelInitialAssets: initial,
    localeMaxGzipBytes: largest('gzip').gzip,
    localeMaxGzipLocale: largest('gzip').locale,
    localeMaxBrotliBytes: largest('brotli').brotli,
    localeMaxBrotliLocale: largest('brotli').locale,
    locales: locales.sort((a, b) => a.locale.localeCompare(b.locale)),
  };
}
