/** Asks for knowledge-base articles while the visitor types: after a pause, from three characters, newest answer only. */
import type { KbSuggestions } from '@parley/shared';

export interface SuggestionLookupDeps {
  /** Resolves null when the server did not answer. */
  suggest: (text: string) => Promise<KbSuggestions | null>;
  onResult: (suggestions: KbSuggestions | null) => void;
  delayMs?: number;
}

// KbSuggestRequestSchema's limit, mirrored (the schema itself would bring zod into the panel).
const MAX_TEXT = 500;
const MIN_TEXT = 3;

export function createSuggestionLookup({ suggest, onResult, delayMs = 300 }: SuggestionLookupDeps) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Answers to older texts can come after newer ones: only the latest request's answer counts.
  let latest = 0;
  let asked = '';

  return {
    input(raw: string): void {
      const text = raw.trim().slice(0, MAX_TEXT);
      clearTimeout(timer);
      if (text.length < MIN_TEXT) {
        latest += 1;
        asked = '';
        onResult(null);
        return;
      }
      if (text === asked) return;
      timer = setTimeout(() => {
        asked = text;
        const call = ++latest;
        suggest(text).then(
          (result) => call === latest && onResult(result),
          () => undefined,
        );
      }, delayMs);
    },
    stop(): void {
      clearTimeout(timer);
      latest += 1;
    },
  };
}
