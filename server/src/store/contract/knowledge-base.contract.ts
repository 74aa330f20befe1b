/** Contract: the knowledge base — unique slugs, relevance-ranked search in many languages, feedback, status notices. */
import { KbArticleSchema, KbArticleSummarySchema, KbCategorySchema, StatusNoticeSchema } from '@parley/shared';
import { z } from 'zod';
import { newId } from '../../tokens';
import { seedKnowledgeBase } from '../../test-support/kb-seed';
import { StoreConflictError } from '../store';
import type { ContractContext } from './context';
import { seedSite } from './seed';

const plainArticle = z.strictObject(KbArticleSchema.shape);
const plainSummary = z.strictObject(KbArticleSummarySchema.shape);
const plainCategory = z.strictObject(KbCategorySchema.shape);
const plainNotice = z.strictObject(StatusNoticeSchema.shape);
const at = () => new Date().toISOString();

export function knowledgeBaseContract(ctx: ContractContext): void {
  const draft = (siteId: string, overrides: Partial<Parameters<typeof ctx.store.createArticle>[0]> = {}) =>
    ctx.store.createArticle({
      siteId, categoryId: null, language: 'en', translationGroupId: null, slug: `a-${newId().toLowerCase()}`,
      title: 'Title', summary: '', bodyMarkdown: 'Body', at: at(), ...overrides,
    });

  describe('knowledge-base search', () => {
    it('ranks the right article first in English, Russian and Spanish, accents and ё folded', async () => {
      const site = await seedSite(ctx.store);
      const seeded = await seedKnowledgeBase(ctx.store, site.id);
      const keyOf = new Map([...seeded].map(([key, article]) => [article.id, key]));
      const first = async (language: string, query: string) =>
        keyOf.get((await ctx.store.searchArticles({ siteId: site.id, language, query, limit: 5, publishedOnly: true }))[0]?.article.id ?? '');
      const expectations: [string, string, string][] = [
        ['en', 'reset password', 'reset-password'],
        ['en', 'I forgot my passw', 'reset-password'],
        ['en', 'refund', 'refund'],
        ['en', 'where is my order?', 'shipping'],
        ['en', 'two factor', 'two-factor'],
        ['en', 'tracking', 'shipping'],
        ['ru', 'сбросить пароль', 'reset-password-ru'],
        ['ru', 'ВОЗВРАТ денег', 'refund-ru'],
        ['ru', 'елочные', 'shipping-ru'],
        ['ru', 'где мой заказ', 'shipping-ru'],
        ['es', 'contrasena', 'reset-password-es'],
        ['es', 'reembolso', 'refund-es'],
        ['es', 'verificacion dos pasos', 'two-factor-es'],
        ['es', 'dónde está mi pedido', 'shipping-es'],
      ];
      for (const [language, query, key] of expectations) {
        expect({ query, found: await first(language, query) }).toEqual({ query, found: key });
      }
      const hits = await ctx.store.searchArticles({ siteId: site.id, language: 'en', query: 'password', limit: 10, publishedOnly: true });
      hits.forEach((hit) => expect(plainSummary.parse(hit.article)).toEqual(hit.article));
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    });

    it('never finds drafts for visitors, other languages, or other sites', async () => {
      const [site, other] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      const seeded = await seedKnowledgeBase(ctx.store, site.id);
      const foreign = await draft(other.id, { title: 'Reset your password (other site)', slug: 'reset-password' });
      await ctx.store.updateArticle({ id: foreign.id, siteId: other.id, changes: { status: 'published' }, at: at() });
      const search = (query: string, publishedOnly: boolean, language = 'en') =>
        ctx.store.searchArticles({ siteId: site.id, language, query, limit: 20, publishedOnly }).then((h) => h.map((x) => x.article.id));

      expect(await search('VAT invoices', true)).not.toContain(seeded.get('invoice-draft')?.id);
      expect(await search('VAT invoices', false)).toContain(seeded.get('invoice-draft')?.id);
      expect(await search('password', true)).not.toContain(foreign.id);
      expect(await search('password', true, 'ru')).toEqual([]);
      expect(await search('пароль', true, 'en')).toEqual([]);
    });

    it('treats FTS syntax in a query as plain words and never fails', async () => {
      const site = await seedSite(ctx.store);
      await seedKnowledgeBase(ctx.store, site.id);
      for (const query of ['"AND OR * NEAR(', 'title:reset', '-password', 'pass*word', '^^^', "' OR 1=1 --", '{}[]']) {
        const hits = await ctx.store.searchArticles({ siteId: site.id, language: 'en', query, limit: 5, publishedOnly: true });
        expect(Array.isArray(hits)).toBe(true);
      }
      const quoted = await ctx.store.searchArticles({ siteId: site.id, language: 'en', query: 'title:reset', limit: 5, publishedOnly: true });
      expect(quoted[0]?.article.slug).toBe('reset-password');
    });

    it('follows every write: a new title is found, the old one and deleted articles are not', async () => {
      const site = await seedSite(ctx.store);
      const article = await draft(site.id, { title: 'Gift cards', bodyMarkdown: 'Buy a voucher' });
      const find = (query: string) =>
        ctx.store.searchArticles({ siteId: site.id, language: 'en', query, limit: 5, publishedOnly: false }).then((h) => h.map((x) => x.article.id));
      expect(await find('gift')).toEqual([article.id]);
      await ctx.store.updateArticle({ id: article.id, siteId: site.id, changes: { title: 'Loyalty points' }, at: at() });
      expect(await find('gift')).toEqual([]);
      expect(await find('loyalty')).toEqual([article.id]);
      expect(await find('voucher')).toEqual([article.id]);
      expect(await ctx.store.deleteArticle({ id: article.id, siteId: site.id })).toBe(true);
      expect(await find('loyalty')).toEqual([]);
    });
  });

  describe('knowledge-base articles and categories', () => {
    it('lists a language\'s published titles and the languages a site publishes in', async () => {
      const [site, other] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      const seeded = await seedKnowledgeBase(ctx.store, site.id);
      await seedKnowledgeBase(ctx.store, other.id);
      const titles = await ctx.store.listPublishedTitles({ siteId: site.id, language: 'ru' });
      expect(titles.map((t) => t.id).sort()).toEqual(['reset-password-ru', 'refund-ru', 'shipping-ru'].map((k) => seeded.get(k)?.id).sort());
      const refund = seeded.get('refund-ru');
      expect(titles.find((t) => t.id === refund?.id)).toEqual({
        id: refund?.id, categoryId: null, language: 'ru', translationGroupId: refund?.translationGroupId, slug: 'refund-ru',
        title: refund?.title, summary: refund?.summary,
      });
      expect((await ctx.store.listPublishedTitles({ siteId: site.id, language: 'en' })).map((t) => t.slug)).not.toContain('invoice-draft');
      expect(await ctx.store.listKbLanguages(site.id)).toEqual(['en', 'es', 'ru']);
      const lonely = await seedSite(ctx.store);
      await draft(lonely.id, { language: 'de' });
      expect(await ctx.store.listKbLanguages(lonely.id)).toEqual([]);
    });

    it('keeps slugs unique per site and language, and one translation per language', async () => {
      const [site, other] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      const article = await draft(site.id, { slug: 'billing' });
      expect(plainArticle.parse(article)).toEqual(article);
      expect(article).toMatchObject({ status: 'draft', translationGroupId: article.id, helpfulCount: 0, publishedAt: null });
      await expect(draft(site.id, { slug: 'billing' })).rejects.toBeInstanceOf(StoreConflictError);
      await expect(draft(other.id, { slug: 'billing' })).resolves.toMatchObject({ slug: 'billing' });
      const ru = await draft(site.id, { slug: 'billing', language: 'ru', translationGroupId: article.id });
      expect(ru.translationGroupId).toBe(article.id);
      await expect(draft(site.id, { slug: 'billing-2', language: 'ru', translationGroupId: article.id })).rejects.toBeInstanceOf(StoreConflictError);
      const second = await draft(site.id, { slug: 'other' });
      await expect(
        ctx.store.updateArticle({ id: second.id, siteId: site.id, changes: { slug: 'billing' }, at: at() }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect(await ctx.store.updateArticle({ id: second.id, siteId: other.id, changes: { title: 'x' }, at: at() })).toBeNull();
      expect((await ctx.store.listArticles({ siteId: site.id, translationGroupId: article.id })).map((a) => a.language).sort()).toEqual(['en', 'ru']);
    });

    it('publishes and unpublishes, keeping the first publication time while published', async () => {
      const site = await seedSite(ctx.store);
      const article = await draft(site.id);
      const published = await ctx.store.updateArticle({ id: article.id, siteId: site.id, changes: { status: 'published' }, at: '2030-01-01T00:00:00.000Z' });
      expect(published).toMatchObject({ status: 'published', publishedAt: '2030-01-01T00:00:00.000Z' });
      const edited = await ctx.store.updateArticle({ id: article.id, siteId: site.id, changes: { title: 'New' }, at: '2030-01-02T00:00:00.000Z' });
      expect(edited).toMatchObject({ publishedAt: '2030-01-01T00:00:00.000Z', updatedAt: '2030-01-02T00:00:00.000Z' });
      const hidden = await ctx.store.updateArticle({ id: article.id, siteId: site.id, changes: { status: 'draft' }, at: at() });
      expect(hidden).toMatchObject({ status: 'draft', publishedAt: null });
      expect(await ctx.store.listArticles({ siteId: site.id, status: 'published' })).toEqual([]);
      expect(await ctx.store.findArticleBySlug({ siteId: site.id, language: 'en', slug: article.slug })).toMatchObject({ id: article.id });
    });

    it('orders categories, refuses a taken slug, and frees articles of a deleted category', async () => {
      const site = await seedSite(ctx.store);
      const billing = await ctx.store.saveKbCategory({ siteId: site.id, slug: 'billing', names: { en: 'Billing', ru: 'Оплата' }, position: 2, at: at() });
      expect(plainCategory.parse(billing)).toEqual(billing);
      await ctx.store.saveKbCategory({ siteId: site.id, slug: 'start', names: { en: 'Getting started' }, position: 1, at: at() });
      await expect(
        ctx.store.saveKbCategory({ siteId: site.id, slug: 'billing', names: { en: 'Again' }, position: 0, at: at() }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect((await ctx.store.listKbCategories(site.id)).map((c) => c.slug)).toEqual(['start', 'billing']);
      const renamed = await ctx.store.saveKbCategory({ id: billing.id, siteId: site.id, slug: 'payments', names: { en: 'Payments' }, position: 2, at: at() });
      expect(renamed).toMatchObject({ id: billing.id, slug: 'payments', names: { en: 'Payments' } });
      const article = await draft(site.id, { categoryId: billing.id });
      expect(await ctx.store.deleteKbCategory({ id: billing.id, siteId: site.id })).toBe(true);
      expect((await ctx.store.findArticle(article.id))?.categoryId).toBeNull();
    });
  });

  describe('knowledge-base feedback and status notices', () => {
    it('counts each voter once, moves their vote when they change their mind, and totals per site', async () => {
      const site = await seedSite(ctx.store);
      const article = await draft(site.id);
      const vote = (voterKey: string, value: 'helpful' | 'not_helpful' | 'solved' | 'human', kind: 'vote' | 'deflection' = 'vote') =>
        ctx.store.recordArticleFeedback({ siteId: site.id, articleId: article.id, voterKey, kind, value, at: at() });
      await vote('visitor:a', 'helpful');
      await vote('visitor:a', 'helpful');
      await vote('visitor:b', 'helpful');
      const changed = await vote('visitor:a', 'not_helpful');
      expect(changed).toMatchObject({ helpfulCount: 1, notHelpfulCount: 1 });
      await vote('visitor:a', 'solved', 'deflection');
      const last = await vote('visitor:c', 'human', 'deflection');
      expect(last).toMatchObject({ helpfulCount: 1, notHelpfulCount: 1, solvedCount: 1, humanCount: 1 });
      const other = await seedSite(ctx.store);
      expect(await ctx.store.recordArticleFeedback({ siteId: other.id, articleId: article.id, voterKey: 'x', kind: 'vote', value: 'helpful', at: at() })).toBeNull();
      expect(await ctx.store.knowledgeBaseStats(site.id)).toEqual({ articles: 1, published: 0, helpful: 1, notHelpful: 1, solved: 1, human: 1 });
      expect(await ctx.store.knowledgeBaseStats(other.id)).toEqual({ articles: 0, published: 0, helpful: 0, notHelpful: 0, solved: 0, human: 0 });
    });

    it('keeps one active status notice per site until it is withdrawn', async () => {
      const [site, other] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      expect(await ctx.store.findActiveStatusNotice(site.id)).toBeNull();
      const first = await ctx.store.postStatusNotice({ siteId: site.id, text: 'Payments are slow', severity: 'warning', at: at() });
      expect(plainNotice.parse(first)).toEqual(first);
      const second = await ctx.store.postStatusNotice({ siteId: site.id, text: 'Payments are down', severity: 'outage', at: at() });
      expect(await ctx.store.findActiveStatusNotice(site.id)).toEqual(second);
      expect(await ctx.store.findActiveStatusNotice(other.id)).toBeNull();
      const withdrawn = await ctx.store.withdrawStatusNotice({ siteId: site.id, at: '2030-01-01T00:00:00.000Z' });
      expect(withdrawn).toMatchObject({ id: second.id, withdrawnAt: '2030-01-01T00:00:00.000Z' });
      expect(await ctx.store.findActiveStatusNotice(site.id)).toBeNull();
      expect(await ctx.store.withdrawStatusNotice({ siteId: site.id, at: at() })).toBeNull();
    });
  });
}
