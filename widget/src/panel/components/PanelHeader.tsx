/** Title bar; its close button asks the loader to close the panel (absent when the panel runs on its own). */
import { useTranslation } from '../i18n-context';

export function PanelHeader({ onClose }: { onClose?: () => void }) {
  const { t } = useTranslation();
  return (
    <header class="header">
      <div>
        <h1 class="header__title">{t('title')}</h1>
        <p class="header__subtitle">{t('subtitle')}</p>
      </div>
      {onClose && (
        <button type="button" class="header__close" aria-label={t('close')} onClick={onClose}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      )}
    </header>
  );
}
