/** Light or dark, starting from the system's preference; a choice equal to it follows it again. */
import { useEffect, useState } from 'preact/hooks';
import { useConsole, useT } from '../state/console-context';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

/** Follows the OS setting as it changes (many switch at dusk). */
function useSystemDark(): boolean {
  const [dark, setDark] = useState(systemPrefersDark);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(DARK_QUERY);
    const update = () => setDark(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return dark;
}

export function ThemeToggle() {
  const { preferences } = useConsole();
  const t = useT();
  const systemDark = useSystemDark();
  const choice = preferences.theme.value;
  const dark = choice === null ? systemDark : choice === 'dark';

  function toggle() {
    const wantDark = !dark;
    preferences.setTheme(wantDark === systemDark ? null : wantDark ? 'dark' : 'light');
  }

  return (
    <button
      type="button"
      class="button button--quiet"
      aria-pressed={dark}
      onClick={toggle}
      title={t('topbar.darkMode')}
      data-testid="theme-toggle"
    >
      <span aria-hidden="true" class="theme-toggle__icon">
        {dark ? '☾' : '☀'}
      </span>
      <span class="topbar__text">{t('topbar.darkMode')}</span>
    </button>
  );
}
