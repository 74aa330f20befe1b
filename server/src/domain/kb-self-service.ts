/** Self-service for visitors: article suggestions before a chat, reading, "did this help?", deflection, the status notice. */
import {
  pickSiteLanguage,
  type KbArticle,
  type KbDeflectionOutcome,
  type KbFeedbackReceipt,
  type KbPublicArticle,
  type KbPublicArticleSummary,
  type KbSuggestions,
  type PublicStatusNotice,
  type Site,
} from '@parley/shared';
import type { KbStoredHit } from '../store/knowledge-base.store';
import type { Store } from '../store/store';
import { DomainError } from './domain-error';
import type { KbLinks } from './kb-links';
import type { createArticleHtmlCache } from './kb-markdown';
import { bestMatch, strongHits } from './kb-relevance';

export const FALLBACK_LANGUAGE = 'en';
const SUGGESTION_LIMIT = 5;

export interface KbSelfServiceDeps {
  store: Store;
  links: KbLinks;
  renderHtml: ReturnType<typeof createArticleHtmlCache>;
  now?: () => Date;
}

/** Who gave feedback, so that each person counts once per article: a chat visitor or a help-centre browser. */
export const voterKey = {
  visitor: (visitorId: string): string => `visitor:${visitorId}`,
  browser: (browserId: string): string => `browser:${browserId}`,
};

/** The language of a visitor's locale as articles are tagged ("pt-BR" -> "pt"); English when unknown. */
export function articleLanguage(locale: string | null | undefined): string {
  const primary = (locale ?? '').split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : FALLBACK_LANGUAGE;
}

export function createKbSelfService({ store, links, renderHtml, now = () => new Date() }: KbSelfServiceDeps) {
  async function siteOf(siteId: string): Promise<Site> {
    const site = await store.findSiteById(siteId);
    if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
    return site;
  }
  const siteKey = async (siteId: string): Promise<string> => (await siteOf(siteId)).key;

  /** Published and of this site, or NOT_FOUND: a draft's id must not reveal that it exists. */
  async function publishedArticle(siteId: string, articleId: string): Promise<KbArticle> {
    const article = await store.findArticle(articleId);
    if (!article || article.siteId !== siteId || article.status !== 'published') {
      throw new DomainError('NOT_FOUND', 'There is no such article.');
    }
    return article;
  }

  async function toPublicArticle(key: string, article: KbArticle): Promise<KbPublicArticle> {
    const group = await store.listArticles({ siteId: article.siteId, translationGroupId: article.translationGroupId, status: 'published' });
    return {
      ...links.publicSummary(key, article),
      html: renderHtml(article),
      updatedAt: article.updatedAt,
      translations: group.filter((a) => a.id !== article.id).map((a) => links.link(key, a)),
    };
  }

  function search(input: { siteId: string; language: string; text: string }): Promise<KbStoredHit[]> {
    return store.searchArticles({ ...input, query: input.text, limit: SUGGESTION_LIMIT, publishedOnly: true });
  }

  async function feedback(input: {
    siteId: string; articleId: string; voterKey: string; kind: 'vote' | 'deflection'; value: 'helpful' | 'not_helpful' | 'solved' | 'human';
  }): Promise<KbFeedbackReceipt> {
    await publishedArticle(input.siteId, input.articleId);
    const recorded = await store.recordArticleFeedback({ ...input, at: now().toISOString() });
    if (!recorded) throw new DomainError('NOT_FOUND', 'There is no such article.');
    return { recorded: true };
  }

  return {
    /**
     * Published articles for what the visitor wrote: their language first, then ones in the site's
     * default language on questions theirs does not cover. `bestMatch` says whether to offer one before a person.
     */
    async suggest(input: { siteId: string; locale: string | null; text: string }): Promise<KbSuggestions> {
      const site = await siteOf(input.siteId);
      const key = site.key;
      const language = articleLanguage(input.locale);
      const siteDefault = pickSiteLanguage(site.settings.languages, []);
      const own = strongHits(await search({ siteId: input.siteId, language, text: input.text }));
      const fallback = language === siteDefault ? [] : strongHits(await search({ siteId: input.siteId, language: siteDefault, text: input.text }));
      const groups = new Set(own.map((hit) => hit.article.translationGroupId));
      const extra = fallback.filter((hit) => !groups.has(hit.article.translationGroupId));
      const articles = [...own, ...extra].slice(0, SUGGESTION_LIMIT).map((hit) => links.publicSummary(key, hit.article));
      const best = bestMatch(input.text, own.map((hit) => hit.article)) ?? bestMatch(input.text, extra.map((hit) => hit.article));
      const bestSummary: KbPublicArticleSummary | null = best ? links.publicSummary(key, best) : null;
      return { articles, bestMatch: bestSummary };
    },

    async article(input: { siteId: string; articleId: string }): Promise<KbPublicArticle> {
      const article = await publishedArticle(input.siteId, input.articleId);
      return toPublicArticle(await siteKey(input.siteId), article);
    },

    /** A later vote by the same voter replaces their earlier one. */
    vote(input: { siteId: string; articleId: string; voterKey: string; helpful: boolean }): Promise<KbFeedbackReceipt> {
      const { helpful, ...rest } = input;
      return feedback({ ...rest, kind: 'vote', value: helpful ? 'helpful' : 'not_helpful' });
    },

    /** After an offered article: it solved the question, or the visitor still wants a person. */
    deflection(input: { siteId: string; articleId: string; voterKey: string; outcome: KbDeflectionOutcome }): Promise<KbFeedbackReceipt> {
      const { outcome, ...rest } = input;
      return feedback({ ...rest, kind: 'deflection', value: outcome });
    },

    async statusNotice(siteId: string): Promise<PublicStatusNotice | null> {
      const notice = await store.findActiveStatusNotice(siteId);
      return notice ? { text: notice.text, severity: notice.severity, postedAt: notice.postedAt } : null;
    },

    toPublicArticle,
  };
}

export type KbSelfService = ReturnType<typeof createKbSelfService>;
