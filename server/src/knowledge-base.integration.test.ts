/** The knowledge base over a real server: admin REST, visitor socket events, votes, deflection, the status notice. */
import type { ApiError, KbArticleSummary, KbArticleView, KbStats, PublicSiteConfig, StatusNotice } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { connectVisitor, login, unwrap, type VisitorClient } from './test-support/clients';
import { seedKnowledgeBase } from './test-support/kb-seed';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let adminToken: string;
let agentToken: string;

beforeEach(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
  const agent = await addAgent(server, { name: 'Reader' });
  server.track(agent.socket);
  agentToken = (await login(server.url, agent.agent.email, 'test agent password')).token;
});
afterEach(() => server.stop());

const api = (path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) =>
  fetch(`${server.url}/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? adminToken}` }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
const json = async <T>(response: Response, status: number): Promise<T> => {
  expect({ status: response.status }).toEqual({ status });
  return (await response.json()) as T;
};

async function visitor(locale: string): Promise<VisitorClient> {
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key, locale });
  server.track(socket);
  return socket;
}

test('admins write articles and categories, agents only read, and bad input is refused', async () => {
  const article = { language: 'en', title: 'Reset your password!', summary: 'Forgot it?', bodyMarkdown: 'Click **Forgot password**.' };
  expect((await api('/kb/articles', { method: 'POST', body: article, token: agentToken })).status).toBe(403);
  expect((await api('/kb/articles', { method: 'POST', body: article, token: null })).status).toBe(401);
  const created = await json<KbArticleView>(await api('/kb/articles', { method: 'POST', body: article }), 201);
  expect(created.article).toMatchObject({ slug: 'reset-your-password', status: 'draft', language: 'en' });
  expect(created.html).toBe('<p>Click <strong>Forgot password</strong>.</p>\n');
  expect(created.url).toBe(`http://127.0.0.1/help/${server.site.key}/en/reset-your-password`);

  const namesake = await json<KbArticleView>(await api('/kb/articles', { method: 'POST', body: article }), 201);
  expect(namesake.article.slug).toBe('reset-your-password-2');
  // A taken address is refused on its field, which the editor shows it by.
  const taken = await api('/kb/articles', { method: 'POST', body: { ...article, slug: 'reset-your-password' } });
  expect(taken.status).toBe(400);
  expect(((await taken.json()) as ApiError).error.issues).toEqual([
    { path: 'slug', message: 'another article in this language already uses this address.' },
  ]);
  for (const bad of [{ ...article, extra: 1 }, { ...article, title: 'x'.repeat(201) }, { ...article, language: 'english' }, { ...article, slug: 'Bad Slug' }]) {
    expect((await api('/kb/articles', { method: 'POST', body: bad })).status).toBe(400);
  }

  const ru = { language: 'ru', title: 'Как сбросить пароль', bodyMarkdown: 'Нажмите «Забыли пароль».', translationOf: created.article.id };
  const translation = await json<KbArticleView>(await api('/kb/articles', { method: 'POST', body: ru }), 201);
  expect(translation.article).toMatchObject({ slug: 'как-сбросить-пароль', translationGroupId: created.article.translationGroupId });
  expect(translation.translations.map((t) => t.language)).toEqual(['en']);
  expect((await api('/kb/articles', { method: 'POST', body: { ...ru, title: 'Ещё один перевод' } })).status).toBe(400);

  // A long article in Cyrillic is well past the 64 KB every other API body is held to.
  const long = { language: 'ru', title: 'Длинная статья', bodyMarkdown: 'Очень длинный текст. '.repeat(3000) };
  expect((await api('/kb/articles', { method: 'POST', body: long })).status).toBe(201);

  expect((await api(`/kb/articles/${created.article.id}/publish`, { method: 'POST', token: agentToken })).status).toBe(403);
  const published = await json<KbArticleView>(await api(`/kb/articles/${created.article.id}/publish`, { method: 'POST' }), 200);
  expect(published.article.status).toBe('published');
  const listed = await json<{ articles: KbArticleSummary[] }>(await api('/kb/articles?status=published', { token: agentToken }), 200);
  expect(listed.articles.map((a) => a.id)).toEqual([created.article.id]);
  const read = await json<KbArticleView>(await api(`/kb/articles/${translation.article.id}`, { token: agentToken }), 200);
  expect(read.article.bodyMarkdown).toBe('Нажмите «Забыли пароль».');

  const patched = await json<KbArticleView>(await api(`/kb/articles/${created.article.id}`, { method: 'PATCH', body: { title: 'Reset a password' } }), 200);
  expect(patched.article).toMatchObject({ title: 'Reset a password', slug: 'reset-your-password', status: 'published' });
  expect((await api(`/kb/articles/${created.article.id}`, { method: 'PATCH', body: {} })).status).toBe(400);
  expect((await api(`/kb/articles/${namesake.article.id}`, { method: 'DELETE', token: agentToken })).status).toBe(403);
  expect((await api(`/kb/articles/${namesake.article.id}`, { method: 'DELETE' })).status).toBe(204);
  expect((await api(`/kb/articles/${namesake.article.id}`)).status).toBe(404);

  expect((await api('/kb/categories', { method: 'POST', body: { slug: 'billing', names: { en: 'Billing' } }, token: agentToken })).status).toBe(403);
  const { category } = await json<{ category: { id: string } }>(
    await api('/kb/categories', { method: 'POST', body: { slug: 'billing', names: { en: 'Billing', ru: 'Оплата' } } }), 201,
  );
  expect((await api('/kb/categories', { method: 'POST', body: { slug: 'billing', names: { en: 'Again' } } })).status).toBe(400);
  expect((await api(`/kb/articles/${created.article.id}`, { method: 'PATCH', body: { categoryId: 'no-such-category' } })).status).toBe(400);
  expect((await api(`/kb/articles/${created.article.id}`, { method: 'PATCH', body: { categoryId: category.id } })).status).toBe(200);
});

test('agents search the knowledge base, drafts included unless they ask for published ones', async () => {
  const seeded = await seedKnowledgeBase(server.store, server.site.id);
  const drafts = await json<{ hits: { article: KbArticleSummary; url: string }[] }>(await api('/kb/search?q=VAT%20invoices', { token: agentToken }), 200);
  expect(drafts.hits[0]?.article.id).toBe(seeded.get('invoice-draft')?.id);
  const publishedOnly = await json<{ hits: { article: KbArticleSummary }[] }>(await api('/kb/search?q=VAT%20invoices&status=published', { token: agentToken }), 200);
  expect(publishedOnly.hits.map((h) => h.article.slug)).toEqual(['delete-account']);
  const russian = await json<{ hits: { article: KbArticleSummary; url: string }[] }>(
    await api(`/kb/search?q=${encodeURIComponent('сбросить пароль')}&language=ru`, { token: agentToken }), 200,
  );
  expect(russian.hits[0]?.article.id).toBe(seeded.get('reset-password-ru')?.id);
  expect(russian.hits[0]?.url).toContain(`/help/${server.site.key}/ru/reset-password-ru`);
  expect((await api('/kb/search?q=', { token: agentToken })).status).toBe(400);
  expect((await api(`/kb/search?q=${encodeURIComponent('"AND OR * NEAR(')}`, { token: agentToken })).status).toBe(200);
});

test('the widget gets suggestions in the visitor language first, then English, never drafts or other sites', async () => {
  const seeded = await seedKnowledgeBase(server.store, server.site.id);
  const other = await server.store.createSite({ key: 'other_site_key', name: 'Other' });
  await seedKnowledgeBase(server.store, other.id);
  const id = (key: string) => seeded.get(key)?.id;

  const ru = await visitor('ru-RU');
  const reset = unwrap(await ru.emitWithAck('kb:suggest', { text: 'Как сбросить пароль?' }));
  expect(reset.articles[0]).toMatchObject({ id: id('reset-password-ru'), language: 'ru', url: expect.stringContaining('/ru/reset-password-ru') });
  expect(reset.bestMatch?.id).toBe(id('reset-password-ru'));
  expect(reset.articles.every((a) => [...seeded.values()].some((s) => s.id === a.id))).toBe(true);
  expect(reset.articles[0]).not.toHaveProperty('helpfulCount');

  const twoFactor = unwrap(await ru.emitWithAck('kb:suggest', { text: 'How do I turn on two factor authentication?' }));
  expect(twoFactor.bestMatch).toMatchObject({ id: id('two-factor'), language: 'en' });

  const es = await visitor('es');
  const password = unwrap(await es.emitWithAck('kb:suggest', { text: 'Olvidé mi contrasena' }));
  expect(password.articles[0]?.id).toBe(id('reset-password-es'));

  const en = await visitor('en-GB');
  const invoices = unwrap(await en.emitWithAck('kb:suggest', { text: 'VAT invoices for my company' }));
  expect(invoices.articles.map((a) => a.id)).not.toContain(id('invoice-draft'));
  const unrelated = unwrap(await en.emitWithAck('kb:suggest', { text: 'Can I bring my dog to the office?' }));
  expect(unrelated.bestMatch).toBeNull();
  expect(await en.emitWithAck('kb:suggest', { text: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(unwrap(await en.emitWithAck('kb:suggest', { text: '"AND OR * NEAR(' })).articles).toBeDefined();
});

test('a question the visitor\'s language has no article for is answered in the site\'s default language', async () => {
  const seeded = await seedKnowledgeBase(server.store, server.site.id);
  await server.store.updateSiteSettings(server.site.id, { languages: { offered: ['es', 'de', 'en'], default: 'es' } });
  // No German articles: the Spanish one answers, though an English one exists too.
  const de = await visitor('de-DE');
  const password = unwrap(await de.emitWithAck('kb:suggest', { text: 'Olvidé mi contrasena' }));
  expect(password.articles[0]).toMatchObject({ id: seeded.get('reset-password-es')?.id, language: 'es' });
  const english = unwrap(await de.emitWithAck('kb:suggest', { text: 'How do I reset my password?' }));
  expect(english.articles.map((a) => a.language)).not.toContain('en');
});

test('a visitor reads a published article as sanitised HTML with its translations; drafts stay hidden', async () => {
  const seeded = await seedKnowledgeBase(server.store, server.site.id);
  const evil = await json<KbArticleView>(await api('/kb/articles', {
    method: 'POST',
    body: { language: 'en', title: 'Evil', bodyMarkdown: '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://ok.example)' },
  }), 201);
  await api(`/kb/articles/${evil.article.id}/publish`, { method: 'POST' });
  const en = await visitor('en');

  const article = unwrap(await en.emitWithAck('kb:article', { articleId: seeded.get('reset-password')?.id ?? '' }));
  expect(article.html).toContain('<strong>Sign in</strong>');
  expect(article.translations.map((t) => t.language).sort()).toEqual(['es', 'ru']);
  const safe = unwrap(await en.emitWithAck('kb:article', { articleId: evil.article.id }));
  expect(safe.html).not.toMatch(/<script|<img|href="javascript/i);
  expect(safe.html).toContain('<a href="https://ok.example" rel="noopener nofollow">ok</a>');

  const draft = await en.emitWithAck('kb:article', { articleId: seeded.get('invoice-draft')?.id ?? '' });
  expect(draft).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const other = await server.store.createSite({ key: 'other_site_key', name: 'Other' });
  const foreign = (await seedKnowledgeBase(server.store, other.id)).get('refund');
  expect(await en.emitWithAck('kb:article', { articleId: foreign?.id ?? '' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('each visitor counts once per vote and per deflection outcome, and admins see the totals', async () => {
  const seeded = await seedKnowledgeBase(server.store, server.site.id);
  const articleId = seeded.get('refund')?.id ?? '';
  const [first, second] = [await visitor('en'), await visitor('en')];
  unwrap(await first.emitWithAck('kb:vote', { articleId, helpful: true }));
  unwrap(await first.emitWithAck('kb:vote', { articleId, helpful: true }));
  unwrap(await second.emitWithAck('kb:vote', { articleId, helpful: true }));
  unwrap(await first.emitWithAck('kb:vote', { articleId, helpful: false }));
  unwrap(await first.emitWithAck('kb:deflection', { articleId, outcome: 'solved' }));
  unwrap(await second.emitWithAck('kb:deflection', { articleId, outcome: 'human' }));
  expect(await first.emitWithAck('kb:deflection', { articleId, outcome: 'maybe' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(await first.emitWithAck('kb:vote', { articleId: seeded.get('invoice-draft')?.id ?? '', helpful: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

  const { article } = await json<KbArticleView>(await api(`/kb/articles/${articleId}`, { token: agentToken }), 200);
  expect(article).toMatchObject({ helpfulCount: 1, notHelpfulCount: 1, solvedCount: 1, humanCount: 1 });
  const { stats } = await json<{ stats: KbStats }>(await api('/kb/stats', { token: agentToken }), 200);
  expect(stats).toEqual({ articles: 14, published: 13, helpful: 1, notHelpful: 1, solved: 1, human: 1 });
});

test('the status notice shows in the widget config and the help centre until it is withdrawn', async () => {
  const config = async () => json<PublicSiteConfig>(await fetch(`${server.url}/api/widget/config?site=${server.site.key}`), 200);
  const helpCentre = async () => (await fetch(`${server.url}/help/${server.site.key}`)).text();
  expect((await config()).statusNotice).toBeNull();

  const text = 'Payments are slow, we are on it <b>now</b>';
  expect((await api('/kb/status-notice', { method: 'PUT', body: { text, severity: 'warning' }, token: agentToken })).status).toBe(403);
  expect((await api('/kb/status-notice', { method: 'PUT', body: { text, severity: 'purple' } })).status).toBe(400);
  const { notice } = await json<{ notice: StatusNotice }>(await api('/kb/status-notice', { method: 'PUT', body: { text, severity: 'warning' } }), 200);
  expect((await config()).statusNotice).toEqual({ text, severity: 'warning', postedAt: notice.postedAt });
  expect(await helpCentre()).toContain('Payments are slow, we are on it &#60;b&#62;now&#60;/b&#62;');
  expect((await json<{ notice: StatusNotice }>(await api('/kb/status-notice', { token: agentToken }), 200)).notice.id).toBe(notice.id);

  expect((await api('/kb/status-notice', { method: 'DELETE', token: agentToken })).status).toBe(403);
  const { withdrawn } = await json<{ withdrawn: StatusNotice }>(await api('/kb/status-notice', { method: 'DELETE' }), 200);
  expect(withdrawn).toMatchObject({ id: notice.id, withdrawnAt: expect.any(String) });
  expect((await config()).statusNotice).toBeNull();
  expect(await helpCentre()).not.toContain('Payments are slow');
});
