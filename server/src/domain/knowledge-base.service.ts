/** The knowledge base for the team: admins write articles, categories and the status notice; agents read and search. */
import {
  KbSlugSchema,
  type Agent,
  type KbArticle,
  type KbArticleInput,
  type KbArticleListQuery,
  type KbArticlePatch,
  type KbArticleSummary,
  type KbArticleView,
  type KbCategory,
  type KbCategoryInput,
  type KbCategoryPatch,
  type KbSearchRequest,
  type KbSearchResponse,
  type KbStats,
  type StatusNotice,
  type StatusNoticeInput,
} from '@parley/shared';
import type { KbArticleChanges } from '../store/knowledge-base.store';
import { StoreConflictError, type Store } from '../store/store';
import { DomainError } from './domain-error';
import type { createArticleHtmlCache } from './kb-markdown';
import type { KbLinks } from './kb-links';

export interface KnowledgeBaseDeps {
  store: Store;
  links: KbLinks;
  renderHtml: ReturnType<typeof createArticleHtmlCache>;
  now?: () => Date;
}

const nfc = <T extends string | undefined>(text: T): T => (text === undefined ? text : (text.normalize('NFC') as T));

function assertAdmin(agent: Agent): void {
  if (agent.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins edit the knowledge base.');
}

/** "Reset your password!" -> "reset-your-password"; any script, lower case, at most 80 characters. */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{N}]+/gu, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return KbSlugSchema.safeParse(slug).success ? slug : 'article';
}

export function createKnowledgeBaseService({ store, links, renderHtml, now = () => new Date() }: KnowledgeBaseDeps) {
  const at = () => now().toISOString();

  async function siteKey(siteId: string): Promise<string> {
    const site = await store.findSiteById(siteId);
    if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
    return site.key;
  }

  async function ownArticle(agent: Agent, id: string): Promise<KbArticle> {
    const article = await store.findArticle(id);
    if (!article || article.siteId !== agent.siteId) throw new DomainError('NOT_FOUND', 'There is no such article.');
    return article;
  }

  async function assertOwnCategory(agent: Agent, categoryId: string | null | undefined): Promise<void> {
    if (!categoryId) return;
    const category = await store.findKbCategory(categoryId);
    if (!category || category.siteId !== agent.siteId) throw new DomainError('VALIDATION_FAILED', 'categoryId: there is no such category.', { field: 'categoryId' });
  }

  /** Store conflicts are the author's to fix: a taken slug or a second translation in one language. */
  function explainConflict(error: unknown): never {
    if (!(error instanceof StoreConflictError)) throw error;
    // Each on its field, so the editor says it there.
    throw error.what === 'translation exists'
      ? new DomainError('VALIDATION_FAILED', 'translationOf: that article already has a translation in this language.', { field: 'translationOf' })
      : new DomainError('VALIDATION_FAILED', 'slug: another article in this language already uses this address.', { field: 'slug' });
  }

  async function view(article: KbArticle): Promise<KbArticleView> {
    const key = await siteKey(article.siteId);
    const group = await store.listArticles({ siteId: article.siteId, translationGroupId: article.translationGroupId });
    return {
      article,
      html: renderHtml(article),
      url: links.article(key, article),
      translations: group.filter((a) => a.id !== article.id).map((a) => links.link(key, a)),
    };
  }

  return {
    listCategories(agent: Agent): Promise<KbCategory[]> {
      return store.listKbCategories(agent.siteId);
    },

    async createCategory(agent: Agent, input: KbCategoryInput): Promise<KbCategory> {
      assertAdmin(agent);
      try {
        return await store.saveKbCategory({ siteId: agent.siteId, ...input, at: at() });
      } catch (error) {
        if (error instanceof StoreConflictError) throw new DomainError('VALIDATION_FAILED', 'slug: another category uses this address.');
        throw error;
      }
    },

    async updateCategory(agent: Agent, id: string, patch: KbCategoryPatch): Promise<KbCategory> {
      assertAdmin(agent);
      const current = await store.findKbCategory(id);
      if (!current || current.siteId !== agent.siteId) throw new DomainError('NOT_FOUND', 'There is no such category.');
      try {
        return await store.saveKbCategory({ id, siteId: agent.siteId, slug: current.slug, names: current.names, position: current.position, ...patch, at: at() });
      } catch (error) {
        if (error instanceof StoreConflictError) throw new DomainError('VALIDATION_FAILED', 'slug: another category uses this address.');
        throw error;
      }
    },

    async deleteCategory(agent: Agent, id: string): Promise<void> {
      assertAdmin(agent);
      if (!(await store.deleteKbCategory({ id, siteId: agent.siteId }))) throw new DomainError('NOT_FOUND', 'There is no such category.');
    },

    listArticles(agent: Agent, query: KbArticleListQuery): Promise<KbArticleSummary[]> {
      return store.listArticles({ siteId: agent.siteId, ...query });
    },

    async getArticle(agent: Agent, id: string): Promise<KbArticleView> {
      return view(await ownArticle(agent, id));
    },

    async createArticle(agent: Agent, input: KbArticleInput): Promise<KbArticleView> {
      assertAdmin(agent);
      await assertOwnCategory(agent, input.categoryId);
      let translationGroupId: string | null = null;
      if (input.translationOf) {
        const original = await store.findArticle(input.translationOf);
        if (!original || original.siteId !== agent.siteId) throw new DomainError('VALIDATION_FAILED', 'translationOf: there is no such article.');
        translationGroupId = original.translationGroupId;
      }
      const title = nfc(input.title);
      const record = {
        siteId: agent.siteId, categoryId: input.categoryId ?? null, language: input.language, translationGroupId,
        title, summary: nfc(input.summary), bodyMarkdown: nfc(input.bodyMarkdown), at: at(),
      };
      // A slug made from the title may be taken by a namesake: number it, as people would.
      const base = slugFromTitle(title);
      const slugs = input.slug ? [input.slug] : Array.from({ length: 20 }, (_, i) => (i === 0 ? base : `${base}-${i + 1}`));
      for (const [index, slug] of slugs.entries()) {
        try {
          return await view(await store.createArticle({ ...record, slug }));
        } catch (error) {
          const another = error instanceof StoreConflictError && error.what === 'slug taken' && index < slugs.length - 1;
          if (!another) explainConflict(error);
        }
      }
      throw new DomainError('INTERNAL', 'No free address for this article.');
    },

    async updateArticle(agent: Agent, id: string, patch: KbArticlePatch): Promise<KbArticleView> {
      assertAdmin(agent);
      await ownArticle(agent, id);
      await assertOwnCategory(agent, patch.categoryId);
      const changes: KbArticleChanges = {
        ...patch, title: nfc(patch.title), summary: nfc(patch.summary), bodyMarkdown: nfc(patch.bodyMarkdown),
      };
      const updated = await store.updateArticle({ id, siteId: agent.siteId, changes, at: at() }).catch(explainConflict);
      if (!updated) throw new DomainError('NOT_FOUND', 'There is no such article.');
      return view(updated);
    },

    async setPublished(agent: Agent, id: string, published: boolean): Promise<KbArticleView> {
      assertAdmin(agent);
      const updated = await store.updateArticle({ id, siteId: agent.siteId, changes: { status: published ? 'published' : 'draft' }, at: at() });
      if (!updated) throw new DomainError('NOT_FOUND', 'There is no such article.');
      return view(updated);
    },

    async deleteArticle(agent: Agent, id: string): Promise<void> {
      assertAdmin(agent);
      if (!(await store.deleteArticle({ id, siteId: agent.siteId }))) throw new DomainError('NOT_FOUND', 'There is no such article.');
    },

    /** Agents find drafts too (to finish or share them), unless they ask for published ones only. */
    async search(agent: Agent, request: KbSearchRequest): Promise<KbSearchResponse> {
      const key = await siteKey(agent.siteId);
      const hits = await store.searchArticles({
        siteId: agent.siteId, language: request.language ?? 'en', query: request.q, limit: request.limit,
        publishedOnly: request.status === 'published',
      });
      return { hits: hits.map((hit) => ({ ...hit, url: links.article(key, hit.article) })) };
    },

    stats(agent: Agent): Promise<KbStats> {
      return store.knowledgeBaseStats(agent.siteId);
    },

    statusNotice(agent: Agent): Promise<StatusNotice | null> {
      return store.findActiveStatusNotice(agent.siteId);
    },

    postStatusNotice(agent: Agent, input: StatusNoticeInput): Promise<StatusNotice> {
      assertAdmin(agent);
      return store.postStatusNotice({ siteId: agent.siteId, text: input.text.normalize('NFC'), severity: input.severity, at: at() });
    },

    withdrawStatusNotice(agent: Agent): Promise<StatusNotice | null> {
      assertAdmin(agent);
      return store.withdrawStatusNotice({ siteId: agent.siteId, at: at() });
    },
  };
}

export type KnowledgeBaseService = ReturnType<typeof createKnowledgeBaseService>;
