/** What the public help centre shows: a site's published articles by category and language, search, sitemap. */
import {
  pickSiteLanguage,
  type KbArticleLink,
  type KbArticleSummary,
  type KbCategory,
  type KbPublicArticle,
  type KbPublicArticleSummary,
  type PublicStatusNotice,
  type Site,
} from '@parley/shared';
import type { Store } from '../store/store';
import { DomainError } from './domain-error';
import type { KbLinks } from './kb-links';
import { FALLBACK_LANGUAGE, type KbSelfService } from './kb-self-service';

export interface HelpCentreSection {
  /** Null: articles outside any category. */
  category: { slug: string; name: string } | null;
  articles: KbPublicArticleSummary[];
}

interface PageBase {
  site: Pick<Site, 'key' | 'name'>;
  /** The language the page is in. */
  language: string;
  /** Languages the site offers and has published articles in. */
  languages: string[];
  /** The site's default language: where a reader who wants none of the others goes (x-default). */
  defaultLanguage: string;
  notice: PublicStatusNotice | null;
}

export interface HelpCentreHome extends PageBase { sections: HelpCentreSection[] }
export interface HelpCentreArticle extends PageBase { article: KbPublicArticle; categoryName: string | null }
export interface HelpCentreSearch extends PageBase { query: string; results: KbPublicArticleSummary[] }

const SEARCH_LIMIT = 20;

/** A category's name in the page's language, else English, else any. */
const categoryName = (category: KbCategory, language: string): string =>
  category.names[language] ?? category.names[FALLBACK_LANGUAGE] ?? Object.values(category.names)[0] ?? category.slug;

export function createHelpCentreService({ store, links, selfService }: { store: Store; links: KbLinks; selfService: KbSelfService }) {
  async function siteByKey(siteKey: string): Promise<Site> {
    const site = await store.findSiteByKey(siteKey);
    if (!site) throw new DomainError('SITE_NOT_FOUND', 'There is no help centre here.');
    return site;
  }

  async function base(site: Site, languages: string[], language: string): Promise<PageBase> {
    return {
      site: { key: site.key, name: site.name }, language, languages, defaultLanguage: pickSiteLanguage(site.settings.languages, []),
      notice: await selfService.statusNotice(site.id),
    };
  }

  const offers = (site: Site, language: string): boolean => (site.settings.languages.offered as string[]).includes(language);

  /** The languages the site offers that it has published articles in. */
  async function languagesOf(site: Site): Promise<string[]> {
    return (await store.listKbLanguages(site.id)).filter((lang) => offers(site, lang));
  }

  /**
   * The first language the reader prefers that the site offers and has articles in; else the site's
   * default; else English, the language most readers manage; else the first the site offers (in the
   * admin's order) with articles. Not the alphabetically first: a Japanese reader of a French site
   * whose French articles are not written yet was sent to Arabic. A site with no articles yet speaks
   * the reader's language if it offers it, else its default.
   */
  function chooseLanguage(site: Site, preferred: string[], available: string[]): string {
    const siteDefault = pickSiteLanguage(site.settings.languages, []);
    if (available.length === 0) return pickSiteLanguage(site.settings.languages, preferred);
    const fallbacks = [siteDefault, FALLBACK_LANGUAGE, ...(site.settings.languages.offered as string[])];
    return [...preferred, ...fallbacks].find((lang) => available.includes(lang)) ?? siteDefault;
  }


  return {
    /**
     * What a missing page of a site that is there still shows: the site's name, its languages, and the
     * one its home page would speak to this reader.
     */
    async missingPage(input: { siteKey: string; preferred: string[] }): Promise<Pick<PageBase, 'site' | 'language' | 'languages'>> {
      const site = await siteByKey(input.siteKey);
      const languages = await languagesOf(site);
      return { site: { key: site.key, name: site.name }, language: chooseLanguage(site, input.preferred, languages), languages };
    },

    async home(input: { siteKey: string; preferred: string[] }): Promise<HelpCentreHome> {
      const site = await siteByKey(input.siteKey);
      const languages = await languagesOf(site);
      const language = chooseLanguage(site, input.preferred, languages);
      const [categories, titles] = await Promise.all([
        store.listKbCategories(site.id), store.listPublishedTitles({ siteId: site.id, language }),
      ]);
      const collator = new Intl.Collator(language);
      const inLanguage = titles.sort((a, b) => collator.compare(a.title, b.title));
      const sections: HelpCentreSection[] = categories
        .map((category) => ({
          category: { slug: category.slug, name: categoryName(category, language) },
          articles: inLanguage.filter((a) => a.categoryId === category.id).map((a) => links.publicSummary(site.key, a)),
        }))
        .filter((section) => section.articles.length > 0);
      const known = new Set(categories.map((c) => c.id));
      const loose = inLanguage.filter((a) => a.categoryId === null || !known.has(a.categoryId));
      if (loose.length > 0) sections.push({ category: null, articles: loose.map((a) => links.publicSummary(site.key, a)) });
      return { ...(await base(site, languages, language)), sections };
    },

    async article(input: { siteKey: string; language: string; slug: string }): Promise<HelpCentreArticle> {
      const site = await siteByKey(input.siteKey);
      const article = offers(site, input.language)
        ? await store.findArticleBySlug({ siteId: site.id, language: input.language, slug: input.slug })
        : null;
      if (!article || article.status !== 'published') throw new DomainError('NOT_FOUND', 'There is no such article.');
      const [category, languages, shown] = await Promise.all([
        article.categoryId ? store.findKbCategory(article.categoryId) : null, languagesOf(site), selfService.toPublicArticle(site.key, article),
      ]);
      return {
        ...(await base(site, languages, article.language)),
        article: { ...shown, translations: shown.translations.filter((t) => offers(site, t.language)) },
        categoryName: category ? categoryName(category, article.language) : null,
      };
    },

    async search(input: { siteKey: string; preferred: string[]; query: string }): Promise<HelpCentreSearch> {
      const site = await siteByKey(input.siteKey);
      const languages = await languagesOf(site);
      const language = chooseLanguage(site, input.preferred, languages);
      const hits = input.query
        ? await store.searchArticles({ siteId: site.id, language, query: input.query, limit: SEARCH_LIMIT, publishedOnly: true })
        : [];
      return {
        ...(await base(site, languages, language)),
        query: input.query,
        results: hits.map((hit) => links.publicSummary(site.key, hit.article)),
      };
    },

    /** Every published article with its published translations, for sitemap.xml. */
    async sitemap(siteKey: string): Promise<{ articles: (KbArticleLink & { updatedAt: string; alternates: KbArticleLink[] })[] }> {
      const site = await siteByKey(siteKey);
      const published = (await store.listArticles({ siteId: site.id, status: 'published' })).filter((a) => offers(site, a.language));
      const groups = new Map<string, KbArticleSummary[]>();
      for (const article of published) groups.set(article.translationGroupId, [...(groups.get(article.translationGroupId) ?? []), article]);
      return {
        articles: published.map((article) => ({
          ...links.link(site.key, article),
          updatedAt: article.updatedAt,
          alternates: (groups.get(article.translationGroupId) ?? []).map((a) => links.link(site.key, a)),
        })),
      };
    },

    /** "Did this help?" from the help centre; the browser id keeps one vote per browser and article. */
    async vote(input: { siteKey: string; language: string; slug: string; voterKey: string; helpful: boolean }): Promise<void> {
      const site = await siteByKey(input.siteKey);
      const article = await store.findArticleBySlug({ siteId: site.id, language: input.language, slug: input.slug });
      if (!article) throw new DomainError('NOT_FOUND', 'There is no such article.');
      await selfService.vote({ siteId: site.id, articleId: article.id, voterKey: input.voterKey, helpful: input.helpful });
    },
  };
}

export type HelpCentreService = ReturnType<typeof createHelpCentreService>;
