/**
 * The knowledge base as the console lists it: categories, and the articles matching the
 * filters (language, status, category) or a search. One store lives while the screen is open.
 */
import type { ErrorCode, KbArticleStatus, KbArticleSummary, KbArticleView, KbCategory } from '@parley/shared';
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { errorCodeOf } from '../api/api-error';
import type { KbClient } from '../api/kb.client';

export interface KbFilters {
  /** '' is every language. */
  language: string;
  status: KbArticleStatus | '';
  categoryId: string;
  /** A search; '' lists instead. */
  query: string;
}

export type LoadState = 'loading' | 'ready' | 'failed';

export interface KbStore {
  categories: ReadonlySignal<readonly KbCategory[]>;
  categoriesState: ReadonlySignal<LoadState>;
  filters: ReadonlySignal<KbFilters>;
  articles: ReadonlySignal<readonly KbArticleSummary[]>;
  articlesState: ReadonlySignal<LoadState>;
  /** Why the last list or search failed. */
  articlesError: ReadonlySignal<ErrorCode>;
  /** Every language an article was seen in, for the filter and for translations. */
  languages: ReadonlySignal<readonly string[]>;
  setFilters(change: Partial<KbFilters>): Promise<void>;
  refresh(): Promise<void>;
  loadCategories(): Promise<void>;
  /** A saved category replaces its old copy (or joins the list). */
  putCategory(category: KbCategory): void;
  dropCategory(categoryId: string): void;
  /**
   * An article just created in the editor, handed to the editor that opens at its new address,
   * so it shows at once with what happened to it ("saved", "published").
   */
  handOff(view: KbArticleView, note: string | null): void;
  takeHandOff(articleId: string): { view: KbArticleView; note: string | null } | null;
}

export const EMPTY_FILTERS: KbFilters = { language: '', status: '', categoryId: '', query: '' };

const byPosition = (a: KbCategory, b: KbCategory) => a.position - b.position || a.slug.localeCompare(b.slug);

/** Search answers come per language and carry drafts; the filters that search cannot apply apply here. */
function matches(article: KbArticleSummary, filters: KbFilters): boolean {
  if (filters.status && article.status !== filters.status) return false;
  return !filters.categoryId || article.categoryId === filters.categoryId;
}

export function createKbStore(client: KbClient): KbStore {
  const categories = signal<readonly KbCategory[]>([]);
  const categoriesState = signal<LoadState>('loading');
  const filters = signal<KbFilters>(EMPTY_FILTERS);
  const articles = signal<readonly KbArticleSummary[]>([]);
  const articlesState = signal<LoadState>('loading');
  const articlesError = signal<ErrorCode>('INTERNAL');
  const seenLanguages = signal<ReadonlySet<string>>(new Set(['en']));
  // Only the answer to the latest request may land; an older, slower one is dropped.
  let latest = 0;
  let handedOff: { view: KbArticleView; note: string | null } | null = null;

  function remember(found: readonly KbArticleSummary[]) {
    const next = new Set(seenLanguages.value);
    found.forEach((a) => next.add(a.language));
    if (next.size !== seenLanguages.value.size) seenLanguages.value = next;
  }

  async function find(current: KbFilters): Promise<KbArticleSummary[]> {
    const query = current.query.trim();
    if (!query) {
      return client.listArticles({
        ...(current.language ? { language: current.language } : {}),
        ...(current.status ? { status: current.status } : {}),
        ...(current.categoryId ? { categoryId: current.categoryId } : {}),
      });
    }
    // The server searches one language at a time; "every language" asks each one we know.
    const languages = current.language ? [current.language] : [...seenLanguages.value];
    const answers = await Promise.all(
      languages.map((language) =>
        client.search({ q: query, language, ...(current.status === 'published' ? { status: 'published' } : {}) }),
      ),
    );
    return answers.flat().map((hit) => hit.article).filter((article) => matches(article, current));
  }

  async function refresh() {
    const ticket = ++latest;
    articlesState.value = 'loading';
    try {
      const found = await find(filters.value);
      if (ticket !== latest) return;
      batch(() => {
        articles.value = found;
        articlesState.value = 'ready';
        remember(found);
      });
    } catch (error) {
      if (ticket === latest) {
        articlesError.value = errorCodeOf(error);
        articlesState.value = 'failed';
      }
      throw error;
    }
  }

  return {
    categories,
    categoriesState,
    filters,
    articles,
    articlesState,
    articlesError,
    languages: computed(() => [...seenLanguages.value].sort()),
    setFilters(change) {
      filters.value = { ...filters.value, ...change };
      return refresh();
    },
    refresh,
    async loadCategories() {
      categoriesState.value = 'loading';
      try {
        const loaded = await client.listCategories();
        batch(() => {
          categories.value = [...loaded].sort(byPosition);
          categoriesState.value = 'ready';
        });
      } catch (error) {
        categoriesState.value = 'failed';
        throw error;
      }
    },
    putCategory(category) {
      categories.value = [...categories.value.filter((c) => c.id !== category.id), category].sort(byPosition);
    },
    dropCategory(categoryId) {
      categories.value = categories.value.filter((c) => c.id !== categoryId);
    },
    handOff(view, note) {
      handedOff = { view, note };
    },
    takeHandOff(articleId) {
      const found = handedOff?.view.article.id === articleId ? handedOff : null;
      handedOff = null;
      return found;
    },
  };
}
