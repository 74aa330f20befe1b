/**
 * What a person typed as a MongoDB pattern that finds it whatever the case and accents of the text,
 * as SQLite's search_fold does: MongoDB has no accent folding for $regex (a collation does not apply).
 */
import { foldCaseAndAccents } from '../../search-text';
import { escapeRegExp } from './escape-regexp';

// The letters people write with accents: Latin (Vietnamese too), Greek with tonos, Cyrillic (ё, й, ї).
const ACCENTED_BLOCKS: readonly [number, number][] = [[0x00c0, 0x024f], [0x1e00, 0x1eff], [0x0386, 0x03ce], [0x0400, 0x04ff]];

/** Each folded letter and the accented letters that fold to it: "e" → "èéêëēĕėęěÈÉÊË…". */
const ACCENTED_FORMS: ReadonlyMap<string, string> = (() => {
  const forms = new Map<string, string>();
  for (const [first, last] of ACCENTED_BLOCKS) {
    for (let code = first; code <= last; code += 1) {
      const letter = String.fromCodePoint(code);
      const folded = foldCaseAndAccents(letter);
      // Letters without an accent are matched by the 'i' flag; ligatures folding to two letters are left alone.
      if (folded === letter.toLowerCase() || [...folded].length !== 1) continue;
      forms.set(folded, (forms.get(folded) ?? '') + letter);
    }
  }
  return forms;
})();

/**
 * Each letter of the folded search as itself or any accented form, with combining marks allowed
 * after it (text stored decomposed, Arabic harakat, Hebrew points). "Jose" finds "José" and "JOSÉ".
 */
export function accentFoldingRegExp(search: string): RegExp {
  const letters = [...foldCaseAndAccents(search)].map((letter) => {
    const forms = ACCENTED_FORMS.get(letter);
    return forms ? `[${letter}${forms}]` : escapeRegExp(letter);
  });
  // 'u' for \p{Mn} here; on the server $regex is always UTF-8, where PCRE knows \p{Mn} too.
  return new RegExp(letters.join('\\p{Mn}*'), 'iu');
}
