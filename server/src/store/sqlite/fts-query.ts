/** Turns what a person typed into a safe FTS5 MATCH expression: quoted terms, OR-ed, the last one a prefix. */
import { searchTerms } from '../../search-text';

/** More terms add little to ranking and cost time; a pasted paragraph keeps its first words. */
const MAX_TERMS = 16;

/**
 * Only runs of letters and digits survive, so quotes, `*`, `:`, `^`, `-`, parentheses, NEAR, AND, OR
 * and NOT never reach FTS5 as syntax: each term is a quoted string. Null when nothing searchable is left.
 */
export function toFtsMatch(text: string): string | null {
  const terms = searchTerms(text).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  // The last word may still be being typed: "passw" finds "password".
  return terms.map((term, index) => `"${term}"${index === terms.length - 1 ? '*' : ''}`).join(' OR ');
}
