/** An article being edited: its fields as typed, what is wrong with them, and what changed since saving. */
import type { KbArticle, KbArticleInput, KbArticlePatch } from '@parley/shared';
import { BODY_MAX, SUMMARY_MAX, TITLE_MAX } from '../../api/insight-limits';

export interface ArticleDraft {
  language: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  /** '' on a new article: the server makes one from the title. */
  slug: string;
  /** '' is no category. */
  categoryId: string;
}

export type DraftProblem = 'title' | 'summary' | 'body' | 'slug' | 'language';

export const SLUG = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u;
const LANGUAGE = /^[a-z]{2,3}$/;

export function draftOf(article: KbArticle): ArticleDraft {
  return {
    language: article.language,
    title: article.title,
    summary: article.summary,
    bodyMarkdown: article.bodyMarkdown,
    slug: article.slug,
    categoryId: article.categoryId ?? '',
  };
}

export function emptyDraft(language: string): ArticleDraft {
  return { language, title: '', summary: '', bodyMarkdown: '', slug: '', categoryId: '' };
}

/** What keeps a draft from being saved; an empty slug is fine only before the first save. */
export function problemsOf(draft: ArticleDraft, isNew: boolean): Set<DraftProblem> {
  const problems = new Set<DraftProblem>();
  const title = draft.title.trim();
  if (!title || title.length > TITLE_MAX) problems.add('title');
  if (draft.summary.trim().length > SUMMARY_MAX) problems.add('summary');
  if (draft.bodyMarkdown.length > BODY_MAX) problems.add('body');
  const slug = draft.slug.trim();
  if ((slug || !isNew) && (!SLUG.test(slug) || slug.length > 120)) problems.add('slug');
  if (!LANGUAGE.test(draft.language)) problems.add('language');
  return problems;
}

export function inputOf(draft: ArticleDraft, translationOf: string | null): KbArticleInput {
  return {
    language: draft.language,
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    bodyMarkdown: draft.bodyMarkdown,
    ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    categoryId: draft.categoryId || null,
    ...(translationOf ? { translationOf } : {}),
  };
}

/** Only the fields that differ from the saved article; null when nothing does. */
export function patchOf(draft: ArticleDraft, saved: KbArticle): KbArticlePatch | null {
  const patch: KbArticlePatch = {};
  if (draft.title.trim() !== saved.title) patch.title = draft.title.trim();
  if (draft.summary.trim() !== saved.summary) patch.summary = draft.summary.trim();
  if (draft.bodyMarkdown !== saved.bodyMarkdown) patch.bodyMarkdown = draft.bodyMarkdown;
  if (draft.slug.trim() !== saved.slug) patch.slug = draft.slug.trim();
  if ((draft.categoryId || null) !== saved.categoryId) patch.categoryId = draft.categoryId || null;
  return Object.keys(patch).length > 0 ? patch : null;
}
