/** MongoDB documents, indexes and mapping of the knowledge base, compiled onto the store's connection. */
import { Schema, type Connection, type Model } from 'mongoose';
import {
  KB_ARTICLE_STATUSES, STATUS_NOTICE_SEVERITIES,
  type KbArticle, type KbArticleSummary, type KbCategory, type StatusNotice,
} from '@parley/shared';
import { newId } from '../../tokens';
import type { KbFeedbackRecord } from '../knowledge-base.store';

export interface KbCategoryDoc {
  _id: string; siteId: string; slug: string; names: Record<string, string>; position: number; createdAt: Date; updatedAt: Date;
}

/** Folded copies of the text for the text index, and their distinct words for prefix matching. */
export interface KbSearchFields { title: string; summary: string; body: string; words: string[] }

export interface KbArticleDoc {
  _id: string; siteId: string; categoryId: string | null; language: string; translationGroupId: string; slug: string;
  title: string; summary: string; bodyMarkdown: string; status: KbArticle['status'];
  helpfulCount: number; notHelpfulCount: number; solvedCount: number; humanCount: number;
  createdAt: Date; updatedAt: Date; publishedAt: Date | null;
  /** Bumped by every text change: the compare-and-set that keeps `search` in step with the text. */
  revision: number;
  search: KbSearchFields;
}

export interface KbFeedbackDoc {
  _id: string; siteId: string; articleId: string; kind: KbFeedbackRecord['kind']; voterKey: string;
  value: KbFeedbackRecord['value']; at: Date;
}

export interface StatusNoticeDoc {
  _id: string; siteId: string; text: string; severity: StatusNotice['severity']; postedAt: Date; withdrawnAt: Date | null;
  /** True until withdrawn; a partial unique index allows one active notice per site. */
  active: boolean;
}

const OPTIONS = { versionKey: false, id: false, strict: 'throw' } as const;
const idPath = { type: String, default: newId } as const;
const requiredString = { type: String, required: true } as const;
const requiredDate = { type: Date, required: true } as const;
const counter = { type: Number, default: 0 } as const;

export const KB_INDEX = {
  categorySlug: 'kb_category_slug_unique_per_site',
  articleSlug: 'kb_article_slug_unique_per_site_language',
  articleTranslation: 'kb_article_one_per_language_in_group',
  articleText: 'kb_article_text',
  feedbackVoter: 'kb_feedback_one_per_voter',
  oneActiveNotice: 'status_notice_one_active_per_site',
} as const;

const categorySchema = new Schema<KbCategoryDoc>(
  {
    _id: idPath, siteId: requiredString, slug: requiredString, names: { type: Schema.Types.Mixed, required: true },
    position: { type: Number, default: 0 }, createdAt: requiredDate, updatedAt: requiredDate,
  },
  { ...OPTIONS, minimize: false },
);
categorySchema.index({ siteId: 1, slug: 1 }, { unique: true, name: KB_INDEX.categorySlug });

const searchSchema = new Schema<KbSearchFields>(
  { title: { type: String, default: '' }, summary: { type: String, default: '' }, body: { type: String, default: '' }, words: { type: [String], default: [] } },
  { _id: false, id: false, versionKey: false, strict: 'throw' },
);

const articleSchema = new Schema<KbArticleDoc>(
  {
    _id: idPath, siteId: requiredString, categoryId: { type: String, default: null }, language: requiredString,
    translationGroupId: requiredString, slug: requiredString, title: requiredString, summary: { type: String, default: '' },
    bodyMarkdown: { type: String, default: '' }, status: { type: String, enum: KB_ARTICLE_STATUSES, required: true },
    helpfulCount: counter, notHelpfulCount: counter, solvedCount: counter, humanCount: counter,
    createdAt: requiredDate, updatedAt: requiredDate, publishedAt: { type: Date, default: null },
    revision: { type: Number, default: 0 }, search: { type: searchSchema, required: true },
  },
  OPTIONS,
);
articleSchema.index({ siteId: 1, language: 1, slug: 1 }, { unique: true, name: KB_INDEX.articleSlug });
articleSchema.index({ translationGroupId: 1, language: 1 }, { unique: true, name: KB_INDEX.articleTranslation });
articleSchema.index({ siteId: 1, updatedAt: -1 });
articleSchema.index({ siteId: 1, language: 1, 'search.words': 1 });
// Equality prefix (site, language) keeps each search inside one site's language. `language` is our
// field, not MongoDB's per-document stemming language: the override points at a field we never set.
articleSchema.index(
  { siteId: 1, language: 1, 'search.title': 'text', 'search.summary': 'text', 'search.body': 'text' },
  {
    name: KB_INDEX.articleText, default_language: 'none', language_override: 'textSearchLanguage',
    weights: { 'search.title': 10, 'search.summary': 4, 'search.body': 1 },
  },
);

const feedbackSchema = new Schema<KbFeedbackDoc>(
  {
    _id: idPath, siteId: requiredString, articleId: requiredString, kind: { type: String, enum: ['vote', 'deflection'], required: true },
    voterKey: requiredString, value: { type: String, enum: ['helpful', 'not_helpful', 'solved', 'human'], required: true }, at: requiredDate,
  },
  OPTIONS,
);
feedbackSchema.index({ articleId: 1, kind: 1, voterKey: 1 }, { unique: true, name: KB_INDEX.feedbackVoter });

const noticeSchema = new Schema<StatusNoticeDoc>(
  {
    _id: idPath, siteId: requiredString, text: requiredString, severity: { type: String, enum: STATUS_NOTICE_SEVERITIES, required: true },
    postedAt: requiredDate, withdrawnAt: { type: Date, default: null }, active: { type: Boolean, required: true },
  },
  OPTIONS,
);
noticeSchema.index({ siteId: 1 }, { unique: true, name: KB_INDEX.oneActiveNotice, partialFilterExpression: { active: true } });

export interface KbModels {
  kbCategories: Model<KbCategoryDoc>;
  kbArticles: Model<KbArticleDoc>;
  kbFeedback: Model<KbFeedbackDoc>;
  statusNotices: Model<StatusNoticeDoc>;
}

/** Compiles the models and creates their indexes (unique rules included) before the store is used. */
export async function compileKnowledgeBaseModels(connection: Connection): Promise<KbModels> {
  const models: KbModels = {
    kbCategories: connection.model<KbCategoryDoc>('KbCategory', categorySchema, 'kb_categories'),
    kbArticles: connection.model<KbArticleDoc>('KbArticle', articleSchema, 'kb_articles'),
    kbFeedback: connection.model<KbFeedbackDoc>('KbFeedback', feedbackSchema, 'kb_article_feedback'),
    statusNotices: connection.model<StatusNoticeDoc>('StatusNotice', noticeSchema, 'status_notices'),
  };
  await Promise.all(
    Object.values(models).map(async (model: Model<unknown>) => {
      await model.init();
      await model.createIndexes();
    }),
  );
  return models;
}

const iso = (date: Date): string => date.toISOString();

export const toKbCategory = (d: KbCategoryDoc): KbCategory => ({
  id: d._id, siteId: d.siteId, slug: d.slug, names: d.names ?? {}, position: d.position,
  createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt),
});

export const toKbSummary = (d: Omit<KbArticleDoc, 'bodyMarkdown' | 'search' | 'revision'>): KbArticleSummary => ({
  id: d._id, siteId: d.siteId, categoryId: d.categoryId ?? null, language: d.language, translationGroupId: d.translationGroupId,
  slug: d.slug, title: d.title, summary: d.summary, status: d.status, helpfulCount: d.helpfulCount ?? 0,
  notHelpfulCount: d.notHelpfulCount ?? 0, solvedCount: d.solvedCount ?? 0, humanCount: d.humanCount ?? 0,
  createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt), publishedAt: d.publishedAt ? iso(d.publishedAt) : null,
});

export const toKbArticle = (d: KbArticleDoc): KbArticle => ({ ...toKbSummary(d), bodyMarkdown: d.bodyMarkdown });

export const toStatusNotice = (d: StatusNoticeDoc): StatusNotice => ({
  id: d._id, siteId: d.siteId, text: d.text, severity: d.severity, postedAt: iso(d.postedAt),
  withdrawnAt: d.withdrawnAt ? iso(d.withdrawnAt) : null,
});

/** The name of the unique index a duplicate-key error hit, or null for any other error. */
export function kbDuplicateKeyIndex(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 11000 && code !== 11001) return null;
  const text = typeof message === 'string' ? message : '';
  return Object.values(KB_INDEX).find((name) => text.includes(`index: ${name} `)) ?? 'unknown';
}
