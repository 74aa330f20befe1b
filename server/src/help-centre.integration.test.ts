/** The public help centre over a real server: pages in the reader's language, links between translations, votes. */
import type { KbArticle } from '@parley/shared';
import { seedKnowledgeBase } from './test-support/kb-seed';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let seeded: Map<string, KbArticle>;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  seeded = await seedKnowledgeBase(server.store, server.site.id);
  base = `${server.url}/help/${server.site.key}`;
  const at = new Date().toISOString();
  const billing = await server.store.saveKbCategory({ siteId: server.site.id, slug: 'billing', names: { en: 'Billing', ru: 'Оплата' }, position: 1, at });
  for (const key of ['refund', 'refund-ru']) {
    await server.store.updateArticle({ id: seeded.get(key)?.id ?? '', siteId: server.site.id, changes: { categoryId: billing.id }, at });
  }
  const arabic = await server.store.createArticle({
    siteId: server.site.id, categoryId: null, language: 'ar', translationGroupId: seeded.get('refund')?.translationGroupId ?? null,
    slug: 'استرداد-المبلغ', title: 'طلب استرداد المبلغ', summary: 'استرداد خلال 30 يومًا.', bodyMarkdown: 'اكتب لنا رقم الطلب.', at,
  });
  await server.store.updateArticle({ id: arabic.id, siteId: server.site.id, changes: { status: 'published' }, at });
  const hostile = await server.store.createArticle({
    siteId: server.site.id, categoryId: null, language: 'en', translationGroupId: null, slug: 'hostile', title: '<b>Hostile</b> "title"',
    summary: '', bodyMarkdown: '<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>', at,
  });
  await server.store.updateArticle({ id: hostile.id, siteId: server.site.id, changes: { status: 'published' }, at });
});
afterAll(async () => {
  await server.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
const page = async (path: string, headers: Record<string, string> = {}) => {
  const response = await get(path, headers);
  return { status: response.status, headers: response.headers, html: await response.text() };
};
const links = (html: string, rel: string) =>
  [...html.matchAll(new RegExp(`<link rel="${rel}"(?: hreflang="([^"]+)")? href="([^"]+)">`, 'g'))].map((m) => (m[1] ? `${m[1]} ${m[2]}` : m[2]));

test('the home page speaks the reader\'s language, lists categories, and links every language version', async () => {
  const ru = await page('', { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' });
  expect(ru.status).toBe(200);
  expect(ru.headers.get('cache-control')).toBe('public, max-age=60');
  expect(ru.headers.get('vary')).toContain('Accept-Language');
  expect(ru.html).toContain('<html lang="ru" dir="ltr">');
  expect(ru.html).toContain('<title>Справочный центр Acme Support</title>'.replace('Acme Support', server.site.name));
  expect(ru.html).toContain('<h2>Оплата</h2>');
  expect(ru.html).toContain('Как сбросить пароль');
  expect(ru.html).not.toContain('Reset your password');
  expect(links(ru.html, 'canonical')).toEqual([`http://127.0.0.1/help/${server.site.key}?lang=ru`]);
  expect(links(ru.html, 'alternate')).toEqual([
    `ar http://127.0.0.1/help/${server.site.key}?lang=ar`,
    `en http://127.0.0.1/help/${server.site.key}?lang=en`,
    `es http://127.0.0.1/help/${server.site.key}?lang=es`,
    `ru http://127.0.0.1/help/${server.site.key}?lang=ru`,
    `x-default http://127.0.0.1/help/${server.site.key}`,
  ]);

  const es = await page('?lang=es', { 'accept-language': 'ru' });
  expect(es.html).toContain('<html lang="es" dir="ltr">');
  expect(es.html).toContain('¿En qué podemos ayudarle?');
  const unknown = await page('', { 'accept-language': 'ja' });
  expect(unknown.html).toContain('<html lang="en" dir="ltr">');
  expect(unknown.html).not.toContain('Invoices for companies');
});

test('an article page is indexable, links its translations, and has no script anywhere', async () => {
  const { status, headers, html } = await page('/en/reset-password');
  expect(status).toBe(200);
  expect(html).toContain(`<title>Reset your password · ${server.site.name}</title>`);
  expect(html).toContain('<meta name="description" content="Forgot your password? Get a reset link by e-mail.">');
  expect(links(html, 'canonical')).toEqual([`http://127.0.0.1/help/${server.site.key}/en/reset-password`]);
  expect(links(html, 'alternate').sort()).toEqual([
    `en http://127.0.0.1/help/${server.site.key}/en/reset-password`,
    `es http://127.0.0.1/help/${server.site.key}/es/reset-password-es`,
    `ru http://127.0.0.1/help/${server.site.key}/ru/reset-password-ru`,
    `x-default http://127.0.0.1/help/${server.site.key}/en/reset-password`,
  ]);
  expect(html).toContain('<strong>Sign in</strong>');
  expect(html).toContain('lang="ru">Русский</a>');
  expect(html).toContain(`<form method="post" action="/help/${server.site.key}/en/reset-password/vote">`);
  expect(html).not.toMatch(/<script/i);
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toMatch(/script-src|unsafe-inline/);
});

test('Arabic articles are right to left, Russian ones in Russian', async () => {
  const ar = await page(`/ar/${encodeURIComponent('استرداد-المبلغ')}`);
  expect(ar.status).toBe(200);
  expect(ar.html).toContain('<html lang="ar" dir="rtl">');
  expect(ar.html).toContain('هل كانت هذه المقالة مفيدة؟');
  const ru = await page('/ru/refund-ru');
  expect(ru.html).toContain('<html lang="ru" dir="ltr">');
  expect(ru.html).toContain('Статья была полезной?');
  expect(ru.html).toContain('<p class="meta">Оплата</p>');
});

test('hostile article text is escaped or removed', async () => {
  const { html } = await page('/en/hostile');
  expect(html).toContain('<h1>&#60;b&#62;Hostile&#60;/b&#62; &#34;title&#34;</h1>');
  expect(html).not.toMatch(/<script|<img|href="javascript:/i);
  expect(html).not.toMatch(/<[^>]*\son\w+=/i);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('unknown sites, languages, slugs and drafts are 404 pages in the reader\'s language', async () => {
  const missing = await fetch(`${server.url}/help/no_such_site_key`, { headers: { 'accept-language': 'de' } });
  expect(missing.status).toBe(404);
  const missingHtml = await missing.text();
  expect(missingHtml).toContain('<html lang="de" dir="ltr">');
  expect(missingHtml).toContain('Seite nicht gefunden');
  expect(missingHtml).toContain('<meta name="robots" content="noindex">');
  for (const path of ['/en/no-such-article', '/en/invoice-draft', '/xx-yy/reset-password', '/ru/reset-password', '/EN/Reset']) {
    expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
  }
  // A missing article of a site that is there: still under the site's own name.
  const { html: missingArticle } = await page('/en/no-such-article');
  expect(missingArticle).toContain(`<strong>${server.site.name} Help Centre</strong>`);
  expect((await fetch(`${server.url}/help/x`)).status).toBe(404);
});

test('search finds published articles in the chosen language and survives FTS syntax', async () => {
  const ru = await page(`/search?lang=ru&q=${encodeURIComponent('сбросить пароль')}`);
  expect(ru.status).toBe(200);
  expect(ru.html).toContain('<meta name="robots" content="noindex">');
  expect(ru.html).toContain(`href="/help/${server.site.key}/ru/reset-password-ru"`);
  const hostile = await page(`/search?q=${encodeURIComponent('"AND OR * NEAR(')}`);
  expect(hostile.status).toBe(200);
  const drafts = await page('/search?lang=en&q=VAT');
  expect(drafts.html).not.toContain('invoice-draft');
  expect(drafts.html).toContain('Nothing found');
  const empty = await page('/search');
  expect(empty.html).toContain('Type a few words');
});

test('the sitemap lists published articles with their translations', async () => {
  const response = await get('/sitemap.xml');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/xml');
  const xml = await response.text();
  expect(xml).toContain(`<loc>http://127.0.0.1/help/${server.site.key}/en/reset-password</loc>`);
  expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="ru" href="http://127.0.0.1/help/${server.site.key}/ru/reset-password-ru"/>`);
  expect(xml).not.toContain('invoice-draft');
  const publishedSeed = [...seeded.values()].filter((a) => a.status === 'published').length;
  // The home page, the seed's published articles, the Arabic translation and the hostile article.
  expect((xml.match(/<url>/g) ?? []).length).toBe(1 + publishedSeed + 1 + 1);
  expect((await fetch(`${server.url}/help/no_such_site_key/sitemap.xml`)).status).toBe(404);
});

test('"did this help?" is a plain form: one vote per browser, a thank-you after the redirect', async () => {
  const vote = (helpful: string, cookie?: string) =>
    fetch(`${base}/en/shipping/vote`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: `helpful=${helpful}`,
    });
  const first = await vote('yes');
  expect(first.status).toBe(303);
  expect(first.headers.get('location')).toBe(`/help/${server.site.key}/en/shipping?voted=1`);
  const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^parley_kb_voter=[A-Za-z0-9_-]{22}$/);
  expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  await vote('yes', cookie);
  await vote('no');
  const stored = await server.store.findArticle(seeded.get('shipping')?.id ?? '');
  expect(stored).toMatchObject({ helpfulCount: 1, notHelpfulCount: 1 });
  expect((await vote('maybe', cookie)).status).toBe(404);
  const thanks = await page('/en/shipping?voted=1');
  expect(thanks.html).toContain('Thank you for your feedback!');
  expect(thanks.headers.get('cache-control')).toBe('no-store');
});

test('the help centre offers only the site\'s languages, and the site\'s default when the reader wants none of them', async () => {
  await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['ru', 'en'], default: 'ru' } });
  try {
    const es = await page('', { 'accept-language': 'es-ES,ja;q=0.8' });
    expect(es.html).toContain('<html lang="ru" dir="ltr">');
    expect(links(es.html, 'alternate')).toEqual([
      `en http://127.0.0.1/help/${server.site.key}?lang=en`,
      `ru http://127.0.0.1/help/${server.site.key}?lang=ru`,
      `x-default http://127.0.0.1/help/${server.site.key}`,
    ]);
    expect((await page('?lang=es')).html).toContain('<html lang="ru" dir="ltr">');
    expect((await page('', { 'accept-language': 'en' })).html).toContain('<html lang="en" dir="ltr">');
    // Spanish and Arabic articles are not offered: no page, no link to them, not in the sitemap.
    expect((await get('/es/reset-password-es')).status).toBe(404);
    const article = await page('/en/reset-password');
    // x-default is the version in the site's default language, Russian here.
    expect(links(article.html, 'alternate').sort()).toEqual([
      `en http://127.0.0.1/help/${server.site.key}/en/reset-password`,
      `ru http://127.0.0.1/help/${server.site.key}/ru/reset-password-ru`,
      `x-default http://127.0.0.1/help/${server.site.key}/ru/reset-password-ru`,
    ]);
    const xml = await (await get('/sitemap.xml')).text();
    expect(xml).not.toMatch(/\/(es|ar)\//);
    expect(xml).toContain(`/ru/reset-password-ru</loc>`);
  } finally {
    await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'], default: 'en' } });
  }
});
