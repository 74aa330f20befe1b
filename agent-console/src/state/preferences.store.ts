/** The agent's own settings for this browser: colour theme and language. */
import { signal, type ReadonlySignal } from '@preact/signals';
import { isLanguage, type Language } from '../i18n/languages';
import { storedValue } from './stored-value';

/** null follows the system (prefers-color-scheme). */
export type ThemeChoice = 'light' | 'dark' | null;

export interface PreferencesStore {
  theme: ReadonlySignal<ThemeChoice>;
  language: ReadonlySignal<Language | null>;
  setTheme(theme: ThemeChoice): void;
  setLanguage(language: Language): void;
}

interface SavedPreferences {
  theme?: ThemeChoice;
  language?: string;
}

export function createPreferencesStore(storage: Storage): PreferencesStore {
  const saved = storedValue<SavedPreferences>(storage, 'parley.console.preferences');
  const initial = saved.read() ?? {};
  const theme = signal<ThemeChoice>(
    initial.theme === 'light' || initial.theme === 'dark' ? initial.theme : null,
  );
  const language = signal<Language | null>(isLanguage(initial.language) ? initial.language : null);
  const persist = () => saved.write({ theme: theme.value, language: language.value ?? undefined });
  return {
    theme,
    language,
    setTheme(next) {
      theme.value = next;
      persist();
    },
    setLanguage(next) {
      language.value = next;
      persist();
    },
  };
}
