// The widget's cost to a customer's page: Lighthouse (npm, from the e2e package) on Debian's Chromium over
// the same plain host page without and with the snippet, served locally with the built Parley server
// (server/dist/main.js) behind the snippet, N runs each (interleaved), medians. Plus the gzip -9 and
// brotli sizes of what the widget sends (bench/lib/widget-sizes.mjs). Writes bench/results/widget.json.
//
// Two placements of the host page: on another site than Parley (localhost vs 127.0.0.1, as on a real
// customer domain: the panel iframe is cross-site and, with site isolation, runs in its own process), and
// on the same site (127.0.0.1, another port: the iframe shares the page's main thread, as on phones
// without full site isolation). The cross-site figures are the headline ones.
//
// Run: pnpm build && node bench/widget-lighthouse.mjs [runsPerPage=5]
/* global fetch -- Node 20 has it built in */
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './lib/deps.mjs';
import { startParleyServer } from './lib/processes.mjs';
import { writeResult } from './lib/results.mjs';
import { widgetSizes } from './lib/widget-sizes.mjs';

const RUNS = Math.max(3, Number(process.argv[2] ?? 5));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags the e2e suite uses on this machine (e2e/support/browser.ts); nothing is downloaded or synced.
const CHROME_FLAGS = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'e2e/support/chromium-flags.json'), 'utf8'));

// Lighthouse and chrome-launcher are dev dependencies of @parley/e2e (ES modules without an exports map).
const requireFromE2e = createRequire(path.join(REPO_ROOT, 'e2e/package.json'));
const importFromE2e = (name) => import(pathToFileURL(requireFromE2e.resolve(name)).href);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

function hostPage({ snippet }) {
  const paragraphs = Array.from(
    { length: 6 },
    (_, i) =>
      `<p>Tea ${i + 1}: a plain page of text, a heading and a list, the way a small shop's page starts. ` +
      'Leaves from the hills, rolled by hand, dried in the shade and packed the same week.</p>',
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="A plain host page for the Parley widget benchmark">
<title>Acme Tea Shop</title>
<style>body{font:16px/1.6 system-ui,sans-serif;margin:0 auto;max-width:720px;padding:24px;color:#1f2933}</style>
</head>
<body>
<header><h1>Acme Tea Shop</h1></header>
<main>
<h2>Our teas</h2>
${paragraphs}
<ul><li>Green</li><li>Oolong</li><li>Black</li></ul>
</main>
${snippet}
</body>
</html>`;
}

async function startHostServer(pages) {
  const server = http.createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://host.invalid').pathname];
    if (body === undefined) return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, stop: () => new Promise((resolve) => server.close(resolve)) };
}

function figuresOf(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue ?? null;
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const urls = requests.map((item) => item.url);
  // What the browser really did on this machine, beside Lantern's simulated slow-4G figures.
  const observed = lhr.audits.metrics?.details?.items?.[0] ?? {};
  const lcpElement = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  return {
    score: round((lhr.categories.performance.score ?? 0) * 100),
    totalBlockingTimeMs: audit('total-blocking-time'),
    cumulativeLayoutShift: audit('cumulative-layout-shift'),
    firstContentfulPaintMs: audit('first-contentful-paint'),
    largestContentfulPaintMs: audit('largest-contentful-paint'),
    speedIndexMs: audit('speed-index'),
    observedFirstContentfulPaintMs: observed.observedFirstContentfulPaint ?? null,
    observedLargestContentfulPaintMs: observed.observedLargestContentfulPaint ?? null,
    observedLoadMs: observed.observedLoad ?? null,
    largestContentfulPaintElement: lcpElement?.selector ?? null,
    totalByteWeight: audit('total-byte-weight'),
    mainThreadWorkMs: audit('mainthread-work-breakdown'),
    requests: requests.length,
    loaderRequested: urls.some((url) => /\/widget\.js(\?|$)/.test(url)),
    panelRequested: urls.some((url) => /\/panel\/assets\/index-[^/]+\.js$/.test(url)),
    runtimeError: lhr.runtimeError?.code ?? null,
    warnings: lhr.runWarnings ?? [],
  };
}

function summarise(runs) {
  const pick = (key) => runs.map((run) => run[key]).filter((value) => typeof value === 'number');
  const keys = [
    'score',
    'totalBlockingTimeMs',
    'cumulativeLayoutShift',
    'firstContentfulPaintMs',
    'largestContentfulPaintMs',
    'speedIndexMs',
    'observedFirstContentfulPaintMs',
    'observedLargestContentfulPaintMs',
    'observedLoadMs',
    'totalByteWeight',
    'mainThreadWorkMs',
    'requests',
  ];
  return Object.fromEntries(keys.map((key) => [key, round(median(pick(key)), key === 'cumulativeLayoutShift' ? 4 : 0)]));
}

async function measure({ lighthouse, port, urls }) {
  const runs = { without: [], with: [] };
  // Interleaved, so a slow spell of the machine falls on both pages alike.
  for (let i = 0; i < RUNS; i += 1) {
    for (const variant of ['without', 'with']) {
      const result = await lighthouse(urls[variant], {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
      });
      const figures = figuresOf(result.lhr);
      if (figures.runtimeError) throw new Error(`Lighthouse on ${urls[variant]}: ${figures.runtimeError}`);
      if (variant === 'with' && !figures.loaderRequested) throw new Error('the snippet page did not load widget.js');
      runs[variant].push(figures);
      console.log(
        `  run ${i + 1}/${RUNS} ${variant.padEnd(7)} score ${figures.score}  TBT ${round(figures.totalBlockingTimeMs)} ms  ` +
          `CLS ${round(figures.cumulativeLayoutShift, 4)}  LCP ${round(figures.largestContentfulPaintMs)} ms ` +
          `(observed ${round(figures.observedLargestContentfulPaintMs)} ms, ${figures.largestContentfulPaintElement})  ` +
          `${figures.requests} requests${variant === 'with' ? `, panel ${figures.panelRequested ? 'loaded' : 'not loaded'} in the trace` : ''}`,
      );
    }
  }
  const without = summarise(runs.without);
  const withWidget = summarise(runs.with);
  return {
    urls,
    medianWithout: without,
    medianWith: withWidget,
    lighthouseScoreDelta: withWidget.score - without.score,
    totalBlockingTimeDeltaMs: withWidget.totalBlockingTimeMs - without.totalBlockingTimeMs,
    cumulativeLayoutShift: withWidget.cumulativeLayoutShift,
    panelLoadedInTraceRuns: runs.with.filter((run) => run.panelRequested).length,
    runs,
  };
}

async function main() {
  const sizes = widgetSizes();
  console.log(
    `widget sizes: loader ${sizes.loaderGzipBytes} B gzip / ${sizes.loaderBrotliBytes} B brotli, panel initial ` +
      `${sizes.panelGzipBytes} B gzip / ${sizes.panelBrotliBytes} B brotli, largest locale ${sizes.localeMaxGzipBytes} B gzip (${sizes.localeMaxGzipLocale})`,
  );

  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([
    importFromE2e('lighthouse'),
    importFromE2e('chrome-launcher'),
  ]);
  const lighthouseVersion = requireFromE2e('lighthouse/package.json').version;
  const parley = await startParleyServer();
  const siteKey = /data-site="([^"]+)"/.exec(await (await fetch(`${parley.url}/demo`)).text())?.[1];
  if (!siteKey) throw new Error('no site key on the demo page');
  const snippet = `<script async src="${parley.url}/widget.js" data-site="${siteKey}"></script>`;
  const host = await startHostServer({ '/plain': hostPage({ snippet: '' }), '/with-widget': hostPage({ snippet }) });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'error' });
  try {
    const browserVersion = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()).Browser;
    const placements = {};
    for (const [name, hostname] of [
      ['crossSite', 'localhost'],
      ['sameSite', '127.0.0.1'],
    ]) {
      console.log(`${name}: host page on http://${hostname}:${host.port}, Parley on ${parley.url}`);
      placements[name] = await measure({
        lighthouse,
        port: chrome.port,
        urls: {
          without: `http://${hostname}:${host.port}/plain`,
          with: `http://${hostname}:${host.port}/with-widget`,
        },
      });
    }
    const headline = placements.crossSite;
    const file = writeResult('widget', {
      description:
        'Widget sizes (gzip -9, brotli q11) from widget/dist, and Lighthouse performance medians of a plain host page ' +
        'without and with the snippet (cross-site headline; same-site in placements)',
      ...sizes,
      lighthouseScoreDelta: headline.lighthouseScoreDelta,
      totalBlockingTimeDeltaMs: headline.totalBlockingTimeDeltaMs,
      cumulativeLayoutShift: headline.cumulativeLayoutShift,
      lighthouse: {
        version: lighthouseVersion,
        browser: browserVersion,
        chromePath: CHROMIUM,
        chromeFlags: CHROME_FLAGS,
        settings: 'default config: mobile form factor and screen emulation, simulated throttling (Lantern), performance category only',
        runsPerPage: RUNS,
        statistic: 'median per metric over the runs',
      },
      placements,
    });
    for (const [name, placement] of Object.entries(placements)) {
      console.log(
        `${name}: score ${placement.medianWithout.score} -> ${placement.medianWith.score} (delta ${placement.lighthouseScoreDelta}), ` +
          `TBT ${placement.medianWithout.totalBlockingTimeMs} -> ${placement.medianWith.totalBlockingTimeMs} ms ` +
          `(delta ${placement.totalBlockingTimeDeltaMs} ms), CLS with the widget ${placement.cumulativeLayoutShift}, ` +
          `panel in the trace ${placement.panelLoadedInTraceRuns}/${RUNS}`,
      );
    }
    console.log(`wrote ${file}`);
  } finally {
    chrome.kill();
    await host.stop();
    await parley.stop();
  }
}

await main();
