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
  expect(es.html).toContain('¿En qué podemos ayudarte?');
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

test('a script dropping the voter cookie cannot stuff the votes: past twenty an hour from one network they are thanked for, not counted', async () => {
  const from = (address: string) =>
    fetch(`${base}/en/refund/vote`, {
      method: 'POST', redirect: 'manual',
      // Sent as a proxy on this host would send it: the address is the visitor's.
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
      body: 'helpful=yes',
    });
  const id = seeded.get('refund')?.id ?? '';
  const before = (await server.store.findArticle(id))?.helpfulCount ?? 0;
  for (let n = 0; n < 25; n++) expect((await from('203.0.113.9')).status).toBe(303);
  expect((await server.store.findArticle(id))?.helpfulCount).toBe(before + 20);
  // Someone else, elsewhere, still counts.
  await from('198.51.100.7');
  expect((await server.store.findArticle(id))?.helpfulCount).toBe(before + 21);
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

test('a reader who wants none of the languages, on a site whose default has no articles, reads English, not the alphabetically first', async () => {
  await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['fr', 'ar', 'ru', 'en'], default: 'fr' } });
  try {
    expect((await page('', { 'accept-language': 'ja' })).html).toContain('<html lang="en" dir="ltr">');
    await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['fr', 'ru', 'ar'], default: 'fr' } });
    // No English either: the first language the admin listed that has articles.
    expect((await page('', { 'accept-language': 'ja' })).html).toContain('<html lang="ru" dir="ltr">');
  } finally {
    await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'], default: 'en' } });
  }
});

/** The header's language picker as a reader sees it: label, then "code name href", the current one marked. */
function picker(html: string): { label: string; options: string[] } | null {
  const nav = /<nav class="languages" aria-label="([^"]+)"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
  if (!nav) return null;
  const options = [...(nav[2] ?? '').matchAll(/<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)"( aria-current="true")?>([^<]+)<\/a>/g)]
    .map(([, href, hreflang, lang, current, name]) => `${hreflang === lang ? lang : `${hreflang}≠${lang}`} ${name} ${href}${current ? ' (current)' : ''}`);
  return { label: nav[1] ?? '', options };
}
/** Follows one of the picker's links, as a reader with a Russian browser would. */
const follow = async (html: string, language: string) => {
  const href = /<a href="([^"]+)" hreflang="([^"]+)"/g;
  const target = [...html.matchAll(href)].find((m) => m[2] === language && html.indexOf('class="languages"') < (m.index ?? 0))?.[1];
  if (!target) throw new Error(`no ${language} in the picker`);
  const response = await fetch(`${server.url}${target.replaceAll('&#38;', '&')}`, { headers: { 'accept-language': 'ru' } });
  return { status: response.status, html: await response.text() };
};

test('every page\'s header offers the help centre\'s languages, each in its own name, the current one marked', async () => {
  const key = server.site.key;
  const ru = await page('', { 'accept-language': 'ru' });
  expect(picker(ru.html)).toEqual({
    label: 'Язык',
    options: [
      `ar العربية /help/${key}?lang=ar`, `en English /help/${key}?lang=en`, `es Español /help/${key}?lang=es`, `ru Русский /help/${key}?lang=ru (current)`,
    ],
  });
  // Following a link gives the page in that language, the picker saying so.
  const es = await follow(ru.html, 'es');
  expect(es.html).toContain('<html lang="es" dir="ltr">');
  expect(es.html).toContain('Restablecer la contraseña');
  expect(picker(es.html)?.label).toBe('Idioma');
  expect(picker(es.html)?.options.filter((o) => o.endsWith('(current)'))).toEqual([`es Español /help/${key}?lang=es (current)`]);

  // Search results switch to the same search in the other language.
  const search = await page(`/search?lang=en&q=${encodeURIComponent('reset password')}`);
  expect(picker(search.html)?.options).toEqual([
    `ar العربية /help/${key}/search?lang=ar&#38;q=reset+password`, `en English /help/${key}/search?lang=en&#38;q=reset+password (current)`,
    `es Español /help/${key}/search?lang=es&#38;q=reset+password`, `ru Русский /help/${key}/search?lang=ru&#38;q=reset+password`,
  ]);
  expect((await follow(search.html, 'es')).html).toContain('<input type="search" name="q" maxlength="200" value="reset password"');

  // A missing page has the picker too, to each language's home page.
  const missing = await page('/en/no-such-article?lang=es');
  expect(missing.status).toBe(404);
  expect(picker(missing.html)?.options).toEqual([
    `ar العربية /help/${key}?lang=ar`, `en English /help/${key}?lang=en`, `es Español /help/${key}?lang=es (current)`, `ru Русский /help/${key}?lang=ru`,
  ]);
  // An unknown site has no languages to offer.
  expect(picker(await (await fetch(`${server.url}/help/no_such_site_key`)).text())).toBeNull();
});

test('the picker lists the languages the site offers, and is left out when it offers one', async () => {
  try {
    await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['ru', 'en'], default: 'ru' } });
    const ru = await page('/ru/reset-password-ru');
    expect(picker(ru.html)?.options).toEqual([
      `en English /help/${server.site.key}/en/reset-password`, `ru Русский /help/${server.site.key}/ru/reset-password-ru (current)`,
    ]);
    await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['en'], default: 'en' } });
    const en = await page('', { 'accept-language': 'ru' });
    expect(en.html).toContain('<html lang="en" dir="ltr">');
    expect(picker(en.html)).toBeNull();
  } finally {
    await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'], default: 'en' } });
  }
});

test('on an article the picker goes to its translation, else to the home page in that language, right to left in Arabic', async () => {
  const key = server.site.key;
  const en = await page('/en/reset-password');
  expect(picker(en.html)?.options).toEqual([
    `ar العربية /help/${key}?lang=ar`, `en English /help/${key}/en/reset-password (current)`,
    `es Español /help/${key}/es/reset-password-es`, `ru Русский /help/${key}/ru/reset-password-ru`,
  ]);
  const ruArticle = await follow(en.html, 'ru');
  expect(ruArticle.html).toContain('<h1>Как сбросить пароль</h1>');
  const arHome = await follow(en.html, 'ar');
  expect(arHome.status).toBe(200);
  expect(arHome.html).toContain('<html lang="ar" dir="rtl">');
  expect(arHome.html).toContain('طلب استرداد المبلغ');

  const slug = encodeURIComponent('استرداد-المبلغ');
  const ar = await page(`/ar/${slug}`);
  expect(ar.html).toContain('<html lang="ar" dir="rtl">');
  expect(picker(ar.html)).toEqual({
    label: 'اللغة',
    options: [
      `ar العربية /help/${key}/ar/${slug} (current)`, `en English /help/${key}/en/refund`,
      `es Español /help/${key}/es/refund-es`, `ru Русский /help/${key}/ru/refund-ru`,
    ],
  });
});

test('the chosen language sticks: every link within the help centre keeps it', async () => {
  /** Links and forms of the page that lead elsewhere in the help centre without the page's language. */
  const strays = (html: string, lang: string): string[] => {
    // The picker and "Also available in" lead to other languages on purpose.
    const rest = html.replace(/<nav class="languages"[\s\S]*?<\/nav>|<p class="langs">[\s\S]*?<\/p>/g, '');
    const searchKeeps = rest.includes(`<input type="hidden" name="lang" value="${lang}">`);
    return [...rest.matchAll(/(?:href|action)="(\/help\/[^"]*)"/g)]
      .map((m) => m[1] ?? '')
      .filter((target) => !target.includes(`lang=${lang}`) && !target.includes(`/${lang}/`) && !(target.endsWith('/search') && searchKeeps));
  };
  const russianBrowser = { 'accept-language': 'ru' };
  for (const path of ['?lang=es', `/search?lang=es&q=${encodeURIComponent('contraseña')}`, '/es/reset-password-es', '/es/no-such-article', '/search?lang=es&q=zzzz']) {
    const { html } = await page(path, russianBrowser);
    expect({ path, lang: /<html lang="(\w+)"/.exec(html)?.[1], strays: strays(html, 'es') }).toEqual({ path, lang: 'es', strays: [] });
  }
  const missing = await page('/es/no-such-article', russianBrowser);
  expect(missing.html).toContain(`<a href="/help/${server.site.key}?lang=es">Todos los artículos</a>`);
});

test('an unknown ?lang is ignored: the browser\'s language, else the site\'s default, never an error', async () => {
  const ru = await page('?lang=zz', { 'accept-language': 'ru' });
  expect(ru.status).toBe(200);
  expect(ru.html).toContain('<html lang="ru" dir="ltr">');
  expect(picker(ru.html)?.options.filter((o) => o.endsWith('(current)'))).toEqual([`ru Русский /help/${server.site.key}?lang=ru (current)`]);
  for (const path of ['?lang=zz', '?lang=%3Cscript%3E', '?lang=es&lang=ru', '/search?lang=zz&q=password']) {
    const { status, html } = await page(path);
    expect({ path, status, lang: /<html lang="(\w+)"/.exec(html)?.[1] }).toEqual({ path, status: 200, lang: 'en' });
  }
  const missing = await page('/en/no-such-article?lang=zz', { 'accept-language': 'ru' });
  expect(missing.status).toBe(404);
  expect(missing.html).toContain('<html lang="en" dir="ltr">');
});

test('the separators after "Also available in" and a notice\'s label are the language\'s own: full-width in Chinese', async () => {
  const at = new Date().toISOString();
  const chinese = await server.store.createArticle({
    siteId: server.site.id, categoryId: null, language: 'zh', translationGroupId: seeded.get('refund')?.translationGroupId ?? null,
    slug: '退款', title: '申请退款', summary: '30 天内退款。', bodyMarkdown: '请告诉我们订单号。', at,
  });
  await server.store.updateArticle({ id: chinese.id, siteId: server.site.id, changes: { status: 'published' }, at });
  await server.store.postStatusNotice({ siteId: server.site.id, text: '支付较慢', severity: 'warning', at });
  try {
    const { html } = await page(`/zh/${encodeURIComponent('退款')}`);
    expect(html).toContain('<p class="langs">其他语言版本：<a ');
    expect(html).toMatch(/<strong>注意<\/strong>：<bdi>支付较慢<\/bdi>/);
    expect(html).not.toMatch(/其他语言版本: |<\/strong>:/);
  } finally {
    await server.store.withdrawStatusNotice({ siteId: server.site.id, at });
  }
});
