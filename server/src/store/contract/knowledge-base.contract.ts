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

    it('ranks the right article first in German, French, Portuguese, Ukrainian, Belarusian, Chinese and Arabic', async () => {
      const site = await seedSite(ctx.store);
      // Three published articles per language: a password reset, a refund and parcel tracking.
      const articles: Record<string, [title: string, body: string][]> = {
        de: [
          ['Passwort zurücksetzen', 'Klicken Sie auf der Anmeldeseite auf „Passwort vergessen“. Wir senden Ihnen einen Link per E-Mail.'],
          ['Rückerstattung beantragen', 'Innerhalb von 30 Tagen erstatten wir den vollen Betrag. Schreiben Sie uns Ihre Bestellnummer.'],
          ['Versand und Sendungsverfolgung', 'Pakete kommen in 3 bis 5 Werktagen an. Die Sendungsnummer steht in der Versandbestätigung.'],
        ],
        fr: [
          ['Réinitialiser votre mot de passe', 'Sur la page de connexion, cliquez sur « Mot de passe oublié ». Vous recevrez un lien par e-mail.'],
          ['Demander un remboursement', 'Nous remboursons le montant total sous 30 jours. Indiquez-nous votre numéro de commande.'],
          ['Livraison et suivi du colis', 'Les colis arrivent en 3 à 5 jours ouvrés. Le numéro de suivi figure dans l’e-mail d’expédition.'],
        ],
        pt: [
          ['Redefinir a sua senha', 'Na página de entrada, clique em “Esqueci a senha”. Enviaremos um link por e-mail.'],
          ['Pedir um reembolso', 'Reembolsamos o valor total em até 30 dias. Envie-nos o número do pedido.'],
          ['Entrega e rastreamento', 'As encomendas chegam em 3 a 5 dias úteis. O código de rastreamento está no e-mail de envio.'],
        ],
        uk: [
          ['Як скинути пароль', 'На сторінці входу натисніть «Забули пароль?». Ми надішлемо посилання на вашу пошту.'],
          ['Повернення коштів', 'Ми повертаємо повну суму протягом 30 днів. Напишіть нам номер замовлення.'],
          ['Доставка та відстеження посилки', 'Посилки надходять за 3–5 робочих днів. Номер для відстеження є в листі про відправлення.'],
        ],
        be: [
          ['Як скінуць пароль', 'На старонцы ўваходу націсніце «Забылі пароль?». Мы дашлём спасылку на вашу пошту.'],
          ['Вяртанне грошай', 'Мы вяртаем поўную суму на працягу 30 дзён. Напішыце нам нумар заказу.'],
          ['Дастаўка і адсочванне пасылкі', 'Пасылкі прыходзяць за 3–5 працоўных дзён. Нумар для адсочвання ёсць у лісце пра адпраўку.'],
        ],
        zh: [
          ['如何重置密码', '在登录页面点击“忘记密码”，我们会通过电子邮件发送重置链接。'],
          ['申请退款', '我们会在30天内全额退款。请告诉我们您的订单号。'],
          ['配送与包裹追踪', '包裹会在3到5个工作日内送达。追踪号码在发货邮件中。'],
        ],
        ar: [
          ['إعادة تعيين كلمة المرور', 'في صفحة تسجيل الدخول اضغط على "نسيت كلمة المرور" وسنرسل إليك رابطًا بالبريد الإلكتروني.'],
          ['طلب استرداد المبلغ', 'نعيد المبلغ كاملًا خلال 30 يومًا. أرسل إلينا رقم الطلب.'],
          ['الشحن وتتبع الطرد', 'يصل الطرد خلال 3 إلى 5 أيام عمل. رقم التتبع موجود في رسالة الشحن.'],
        ],
      };
      const topics = ['password', 'refund', 'tracking'] as const;
      const topicOf = new Map<string, string>();
      for (const [language, list] of Object.entries(articles)) {
        for (const [index, [title, body]] of list.entries()) {
          const created = await draft(site.id, { language, title, bodyMarkdown: body, slug: `${topics[index]}-${language}` });
          await ctx.store.updateArticle({ id: created.id, siteId: site.id, changes: { status: 'published' }, at: at() });
          topicOf.set(created.id, topics[index] ?? '');
        }
      }
      const first = async (language: string, query: string) =>
        topicOf.get((await ctx.store.searchArticles({ siteId: site.id, language, query, limit: 3, publishedOnly: true }))[0]?.article.id ?? '');
      const expectations: [string, string, (typeof topics)[number]][] = [
        ['de', 'Passwort vergessen', 'password'],
        ['de', 'ruckerstattung', 'refund'],
        ['de', 'Wo ist meine Sendungsnummer?', 'tracking'],
        ['fr', 'mot de passe oublie', 'password'],
        ['fr', 'remboursement', 'refund'],
        ['fr', 'suivi du colis', 'tracking'],
        ['pt', 'esqueci a senha', 'password'],
        ['pt', 'reembolso', 'refund'],
        ['pt', 'rastreamento', 'tracking'],
        ['uk', 'забули пароль', 'password'],
        ['uk', 'повернення коштiв', 'refund'],
        ['uk', 'відстеження посилки', 'tracking'],
        ['be', 'забылі пароль', 'password'],
        ['be', 'вяртанне грошай', 'refund'],
        ['be', 'адсочванне пасылкі', 'tracking'],
        ['zh', '忘记密码', 'password'],
        ['zh', '退款', 'refund'],
        ['zh', '包裹追踪', 'tracking'],
        ['ar', 'نَسِيتُ كَلِمَة المرور', 'password'],
        ['ar', 'استرداد المبلغ', 'refund'],
        ['ar', 'أين الطرد', 'tracking'],
      ];
      const found = [];
      for (const [language, query] of expectations) found.push([language, query, await first(language, query)]);
      expect(found).toEqual(expectations);
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
