/** The languages an agent answers in: real languages, named by their primary BCP 47 subtag (en, pt, zh). */
import { z } from 'zod';

export const LANGUAGE_CODE_MESSAGE = 'must be a language code like en';

/** Codes that are well-formed but name no language: undetermined, multiple, none, uncoded. */
const NOT_A_LANGUAGE = new Set(['und', 'mul', 'zxx', 'mis']);

let languageNames: Intl.DisplayNames | undefined;

/**
 * The primary language subtag of `tag` ("pt-BR" → "pt", "iw" → "he", "EN" → "en"), or null when
 * `tag` is not a language tag or names no language anyone knows ("zz", "xx"). Routing matches an
 * agent's languages against the visitor's primary language, so a region would never match: only the
 * language is kept.
 */
export function languageCodeOf(tag: string): string | null {
  let language: string;
  try {
    language = new Intl.Locale(tag.trim()).language;
  } catch {
    return null; // RangeError: not a well-formed BCP 47 tag
  }
  if (!/^[a-z]{2,3}$/.test(language) || NOT_A_LANGUAGE.has(language)) return null;
  // Private-use codes (qaa–qtz) and unassigned ones ("zz") have no name in the CLDR data.
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  const name = languageNames.of(language);
  return name === undefined ? null : language;
}

/** One language an agent answers in; what is stored is the primary subtag ("pt-BR" is stored as "pt"). */
export const LanguageCodeSchema = z.string().transform((tag, ctx) => {
  const code = languageCodeOf(tag);
  if (code === null) {
    ctx.addIssue({ code: 'custom', message: LANGUAGE_CODE_MESSAGE });
    return z.NEVER;
  }
  return code;
});

/** An agent's languages as given by an admin: each real, none twice (pt and pt-BR are one). */
export const AgentLanguagesSchema = z
  .array(LanguageCodeSchema)
  .max(30)
  .transform((codes) => [...new Set(codes)]);
