/** SQLite knowledge base: articles with an FTS5 index written in the same transaction, categories, feedback. */
import type Database from 'better-sqlite3';
import type { KbArticle, KbArticleSummary, KbCategory } from '@parley/shared';
import { foldForSearch } from '../../search-text';
import { newId } from '../../tokens';
import type { KbArticleChanges, KbFeedbackRecord, KnowledgeBaseStore } from '../knowledge-base.store';
import { StoreConflictError } from '../store';
import { isUniqueViolation } from './constraint-errors';
import { toFtsMatch } from './fts-query';
import { sqliteStatusNotices } from './sqlite-status-notices';

interface CategoryRow {
  id: string; site_id: string; slug: string; names_json: string; position: number; created_at: string; updated_at: string;
}
interface ArticleRow {
  doc_id: number; id: string; site_id: string; category_id: string | null; language: string; translation_group_id: string;
  slug: string; title: string; summary: string; body_markdown?: string; status: KbArticle['status'];
  helpful_count: number; not_helpful_count: number; solved_count: number; human_count: number;
  created_at: string; updated_at: string; published_at: string | null;
}

const SUMMARY_COLUMNS = `a.doc_id, a.id, a.site_id, a.category_id, a.language, a.translation_group_id, a.slug, a.title,
  a.summary, a.status, a.helpful_count, a.not_helpful_count, a.solved_count, a.human_count, a.created_at, a.updated_at,
  a.published_at`;

/** Title counts ten times the body, the summary four: a match in the title is what people mean. */
const BM25 = 'bm25(kb_articles_fts, 10.0, 4.0, 1.0)';

/** The counter each feedback value moves; a fixed map, so column names never come from input. */
const COUNTER_COLUMN: Record<KbFeedbackRecord['value'], string> = {
  helpful: 'helpful_count', not_helpful: 'not_helpful_count', solved: 'solved_count', human: 'human_count',
};

const toCategory = (r: CategoryRow): KbCategory => ({
  id: r.id, siteId: r.site_id, slug: r.slug, names: JSON.parse(r.names_json) as Record<string, string>,
  position: r.position, createdAt: r.created_at, updatedAt: r.updated_at,
});

const toSummary = (r: ArticleRow): KbArticleSummary => ({
  id: r.id, siteId: r.site_id, categoryId: r.category_id, language: r.language, translationGroupId: r.translation_group_id,
  slug: r.slug, title: r.title, summary: r.summary, status: r.status, helpfulCount: r.helpful_count,
  notHelpfulCount: r.not_helpful_count, solvedCount: r.solved_count, humanCount: r.human_count,
  createdAt: r.created_at, updatedAt: r.updated_at, publishedAt: r.published_at,
});

const toArticle = (r: ArticleRow): KbArticle => ({ ...toSummary(r), bodyMarkdown: r.body_markdown ?? '' });

function articleConflict(error: unknown): never {
  if (!isUniqueViolation(error)) throw error;
  const { message } = error as { message?: unknown };
  throw new StoreConflictError(String(message).includes('translation_group_id') ? 'translation exists' : 'slug taken');
}

export function sqliteKnowledgeBase(db: Database.Database): KnowledgeBaseStore {
  const articleById = db.prepare<[string], ArticleRow>('SELECT * FROM kb_articles WHERE id = ?');
  const indexArticle = db.prepare<{ docId: number; title: string; summary: string; body: string }>(
    'INSERT INTO kb_articles_fts (rowid, title, summary, body) VALUES (@docId, @title, @summary, @body)',
  );
  const unindexArticle = db.prepare<[number]>('DELETE FROM kb_articles_fts WHERE rowid = ?');
  const reindex = (row: ArticleRow): void => {
    unindexArticle.run(row.doc_id);
    indexArticle.run({
      docId: row.doc_id, title: foldForSearch(row.title), summary: foldForSearch(row.summary),
      body: foldForSearch(row.body_markdown ?? ''),
    });
  };

  const createArticle = db.transaction((record: Parameters<KnowledgeBaseStore['createArticle']>[0]): ArticleRow => {
    const id = newId();
    db.prepare(
      `INSERT INTO kb_articles (id, site_id, category_id, language, translation_group_id, slug, title, summary, body_markdown,
         status, created_at, updated_at)
       VALUES (@id, @siteId, @categoryId, @language, @group, @slug, @title, @summary, @bodyMarkdown, 'draft', @at, @at)`,
    ).run({ ...record, id, group: record.translationGroupId ?? id });
    const row = articleById.get(id) as ArticleRow;
    reindex(row);
    return row;
  });

  const updateArticle = db.transaction(
    (input: { id: string; siteId: string; changes: KbArticleChanges; at: string }): ArticleRow | null => {
      const { changes } = input;
      const published = changes.status === 'published';
      const result = db
        .prepare(
          `UPDATE kb_articles SET
             category_id = CASE WHEN @setCategory THEN @categoryId ELSE category_id END,
             slug = COALESCE(@slug, slug), title = COALESCE(@title, title), summary = COALESCE(@summary, summary),
             body_markdown = COALESCE(@bodyMarkdown, body_markdown), status = COALESCE(@status, status),
             published_at = CASE WHEN @status IS NULL THEN published_at WHEN @published THEN COALESCE(published_at, @at) ELSE NULL END,
             updated_at = @at
           WHERE id = @id AND site_id = @siteId`,
        )
        .run({
          id: input.id, siteId: input.siteId, at: input.at, setCategory: changes.categoryId === undefined ? 0 : 1,
          categoryId: changes.categoryId ?? null, slug: changes.slug ?? null, title: changes.title ?? null,
          summary: changes.summary ?? null, bodyMarkdown: changes.bodyMarkdown ?? null, status: changes.status ?? null,
          published: published ? 1 : 0,
        });
      if (result.changes === 0) return null;
      const row = articleById.get(input.id) as ArticleRow;
      if (changes.title !== undefined || changes.summary !== undefined || changes.bodyMarkdown !== undefined) reindex(row);
      return row;
    },
  );

  const deleteArticle = db.transaction((input: { id: string; siteId: string }): boolean => {
    const row = db.prepare<[string, string], { doc_id: number }>('SELECT doc_id FROM kb_articles WHERE id = ? AND site_id = ?').get(input.id, input.siteId);
    if (!row) return false;
    db.prepare('DELETE FROM kb_articles WHERE doc_id = ?').run(row.doc_id);
    unindexArticle.run(row.doc_id);
    return true;
  });

  const recordFeedback = db.transaction((record: KbFeedbackRecord): ArticleRow | null => {
    const article = db.prepare<[string, string], { id: string }>('SELECT id FROM kb_articles WHERE id = ? AND site_id = ?').get(record.articleId, record.siteId);
    if (!article) return null;
    const previous = db
      .prepare<[string, string, string], { value: KbFeedbackRecord['value'] }>(
        'SELECT value FROM kb_article_feedback WHERE article_id = ? AND kind = ? AND voter_key = ?',
      )
      .get(record.articleId, record.kind, record.voterKey);
    if (previous?.value !== record.value) {
      db.prepare(
        `INSERT INTO kb_article_feedback (article_id, kind, voter_key, value, at) VALUES (@articleId, @kind, @voterKey, @value, @at)
         ON CONFLICT (article_id, kind, voter_key) DO UPDATE SET value = excluded.value, at = excluded.at`,
      ).run(record);
      const added = COUNTER_COLUMN[record.value];
      const removed = previous ? `, ${COUNTER_COLUMN[previous.value]} = ${COUNTER_COLUMN[previous.value]} - 1` : '';
      db.prepare(`UPDATE kb_articles SET ${added} = ${added} + 1${removed} WHERE id = ?`).run(record.articleId);
    }
    return articleById.get(record.articleId) ?? null;
  });

  return {
    async saveKbCategory(category) {
      const id = category.id ?? newId();
      try {
        db.prepare(
          `INSERT INTO kb_categories (id, site_id, slug, names_json, position, created_at, updated_at)
           VALUES (@id, @siteId, @slug, @names, @position, @at, @at)
           ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, names_json = excluded.names_json,
             position = excluded.position, updated_at = excluded.updated_at
           WHERE kb_categories.site_id = excluded.site_id`,
        ).run({ ...category, id, names: JSON.stringify(category.names) });
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError('category slug taken');
        throw error;
      }
      const row = db.prepare<[string], CategoryRow>('SELECT * FROM kb_categories WHERE id = ?').get(id);
      if (!row || row.site_id !== category.siteId) throw new StoreConflictError('category belongs to another site');
      return toCategory(row);
    },
    async listKbCategories(siteId) {
      return db
        .prepare<[string], CategoryRow>('SELECT * FROM kb_categories WHERE site_id = ? ORDER BY position, slug')
        .all(siteId)
        .map(toCategory);
    },
    async findKbCategory(id) {
      const row = db.prepare<[string], CategoryRow>('SELECT * FROM kb_categories WHERE id = ?').get(id);
      return row ? toCategory(row) : null;
    },
    async deleteKbCategory({ id, siteId }) {
      return db.prepare('DELETE FROM kb_categories WHERE id = ? AND site_id = ?').run(id, siteId).changes > 0;
    },

    async createArticle(record) {
      try {
        return toArticle(createArticle.immediate(record));
      } catch (error) {
        return articleConflict(error);
      }
    },
    async updateArticle(input) {
      try {
        const row = updateArticle.immediate(input);
        return row ? toArticle(row) : null;
      } catch (error) {
        return articleConflict(error);
      }
    },
    async findArticle(id) {
      const row = articleById.get(id);
      return row ? toArticle(row) : null;
    },
    async findArticleBySlug({ siteId, language, slug }) {
      const row = db
        .prepare<[string, string, string], ArticleRow>('SELECT * FROM kb_articles WHERE site_id = ? AND language = ? AND slug = ?')
        .get(siteId, language, slug);
      return row ? toArticle(row) : null;
    },
    async listArticles(query) {
      return db
        .prepare<Record<string, string | null>, ArticleRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM kb_articles a
           WHERE a.site_id = @siteId AND (@language IS NULL OR a.language = @language)
             AND (@status IS NULL OR a.status = @status) AND (@categoryId IS NULL OR a.category_id = @categoryId)
             AND (@group IS NULL OR a.translation_group_id = @group)
           ORDER BY a.updated_at DESC, a.doc_id DESC`,
        )
        .all({
          siteId: query.siteId, language: query.language ?? null, status: query.status ?? null,
          categoryId: query.categoryId ?? null, group: query.translationGroupId ?? null,
        })
        .map(toSummary);
    },
    async deleteArticle(input) {
      return deleteArticle.immediate(input);
    },
    async listPublishedTitles({ siteId, language }) {
      // Only columns stored before the body: the rows' overflow pages are never read.
      return db
        .prepare<[string, string], Pick<ArticleRow, 'id' | 'category_id' | 'language' | 'translation_group_id' | 'slug' | 'title' | 'summary'>>(
          `SELECT id, category_id, language, translation_group_id, slug, title, summary FROM kb_articles
           WHERE site_id = ? AND language = ? AND status = 'published'`,
        )
        .all(siteId, language)
        .map((r) => ({
          id: r.id, categoryId: r.category_id, language: r.language, translationGroupId: r.translation_group_id,
          slug: r.slug, title: r.title, summary: r.summary,
        }));
    },
    async listKbLanguages(siteId) {
      return db
        .prepare<[string], { language: string }>(
          `SELECT DISTINCT language FROM kb_articles WHERE site_id = ? AND status = 'published' ORDER BY language`,
        )
        .all(siteId)
        .map((r) => r.language);
    },
    async searchArticles({ siteId, language, query, limit, publishedOnly }) {
      const match = toFtsMatch(query);
      if (!match) return [];
      return db
        .prepare<Record<string, string | number>, ArticleRow & { score: number }>(
          `SELECT ${SUMMARY_COLUMNS}, -${BM25} AS score
           FROM kb_articles_fts JOIN kb_articles a ON a.doc_id = kb_articles_fts.rowid
           WHERE kb_articles_fts MATCH @match AND a.site_id = @siteId AND a.language = @language
             AND (@publishedOnly = 0 OR a.status = 'published')
           ORDER BY ${BM25}, a.doc_id LIMIT @limit`,
        )
        .all({ match, siteId, language, publishedOnly: publishedOnly ? 1 : 0, limit })
        .map((row) => ({ article: toSummary(row), score: row.score }));
    },

    async recordArticleFeedback(record) {
      const row = recordFeedback.immediate(record);
      return row ? toSummary(row) : null;
    },
    async knowledgeBaseStats(siteId) {
      const row = db
        .prepare<[string], Record<'articles' | 'published' | 'helpful' | 'notHelpful' | 'solved' | 'human', number | null>>(
          `SELECT COUNT(*) AS articles, SUM(status = 'published') AS published, SUM(helpful_count) AS helpful,
             SUM(not_helpful_count) AS notHelpful, SUM(solved_count) AS solved, SUM(human_count) AS human
           FROM kb_articles WHERE site_id = ?`,
        )
        .get(siteId);
      return {
        articles: row?.articles ?? 0, published: row?.published ?? 0, helpful: row?.helpful ?? 0,
        notHelpful: row?.notHelpful ?? 0, solved: row?.solved ?? 0, human: row?.human ?? 0,
      };
    },
    ...sqliteStatusNotices(db),
  };
}
