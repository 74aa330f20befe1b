/** Text as the searches see it (knowledge base and tickets), the same in every store and in the domain's relevance check. */

// Scripts written without spaces between words: each character becomes its own search token.
const UNSPACED_CHAR = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]';
const UNSPACED_SCRIPT = new RegExp(`(${UNSPACED_CHAR})`, 'gu');
// A run of spaced-out CJK characters is one term (a phrase); otherwise a word of letters and digits.
const TERM = new RegExp(`${UNSPACED_CHAR}(?: +${UNSPACED_CHAR})*|[\\p{L}\\p{N}\\p{Co}\\p{Mc}]+`, 'gu');

/**
 * Folds what people type inconsistently: case, accents (é, ñ), ё/е and й/и, Arabic harakat, Hebrew
 * points. The ticket search compares with this alone. Self-contained (it uses nothing else from this
 * module), as SQLite's read worker registers it from its source text (sqlite/search-fold.ts).
 */
export function foldCaseAndAccents(text: string): string {
  // Most of what is searched (e-mail addresses, English subjects) has nothing to decompose.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC').toLowerCase();
}

/** As foldCaseAndAccents, and spaces out CJK characters so "订单" is found inside "我的订单在哪里". */
export function foldForSearch(text: string): string {
  return foldCaseAndAccents(text).replace(UNSPACED_SCRIPT, ' $1 ');
}

/**
 * The distinct search terms of a text, in order of first appearance: folded words, and runs of CJK
 * characters as space-separated phrases ("订 单").
 */
export function searchTerms(text: string): string[] {
  return [...new Set((foldForSearch(text).match(TERM) ?? []).map((term) => term.replace(/ +/g, ' ')))];
}
