/**
 * When is a search hit good enough to offer before a person? Store scores (bm25, textScore) are not
 * comparable across stores or sites, so the answer rests on the question's words found in the title
 * and summary, which is what the visitor will read.
 */
import { searchTerms } from '../search-text';

/** Share of the question's meaningful words the offered article must cover. */
export const BEST_MATCH_MIN_COVERAGE = 0.5;
/** Hits scoring below this share of the best one are noise in a suggestion list. */
export const SUGGESTION_MIN_RELATIVE_SCORE = 0.25;

/** Words of one or two letters ("do", "my", "в") carry little meaning in any of our languages. */
const meaningful = (terms: string[]): string[] => {
  const long = terms.filter((term) => term.length >= 3 || term.includes(' '));
  return long.length > 0 ? long : terms;
};

/** Same word up to a short ending: "refund"/"refunds", "пароль"/"пароля"; never "card"/"care". */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common += 1;
  return common >= 4 && common >= shorter - 2;
}

/** CJK phrases ("订 单") count character by character: a question rarely repeats a title's exact run. */
const units = (terms: string[]): string[] => terms.flatMap((term) => term.split(' '));

/** Share (0..1) of the question's meaningful terms found in the text. */
export function coverage(question: string, text: string): number {
  const wanted = units(meaningful(searchTerms(question)));
  if (wanted.length === 0) return 0;
  const words = units(searchTerms(text));
  return wanted.filter((term) => words.some((word) => sameWord(term, word))).length / wanted.length;
}

/** The top hit, if it answers the question well enough to offer it before a person. */
export function bestMatch<T extends { title: string; summary: string }>(question: string, ranked: T[]): T | null {
  const [top] = ranked;
  if (!top) return null;
  return coverage(question, `${top.title} ${top.summary}`) >= BEST_MATCH_MIN_COVERAGE ? top : null;
}

/** Drops the tail of weak hits, keeping the order. */
export function strongHits<T extends { score: number }>(ranked: T[]): T[] {
  const best = ranked[0]?.score ?? 0;
  return best <= 0 ? ranked : ranked.filter((hit) => hit.score >= best * SUGGESTION_MIN_RELATIVE_SCORE);
}
