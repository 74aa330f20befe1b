/** Addresses of the public help centre, the one place that knows its URL layout. */
import type { KbArticleLink, KbArticleSummary, KbPublicArticleSummary } from '@parley/shared';

type Listed = Pick<KbArticleSummary, 'id' | 'language' | 'slug' | 'title' | 'summary'>;

export interface KbLinks {
  home(siteKey: string, language?: string): string;
  article(siteKey: string, article: Pick<KbArticleSummary, 'language' | 'slug'>): string;
  /** The search page; with a language and a query, that search's results in that language. */
  search(siteKey: string, params?: { language?: string; query?: string }): string;
  sitemap(siteKey: string): string;
  /** An article as visitors may see it in a list. */
  publicSummary(siteKey: string, article: Listed): KbPublicArticleSummary;
  link(siteKey: string, article: Pick<KbArticleSummary, 'id' | 'language' | 'slug'>): KbArticleLink;
}

export function createKbLinks({ publicUrl }: { publicUrl: string }): KbLinks {
  const base = (siteKey: string) => `${publicUrl.replace(/\/+$/, '')}/help/${encodeURIComponent(siteKey)}`;
  const links: KbLinks = {
    home: (siteKey, language) => `${base(siteKey)}${language ? `?lang=${encodeURIComponent(language)}` : ''}`,
    article: (siteKey, a) => `${base(siteKey)}/${encodeURIComponent(a.language)}/${encodeURIComponent(a.slug)}`,
    search: (siteKey, params = {}) => {
      const query = new URLSearchParams({
        ...(params.language ? { lang: params.language } : {}), ...(params.query ? { q: params.query } : {}),
      }).toString();
      return `${base(siteKey)}/search${query ? `?${query}` : ''}`;
    },
    sitemap: (siteKey) => `${base(siteKey)}/sitemap.xml`,
    publicSummary: (siteKey, a) => ({
      id: a.id, language: a.language, slug: a.slug, title: a.title, summary: a.summary, url: links.article(siteKey, a),
    }),
    link: (siteKey, a) => ({ articleId: a.id, language: a.language, slug: a.slug, url: links.article(siteKey, a) }),
  };
  return links;
}
