/** The knowledge base on MongoDB: a weighted text index over folded copies of the text, $inc counters, CAS edits. */
import type { Connection } from 'mongoose';
import { foldForSearch, searchTerms } from '../../search-text';
import { newId } from '../../tokens';
import type { KbArticleChanges, KbFeedbackRecord, KnowledgeBaseStore } from '../knowledge-base.store';
import { StoreConflictError } from '../store';
import { escapeRegExp } from './escape-regexp';
import {
  compileKnowledgeBaseModels, kbDuplicateKeyIndex, KB_INDEX, toKbArticle, toKbCategory, toKbSummary,
  type KbArticleDoc, type KbCategoryDoc, type KbModels, type KbSearchFields,
} from './mongo-knowledge-base.models';
import { mongoStatusNotices } from './mongo-status-notices';

const MAX_TERMS = 16;
/** Whole words a typed prefix ("passw") stands for; MongoDB's text search has no prefix operator. */
const MAX_PREFIX_EXPANSIONS = 20;
const COUNTER_FIELD: Record<KbFeedbackRecord['value'], string> = {
  helpful: 'helpfulCount', not_helpful: 'notHelpfulCount', solved: 'solvedCount', human: 'humanCount',
};
const SUMMARY_PROJECTION = { bodyMarkdown: 0, search: 0, revision: 0 } as const;

/** Single tokens only: a CJK phrase ("订 单") counts as its characters. */
const tokensOf = (text: string): string[] => [...new Set(searchTerms(text).flatMap((term) => term.split(' ')))];

function searchFields(a: Pick<KbArticleDoc, 'title' | 'summary' | 'bodyMarkdown'>): KbSearchFields {
  return {
    title: foldForSearch(a.title), summary: foldForSearch(a.summary), body: foldForSearch(a.bodyMarkdown),
    words: tokensOf(`${a.title} ${a.summary} ${a.bodyMarkdown}`),
  };
}

function articleConflict(error: unknown): never {
  const index = kbDuplicateKeyIndex(error);
  if (index === null) throw error;
  throw new StoreConflictError(index === KB_INDEX.articleTranslation ? 'translation exists' : 'slug taken');
}

export async function mongoKnowledgeBase(connection: Connection): Promise<KnowledgeBaseStore> {
  const models: KbModels = await compileKnowledgeBaseModels(connection);
  const { kbCategories, kbArticles, kbFeedback } = models;

  /** Whole words of the site's articles in this language that start with the prefix. */
  async function expandPrefix(input: { siteId: string; language: string; prefix: string }): Promise<string[]> {
    const startsWith = new RegExp(`^${escapeRegExp(input.prefix)}`);
    const rows = await kbArticles.aggregate<{ _id: string }>([
      { $match: { siteId: input.siteId, language: input.language, 'search.words': startsWith } },
      { $unwind: '$search.words' },
      { $match: { 'search.words': startsWith } },
      { $group: { _id: '$search.words' } },
      { $limit: MAX_PREFIX_EXPANSIONS },
    ]);
    return rows.map((row) => row._id);
  }

  /** Text edits are compare-and-set on `revision`, so `search` always matches the text it was built from. */
  async function updateText(input: { id: string; siteId: string; changes: KbArticleChanges; set: Record<string, unknown> }) {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await kbArticles.findOne({ _id: input.id, siteId: input.siteId }).lean<KbArticleDoc>();
      if (!current) return null;
      const next = { ...current, ...input.changes } as KbArticleDoc;
      const doc = await kbArticles
        .findOneAndUpdate(
          { _id: input.id, siteId: input.siteId, revision: current.revision },
          { $set: { ...input.set, search: searchFields(next) }, $inc: { revision: 1 } },
          { returnDocument: 'after' },
        )
        .lean<KbArticleDoc>();
      if (doc) return doc;
    }
    throw new Error('the article kept changing; edit not applied');
  }

  return {
    async saveKbCategory(category) {
      const at = new Date(category.at);
      try {
        // Keyed by id and site: an id of another site's category fails the upsert on _id, never edits it.
        const doc = await kbCategories
          .findOneAndUpdate(
            { _id: category.id ?? newId(), siteId: category.siteId },
            { $set: { slug: category.slug, names: category.names, position: category.position, updatedAt: at }, $setOnInsert: { createdAt: at } },
            { upsert: true, returnDocument: 'after' },
          )
          .lean<KbCategoryDoc>();
        if (!doc) throw new Error('upsert returned no document');
        return toKbCategory(doc);
      } catch (error) {
        const index = kbDuplicateKeyIndex(error);
        if (index === KB_INDEX.categorySlug) throw new StoreConflictError('category slug taken');
        if (index !== null) throw new StoreConflictError('category belongs to another site');
        throw error;
      }
    },
    async listKbCategories(siteId) {
      const docs = await kbCategories.find({ siteId }).sort({ position: 1, slug: 1 }).lean<KbCategoryDoc[]>();
      return docs.map(toKbCategory);
    },
    async findKbCategory(id) {
      const doc = await kbCategories.findById(id).lean<KbCategoryDoc>();
      return doc ? toKbCategory(doc) : null;
    },
    async deleteKbCategory({ id, siteId }) {
      const deleted = (await kbCategories.deleteOne({ _id: id, siteId })).deletedCount > 0;
      if (deleted) await kbArticles.updateMany({ siteId, categoryId: id }, { $set: { categoryId: null } });
      return deleted;
    },

    async createArticle(record) {
      const id = newId();
      const at = new Date(record.at);
      const doc: KbArticleDoc = {
        _id: id, siteId: record.siteId, categoryId: record.categoryId, language: record.language,
        translationGroupId: record.translationGroupId ?? id, slug: record.slug, title: record.title, summary: record.summary,
        bodyMarkdown: record.bodyMarkdown, status: 'draft', helpfulCount: 0, notHelpfulCount: 0, solvedCount: 0, humanCount: 0,
        createdAt: at, updatedAt: at, publishedAt: null, revision: 0, search: searchFields(record),
      };
      try {
        await kbArticles.create(doc);
      } catch (error) {
        articleConflict(error);
      }
      return toKbArticle(doc);
    },
    async updateArticle({ id, siteId, changes, at }) {
      const when = new Date(at);
      const set: Record<string, unknown> = { updatedAt: when };
      for (const field of ['categoryId', 'slug', 'title', 'summary', 'bodyMarkdown'] as const) {
        if (changes[field] !== undefined) set[field] = changes[field];
      }
      try {
        if (changes.title !== undefined || changes.summary !== undefined || changes.bodyMarkdown !== undefined) {
          const doc = await updateText({ id, siteId, changes, set });
          if (!doc) return null;
          if (changes.status === undefined) return toKbArticle(doc);
        } else if (changes.status === undefined) {
          const doc = await kbArticles.findOneAndUpdate({ _id: id, siteId }, { $set: set }, { returnDocument: 'after' }).lean<KbArticleDoc>();
          return doc ? toKbArticle(doc) : null;
        }
        // Publishing keeps the first publication time; unpublishing clears it.
        const publishedAt = changes.status === 'published' ? { $ifNull: ['$publishedAt', when] } : null;
        const doc = await kbArticles
          .findOneAndUpdate(
            { _id: id, siteId },
            [{ $set: { ...set, status: changes.status, publishedAt } }],
            { returnDocument: 'after', updatePipeline: true },
          )
          .lean<KbArticleDoc>();
        return doc ? toKbArticle(doc) : null;
      } catch (error) {
        return articleConflict(error);
      }
    },
    async findArticle(id) {
      const doc = await kbArticles.findById(id).lean<KbArticleDoc>();
      return doc ? toKbArticle(doc) : null;
    },
    async findArticleBySlug({ siteId, language, slug }) {
      const doc = await kbArticles.findOne({ siteId, language, slug }).lean<KbArticleDoc>();
      return doc ? toKbArticle(doc) : null;
    },
    async listArticles(query) {
      const filter: Record<string, string> = { siteId: query.siteId };
      if (query.language) filter.language = query.language;
      if (query.status) filter.status = query.status;
      if (query.categoryId) filter.categoryId = query.categoryId;
      if (query.translationGroupId) filter.translationGroupId = query.translationGroupId;
      const docs = await kbArticles.find(filter, SUMMARY_PROJECTION).sort({ updatedAt: -1, _id: -1 }).lean<KbArticleDoc[]>();
      return docs.map(toKbSummary);
    },
    async deleteArticle({ id, siteId }) {
      const deleted = (await kbArticles.deleteOne({ _id: id, siteId })).deletedCount > 0;
      if (deleted) await kbFeedback.deleteMany({ articleId: id });
      return deleted;
    },
    async listPublishedTitles({ siteId, language }) {
      const docs = await kbArticles
        .find({ siteId, language, status: 'published' }, { categoryId: 1, language: 1, translationGroupId: 1, slug: 1, title: 1, summary: 1 })
        .lean<Pick<KbArticleDoc, '_id' | 'categoryId' | 'language' | 'translationGroupId' | 'slug' | 'title' | 'summary'>[]>();
      return docs.map((d) => ({
        id: d._id, categoryId: d.categoryId ?? null, language: d.language, translationGroupId: d.translationGroupId,
        slug: d.slug, title: d.title, summary: d.summary,
      }));
    },
    async listKbLanguages(siteId) {
      const languages = await kbArticles.distinct('language', { siteId, status: 'published' });
      return languages.map(String).sort();
    },
    async searchArticles({ siteId, language, query, limit, publishedOnly }) {
      const terms = tokensOf(query).slice(0, MAX_TERMS);
      const last = terms[terms.length - 1];
      if (last === undefined) return [];
      const expansions = await expandPrefix({ siteId, language, prefix: last });
      // Only letters and digits reach $search: no quotes (phrases) and no leading '-' (negation).
      const search = [...new Set([...terms, ...expansions])].join(' ');
      const docs = await kbArticles
        .find(
          { siteId, language, ...(publishedOnly ? { status: 'published' } : {}), $text: { $search: search } },
          { ...SUMMARY_PROJECTION, score: { $meta: 'textScore' } },
        )
        .sort({ score: { $meta: 'textScore' }, _id: 1 })
        .limit(limit)
        .lean<(KbArticleDoc & { score: number })[]>();
      return docs.map(({ score, ...doc }) => ({ article: toKbSummary(doc), score }));
    },

    async recordArticleFeedback(record) {
      if (!(await kbArticles.exists({ _id: record.articleId, siteId: record.siteId }))) return null;
      const at = new Date(record.at);
      const key = { articleId: record.articleId, kind: record.kind, voterKey: record.voterKey };
      let previous: { value: KbFeedbackRecord['value'] } | null = null;
      try {
        previous = await kbFeedback
          .findOneAndUpdate(key, { $set: { value: record.value, at }, $setOnInsert: { siteId: record.siteId } }, { upsert: true, returnDocument: 'before' })
          .lean<{ value: KbFeedbackRecord['value'] }>();
      } catch (error) {
        // Two first votes of one voter at once: the unique index let one in; this one is a repeat.
        if (kbDuplicateKeyIndex(error) !== KB_INDEX.feedbackVoter) throw error;
        previous = await kbFeedback
          .findOneAndUpdate(key, { $set: { value: record.value, at } }, { returnDocument: 'before' })
          .lean<{ value: KbFeedbackRecord['value'] }>();
      }
      if (previous?.value !== record.value) {
        const inc: Record<string, number> = { [COUNTER_FIELD[record.value]]: 1 };
        if (previous) inc[COUNTER_FIELD[previous.value]] = -1;
        await kbArticles.updateOne({ _id: record.articleId }, { $inc: inc });
      }
      const doc = await kbArticles.findById(record.articleId, SUMMARY_PROJECTION).lean<KbArticleDoc>();
      return doc ? toKbSummary(doc) : null;
    },
    async knowledgeBaseStats(siteId) {
      const [row] = await kbArticles.aggregate<Record<'articles' | 'published' | 'helpful' | 'notHelpful' | 'solved' | 'human', number>>([
        { $match: { siteId } },
        {
          $group: {
            _id: null, articles: { $sum: 1 }, published: { $sum: { $cond: [{ $eq: ['$status', 'published'] }, 1, 0] } },
            helpful: { $sum: '$helpfulCount' }, notHelpful: { $sum: '$notHelpfulCount' },
            solved: { $sum: '$solvedCount' }, human: { $sum: '$humanCount' },
          },
        },
      ]);
      return {
        articles: row?.articles ?? 0, published: row?.published ?? 0, helpful: row?.helpful ?? 0,
        notHelpful: row?.notHelpful ?? 0, solved: row?.solved ?? 0, human: row?.human ?? 0,
      };
    },
    ...mongoStatusNotices(models),
  };
}
