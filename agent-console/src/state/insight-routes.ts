/**
 * The knowledge-base and analytics screens' places in the URL's hash:
 * #/kb, #/kb/categories, #/kb/notice, #/kb/stats, #/kb/articles/new, #/kb/articles/<id>,
 * #/kb/articles/<id>/translate/<language>, and #/analytics.
 */
export const KB_SECTIONS = ['articles', 'categories', 'notice', 'stats'] as const;
export type KbSection = (typeof KB_SECTIONS)[number];

export type KbView =
  | { section: KbSection }
  | { section: 'article'; articleId: string }
  /** A new article; with translationOf, a translation joining that article's group. */
  | { section: 'new-article'; translationOf: string | null; language: string | null };

export type InsightRoute = { name: 'kb'; view: KbView } | { name: 'analytics' };

const isSection = (value: string | undefined): value is KbSection =>
  (KB_SECTIONS as readonly string[]).includes(value ?? '');

/** `parts` is the hash split at "/" and decoded; null when it names neither screen. */
export function parseInsightRoute(parts: readonly (string | undefined)[]): InsightRoute | null {
  const [first, second, third, fourth, fifth] = parts;
  if (first === 'analytics') return { name: 'analytics' };
  if (first !== 'kb') return null;
  if (second === 'articles' && third === 'new') {
    return { name: 'kb', view: { section: 'new-article', translationOf: null, language: null } };
  }
  if (second === 'articles' && third && fourth === 'translate' && fifth) {
    return { name: 'kb', view: { section: 'new-article', translationOf: third, language: fifth } };
  }
  if (second === 'articles' && third) return { name: 'kb', view: { section: 'article', articleId: third } };
  return { name: 'kb', view: { section: isSection(second) ? second : 'articles' } };
}

function kbHref(view: KbView): string {
  const at = (...parts: string[]) => `#/kb/${parts.map(encodeURIComponent).join('/')}`;
  switch (view.section) {
    case 'articles':
      return '#/kb';
    case 'article':
      return at('articles', view.articleId);
    case 'new-article':
      return view.translationOf && view.language
        ? at('articles', view.translationOf, 'translate', view.language)
        : at('articles', 'new');
    default:
      return at(view.section);
  }
}

export function insightHref(route: InsightRoute): string {
  return route.name === 'analytics' ? '#/analytics' : kbHref(route.view);
}
