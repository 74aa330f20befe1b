// Knowledge-base search on 1,000 articles: seeds a site (en/ru/es articles of ~400 words, a tenth of them drafts)
// plus a second site of the same size into a fresh SQLite file, then times the searches the widget, the help
// centre and the console make. Writes bench/results/kb-search.json.
// Run: node bench/kb-search.bench.mjs [articlesPerSite]   (needs no build: it bundles the TypeScript itself)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT as root } from './lib/deps.mjs';
import { loadServerCode } from './lib/server-code.mjs';

const ARTICLES = Number(process.argv[2] ?? 1000);
const RUNS = 50;

// A deterministic generator, so every run searches the same corpus.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (list) => list[Math.floor(random() * list.length)];

const TOPICS = {
  en: ['password', 'refund', 'invoice', 'shipping', 'delivery', 'account', 'subscription', 'payment', 'card', 'order', 'tracking', 'coupon', 'warranty', 'return', 'login', 'email', 'address', 'plan', 'upgrade', 'export'],
  ru: ['пароль', 'возврат', 'счёт', 'доставка', 'посылка', 'аккаунт', 'подписка', 'оплата', 'карта', 'заказ', 'трек', 'купон', 'гарантия', 'обмен', 'вход', 'почта', 'адрес', 'тариф', 'продление', 'выгрузка'],
  es: ['contraseña', 'reembolso', 'factura', 'envío', 'entrega', 'cuenta', 'suscripción', 'pago', 'tarjeta', 'pedido', 'seguimiento', 'cupón', 'garantía', 'devolución', 'acceso', 'correo', 'dirección', 'plan', 'mejora', 'exportación'],
};
const FILLER = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);

function articleText(language) {
  const [a, b] = [pick(TOPICS[language]), pick(TOPICS[language])];
  const words = Array.from({ length: 400 }, () => (random() < 0.08 ? pick(TOPICS[language]) : pick(FILLER)));
  return { title: `${a} ${b} ${pick(FILLER)}`, summary: `${b} ${pick(FILLER)} ${pick(FILLER)} ${a}`, bodyMarkdown: words.join(' ') };
}

async function seedSite(store, key) {
  const site = await store.createSite({ key, name: key });
  const at = new Date().toISOString();
  for (let i = 0; i < ARTICLES; i += 1) {
    const language = ['en', 'en', 'ru', 'es'][i % 4];
    const created = await store.createArticle({
      siteId: site.id, categoryId: null, language, translationGroupId: null, slug: `article-${i}`, ...articleText(language), at,
    });
    if (i % 10 !== 0) await store.updateArticle({ id: created.id, siteId: site.id, changes: { status: 'published' }, at });
  }
  return site;
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const round = (ms) => Math.round(ms * 100) / 100;

async function time(label, run) {
  for (let i = 0; i < 5; i += 1) await run(); // warm the page cache and prepared statements
  const samples = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const result = await run();
    samples.push(performance.now() - started);
    hits = Array.isArray(result) ? result.length : (result.articles?.length ?? result.results?.length ?? result.sections?.length ?? (result.article ? 1 : 0));
  }
  const row = { label, medianMs: round(percentile(samples, 0.5)), p95Ms: round(percentile(samples, 0.95)), results: hits };
  console.log(`${label.padEnd(58)} median ${String(row.medianMs).padStart(6)} ms   p95 ${String(row.p95Ms).padStart(6)} ms   ${hits} results`);
  return row;
}

async function main() {
  const code = await loadServerCode('kb-search', `
    export { openSqliteStore } from './src/store/sqlite/sqlite.store';
    export { createKnowledgeBaseServices } from './src/domain/kb-services';
  `);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-kb-bench-'));
  try {
    const store = code.openSqliteStore({ filename: path.join(dir, 'parley.sqlite') });
    const seedStarted = performance.now();
    const site = await seedSite(store, 'bench_site_one');
    await seedSite(store, 'bench_site_two');
    const seedMs = performance.now() - seedStarted;
    console.log(`seeded ${ARTICLES} articles per site on 2 sites in ${Math.round(seedMs)} ms (${round(seedMs / (2 * ARTICLES))} ms per article, FTS included)`);
    const kb = code.createKnowledgeBaseServices({ store, publicUrl: 'https://help.example' });
    const search = (language, query) => () => store.searchArticles({ siteId: site.id, language, query, limit: 10, publishedOnly: true });
    const rows = [
      await time('store search en, one word ("refund")', search('en', 'refund')),
      await time('store search en, sentence (7 words)', search('en', 'how do I get a refund for my order')),
      await time('store search en, prefix of a common word ("pass")', search('en', 'pass')),
      await time('store search ru, accents/ё folded ("счет оплата")', search('ru', 'счет оплата')),
      await time('store search es, no accent ("contrasena")', search('es', 'contrasena')),
      await time('store search, FTS operators typed ("AND OR * NEAR(")', search('en', '"AND OR * NEAR(')),
      await time('widget kb:suggest ru visitor (ru, then en fallback)', () => kb.selfService.suggest({ siteId: site.id, locale: 'ru-RU', text: 'не могу оплатить заказ картой' })),
      await time('help centre home (list, group by category)', () => kb.helpCentre.home({ siteKey: 'bench_site_one', preferred: ['en'] })),
      await time('help centre article page data (render Markdown, cached)', () => kb.helpCentre.article({ siteKey: 'bench_site_one', language: 'en', slug: 'article-1' })),
      await time('help centre search page data', () => kb.helpCentre.search({ siteKey: 'bench_site_one', preferred: ['ru'], query: 'оплата заказа' })),
    ];
    await store.close();
    const result = {
      benchmark: 'kb-search', articlesPerSite: ARTICLES, sites: 2, wordsPerArticle: 400, runs: RUNS, seedMs: Math.round(seedMs),
      node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus()[0]?.model ?? 'unknown', rows,
    };
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', 'kb-search.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
