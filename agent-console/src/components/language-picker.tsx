/** Picks the console's language; the choice is remembered for this browser. */
import { isLanguage, LANGUAGES, type Language } from '../i18n/languages';
import { useConsole } from '../state/console-context';

export function LanguagePicker() {
  const { translator, preferences } = useConsole();
  const current = translator.language.value;

  function choose(value: string) {
    if (!isLanguage(value)) return;
    preferences.setLanguage(value);
    void translator.setLanguage(value);
  }

  return (
    <label class="inline-field">
      <span class="inline-field__label">{translator.t('topbar.language')}</span>
      <select
        value={current}
        onChange={(event) => choose(event.currentTarget.value)}
        data-testid="language-select"
      >
        {(Object.keys(LANGUAGES) as Language[]).map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
