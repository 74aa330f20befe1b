/** A translated sentence with HTML inside it (a status pill, an isolated name): the words and their punctuation stay in the translation. */
import type { TFunction } from 'i18next';

export interface TranslatedHtmlOptions {
  /** Plain values, escaped with the rest of the sentence. */
  values?: Record<string, string | number>;
  /** Values that are already HTML, put in as they are. */
  html: Record<string, string>;
  escape: (text: string) => string;
}

// A control character no translation or escaping produces, so a slot can be found again after escaping.
const mark = (name: string): string => `\u0000${name}\u0000`;

/**
 * "Status: {{status}}" with the status as a `<span>`: the separator is the translator's (zh writes
 * "状态：", fr "Statut :"), where code gluing `label + ': ' + html` would give every language ": ".
 */
export function translatedHtml(t: TFunction, key: string, options: TranslatedHtmlOptions): string {
  const slots = Object.fromEntries(Object.keys(options.html).map((name) => [name, mark(name)]));
  const text = t(key, { ...options.values, ...slots });
  return Object.entries(options.html).reduce(
    (html, [name, value]) => html.split(mark(name)).join(value),
    options.escape(text),
  );
}
