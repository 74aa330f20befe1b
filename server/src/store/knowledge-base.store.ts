/** The knowledge base's part of the storage seam: articles, categories, full-text search, feedback, status notices. */
import type {
  KbArticle,
  KbArticleStatus,
  KbArticleSummary,
  KbCategory,
  KbStats,
  StatusNotice,
  StatusNoticeSeverity,
} from '@parley/shared';

export interface KbCategoryRecord {
  siteId: string;
  slug: string;
  names: Record<string, string>;
  position: number;
}

export interface NewKbArticleRecord {
  siteId: string;
  categoryId: string | null;
  language: string;
  /** Null starts a new group; an id joins that group (the store refuses a second article per language). */
  translationGroupId: string | null;
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  at: string;
}

export type KbArticleChanges = Partial<Pick<KbArticle, 'categoryId' | 'slug' | 'title' | 'summary' | 'bodyMarkdown' | 'status'>>;

export interface KbArticleQuery {
  siteId: string;
  language?: string;
  status?: KbArticleStatus;
  categoryId?: string;
  translationGroupId?: string;
}

/** What a table of contents needs of an article; cheap to read (no body, no counters). */
export type KbArticleTitle = Pick<KbArticleSummary, 'id' | 'categoryId' | 'language' | 'translationGroupId' | 'slug' | 'title' | 'summary'>;

export interface KbSearchQuery {
  siteId: string;
  language: string;
  /** What a person typed; the store makes it safe for its search engine. */
  query: string;
  limit: number;
  publishedOnly: boolean;
}

export interface KbStoredHit {
  article: KbArticleSummary;
  /** Higher is better; comparable only within one result list. */
  score: number;
}

/** One vote or deflection outcome per article, kind and voter; a later one replaces the earlier. */
export interface KbFeedbackRecord {
  siteId: string;
  articleId: string;
  voterKey: string;
  kind: 'vote' | 'deflection';
  value: 'helpful' | 'not_helpful' | 'solved' | 'human';
  at: string;
}

export interface KnowledgeBaseStore {
  /** Creates, or updates the category with this id in this site. StoreConflictError when the slug is taken. */
  saveKbCategory(category: KbCategoryRecord & { id?: string; at: string }): Promise<KbCategory>;
  listKbCategories(siteId: string): Promise<KbCategory[]>;
  findKbCategory(id: string): Promise<KbCategory | null>;
  /** Its articles stay, without a category. */
  deleteKbCategory(input: { id: string; siteId: string }): Promise<boolean>;

  /** StoreConflictError when the slug is taken in the site and language, or the group has this language. */
  createArticle(record: NewKbArticleRecord): Promise<KbArticle>;
  /** Null when there is no such article in the site; StoreConflictError on a taken slug. */
  updateArticle(input: { id: string; siteId: string; changes: KbArticleChanges; at: string }): Promise<KbArticle | null>;
  findArticle(id: string): Promise<KbArticle | null>;
  findArticleBySlug(input: { siteId: string; language: string; slug: string }): Promise<KbArticle | null>;
  /** Without bodies; newest change first. */
  listArticles(query: KbArticleQuery): Promise<KbArticleSummary[]>;
  deleteArticle(input: { id: string; siteId: string }): Promise<boolean>;
  /** Published articles of one language, titles only: the help centre's table of contents. */
  listPublishedTitles(input: { siteId: string; language: string }): Promise<KbArticleTitle[]>;
  /** Languages the site has published articles in, sorted. */
  listKbLanguages(siteId: string): Promise<string[]>;
  /** Ranked by relevance (title above summary above body); a query with nothing searchable finds nothing. */
  searchArticles(query: KbSearchQuery): Promise<KbStoredHit[]>;

  /** Records the voter's latest feedback and moves the article's counters; null when the article is not the site's. */
  recordArticleFeedback(record: KbFeedbackRecord): Promise<KbArticleSummary | null>;
  knowledgeBaseStats(siteId: string): Promise<KbStats>;

  /** Withdraws the site's active notice (if any) and posts this one; one active notice per site. */
  postStatusNotice(input: { siteId: string; text: string; severity: StatusNoticeSeverity; at: string }): Promise<StatusNotice>;
  /** The notice that was withdrawn, or null when none was active. */
  withdrawStatusNotice(input: { siteId: string; at: string }): Promise<StatusNotice | null>;
  findActiveStatusNotice(siteId: string): Promise<StatusNotice | null>;
}
