/** The knowledge base: categories, articles in several languages, search, votes, deflection, status notices. */
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common';

/** An article's language: a primary BCP 47 subtag (en, ru, pt), lower case. */
export const KbLanguageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'must be a language code such as en or ru');

/** URL segment of an article or category: lower-case letters (any script), digits and single hyphens. */
export const KbSlugSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u, 'lower-case letters, digits and single hyphens');

export const KB_ARTICLE_STATUSES = ['draft', 'published'] as const;
export const KbArticleStatusSchema = z.enum(KB_ARTICLE_STATUSES);
export type KbArticleStatus = z.infer<typeof KbArticleStatusSchema>;

export const KB_TITLE_MAX = 200;
export const KB_SUMMARY_MAX = 500;
export const KB_BODY_MAX = 100_000;

const TitleSchema = z.string().trim().min(1).max(KB_TITLE_MAX);
const SummarySchema = z.string().trim().max(KB_SUMMARY_MAX);
const BodySchema = z.string().max(KB_BODY_MAX);

/** Category names per language ({ en: 'Billing', ru: 'Оплата' }); pages fall back to English. */
const CategoryNamesSchema = z
  .record(KbLanguageSchema, z.string().trim().min(1).max(120))
  .refine((names) => Object.keys(names).length >= 1 && Object.keys(names).length <= 20, 'between 1 and 20 languages');

export const KbCategorySchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  slug: KbSlugSchema,
  names: z.record(z.string(), z.string()),
  /** Lower comes first in the help centre. */
  position: z.number().int(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});
export type KbCategory = z.infer<typeof KbCategorySchema>;

export const KbCategoryInputSchema = z.strictObject({
  slug: KbSlugSchema,
  names: CategoryNamesSchema,
  position: z.number().int().min(0).max(10_000).default(0),
});
export type KbCategoryInput = z.infer<typeof KbCategoryInputSchema>;

export const KbCategoryPatchSchema = z
  .strictObject({ slug: KbSlugSchema, names: CategoryNamesSchema, position: z.number().int().min(0).max(10_000) })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type KbCategoryPatch = z.infer<typeof KbCategoryPatchSchema>;

/** An article without its body: what lists and search results carry. */
export const KbArticleSummarySchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  categoryId: IdSchema.nullable(),
  language: KbLanguageSchema,
  /** Shared by an article and its translations (one article per language in a group). */
  translationGroupId: IdSchema,
  slug: KbSlugSchema,
  title: z.string(),
  summary: z.string(),
  status: KbArticleStatusSchema,
  helpfulCount: z.number().int(),
  notHelpfulCount: z.number().int(),
  /** Visitors who said the article solved their question instead of talking to a person. */
  solvedCount: z.number().int(),
  /** Visitors who read it and still asked for a person. */
  humanCount: z.number().int(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  publishedAt: IsoDateSchema.nullable(),
});
export type KbArticleSummary = z.infer<typeof KbArticleSummarySchema>;

export const KbArticleSchema = KbArticleSummarySchema.extend({ bodyMarkdown: z.string() });
export type KbArticle = z.infer<typeof KbArticleSchema>;

export const KbArticleInputSchema = z.strictObject({
  language: KbLanguageSchema,
  title: TitleSchema,
  summary: SummarySchema.default(''),
  bodyMarkdown: BodySchema,
  /** Derived from the title when absent. */
  slug: KbSlugSchema.optional(),
  categoryId: IdSchema.nullable().optional(),
  /** The article this one translates: it joins that article's translation group. */
  translationOf: IdSchema.optional(),
});
export type KbArticleInput = z.infer<typeof KbArticleInputSchema>;

export const KbArticlePatchSchema = z
  .strictObject({
    title: TitleSchema,
    summary: SummarySchema,
    bodyMarkdown: BodySchema,
    slug: KbSlugSchema,
    categoryId: IdSchema.nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type KbArticlePatch = z.infer<typeof KbArticlePatchSchema>;

/** Query string of GET /api/kb/articles. */
export const KbArticleListQuerySchema = z.strictObject({
  language: KbLanguageSchema.optional(),
  status: KbArticleStatusSchema.optional(),
  categoryId: IdSchema.optional(),
});
export type KbArticleListQuery = z.infer<typeof KbArticleListQuerySchema>;

/** Where an article is read by people: its help-centre address. */
export const KbArticleLinkSchema = z.object({
  articleId: IdSchema,
  language: KbLanguageSchema,
  slug: KbSlugSchema,
  url: z.string(),
});
export type KbArticleLink = z.infer<typeof KbArticleLinkSchema>;

/** An article as agents and admins read it: the Markdown, its sanitised HTML, and its translations. */
export const KbArticleViewSchema = z.object({
  article: KbArticleSchema,
  html: z.string(),
  url: z.string(),
  translations: z.array(KbArticleLinkSchema),
});
export type KbArticleView = z.infer<typeof KbArticleViewSchema>;

/** Query string of GET /api/kb/search (agents: drafts too unless status=published). */
export const KbSearchRequestSchema = z.strictObject({
  q: z.string().trim().min(1).max(200),
  language: KbLanguageSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  status: z.literal('published').optional(),
});
export type KbSearchRequest = z.infer<typeof KbSearchRequestSchema>;

export const KbSearchHitSchema = z.object({
  article: KbArticleSummarySchema,
  /** Higher is more relevant; comparable only within one response. */
  score: z.number(),
  url: z.string(),
});
export type KbSearchHit = z.infer<typeof KbSearchHitSchema>;

export const KbSearchResponseSchema = z.object({ hits: z.array(KbSearchHitSchema) });
export type KbSearchResponse = z.infer<typeof KbSearchResponseSchema>;

/** What a visitor sees of an article in a list: no counters, no drafts, no internals. */
export const KbPublicArticleSummarySchema = z.object({
  id: IdSchema,
  language: KbLanguageSchema,
  slug: KbSlugSchema,
  title: z.string(),
  summary: z.string(),
  url: z.string(),
});
export type KbPublicArticleSummary = z.infer<typeof KbPublicArticleSummarySchema>;

export const KbPublicArticleSchema = KbPublicArticleSummarySchema.extend({
  /** Sanitised HTML rendered from the Markdown on the server. */
  html: z.string(),
  updatedAt: IsoDateSchema,
  translations: z.array(KbArticleLinkSchema),
});
export type KbPublicArticle = z.infer<typeof KbPublicArticleSchema>;

/** `kb:suggest`: what the visitor is typing or has asked. */
export const KbSuggestRequestSchema = z.strictObject({ text: z.string().trim().min(1).max(500) });
export type KbSuggestRequest = z.infer<typeof KbSuggestRequestSchema>;

export const KbSuggestionsSchema = z.object({
  /** Visitor's language first, then English; best first. */
  articles: z.array(KbPublicArticleSummarySchema),
  /** Set when one article answers the question well enough to offer it before a person. */
  bestMatch: KbPublicArticleSummarySchema.nullable(),
});
export type KbSuggestions = z.infer<typeof KbSuggestionsSchema>;

export const KbArticleRequestSchema = z.strictObject({ articleId: IdSchema });
export type KbArticleRequest = z.infer<typeof KbArticleRequestSchema>;

/** "Did this help?" A later vote by the same visitor replaces their earlier one. */
export const KbVoteSchema = z.strictObject({ articleId: IdSchema, helpful: z.boolean() });
export type KbVote = z.infer<typeof KbVoteSchema>;

export const KB_DEFLECTION_OUTCOMES = ['solved', 'human'] as const;
export const KbDeflectionOutcomeSchema = z.enum(KB_DEFLECTION_OUTCOMES);
export type KbDeflectionOutcome = z.infer<typeof KbDeflectionOutcomeSchema>;

/** After an offered article: "this solved it" or "talk to a person". */
export const KbDeflectionSchema = z.strictObject({ articleId: IdSchema, outcome: KbDeflectionOutcomeSchema });
export type KbDeflection = z.infer<typeof KbDeflectionSchema>;

export const KbFeedbackReceiptSchema = z.object({ recorded: z.literal(true) });
export type KbFeedbackReceipt = z.infer<typeof KbFeedbackReceiptSchema>;

export const KbStatsSchema = z.object({
  articles: z.number().int(),
  published: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  solved: z.number().int(),
  human: z.number().int(),
});
export type KbStats = z.infer<typeof KbStatsSchema>;

export const STATUS_NOTICE_SEVERITIES = ['info', 'warning', 'outage'] as const;
export const StatusNoticeSeveritySchema = z.enum(STATUS_NOTICE_SEVERITIES);
export type StatusNoticeSeverity = z.infer<typeof StatusNoticeSeveritySchema>;

/** "Payments are slow, we are on it": shown in the widget and help centre until withdrawn. */
export const StatusNoticeSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  text: z.string(),
  severity: StatusNoticeSeveritySchema,
  postedAt: IsoDateSchema,
  withdrawnAt: IsoDateSchema.nullable(),
});
export type StatusNotice = z.infer<typeof StatusNoticeSchema>;

export const StatusNoticeInputSchema = z.strictObject({
  text: z.string().trim().min(1).max(500),
  severity: StatusNoticeSeveritySchema.default('info'),
});
export type StatusNoticeInput = z.infer<typeof StatusNoticeInputSchema>;

/** The active notice as visitors get it. */
export const PublicStatusNoticeSchema = StatusNoticeSchema.pick({ text: true, severity: true, postedAt: true });
export type PublicStatusNotice = z.infer<typeof PublicStatusNoticeSchema>;
