/**
 * Asks for knowledge-base articles while the visitor types: after a pause, from three characters,
 * newest answer only, and only while the composer still holds the text asked about.
 */
import type { KbSuggestions } from '@parley/shared';

export interface SuggestionLookupDeps {
  /** Resolves null when the server did not answer. */
  suggest: (text: string) => Promise<KbSuggestions | null>;
  onResult: (suggestions: KbSuggestions | null) => void;
  /** What the composer holds now: a lookup for text no longer there (sent, erased) is dropped. */
  currentText: () => string;
  delayMs?: number;
}

// KbSuggestRequestSchema's limit, mirrored (the schema itself would bring zod into the panel).
const MAX_TEXT = 500;
const MIN_TEXT = 3;
const clean = (raw: string): string => raw.trim().slice(0, MAX_TEXT);

export type SuggestionLookup = ReturnType<typeof createSuggestionLookup>;

export function createSuggestionLookup({ suggest, onResult, currentText, delayMs = 300 }: SuggestionLookupDeps) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Answers to older texts can come after newer ones: only the latest request's answer counts.
  let latest = 0;
  let asked = '';

  return {
    input(raw: string): void {
      const text = clean(raw);
      clearTimeout(timer);
      if (text.length < MIN_TEXT) {
        latest += 1;
        asked = '';
        onResult(null);
        return;
      }
      if (text === asked) return;
      timer = setTimeout(() => {
        // Sent (or erased) while the pause ran: the composer is empty, and no input event said so.
        if (clean(currentText()) !== text) return;
        asked = text;
        const call = ++latest;
        suggest(text).then(
          // Typed quickly and sent at once, the answer comes after the message went: it is not for the composer now.
          (result) => call === latest && clean(currentText()) === text && onResult(result),
          () => undefined,
        );
      }, delayMs);
    },
    /** The text went (sent) or the part closes: no lookup pending or under way counts any more. */
    stop(): void {
      clearTimeout(timer);
      latest += 1;
      asked = '';
    },
  };
}
