/**
 * Title bar: the site's title, who is answering (or whether someone can answer now), a menu (sound, contact card, end
 * chat: a lazy part) and close. Close asks the loader to close the panel; it is absent when the
 * panel runs on its own.
 */
import { useRef, useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';
import type { ChatMenuProps } from './ChatMenu';
import { IsolatedValue, VALUE_SLOT } from './IsolatedValue';
import { LazyChatMenu } from './lazy-parts';

export interface PanelHeaderProps extends Omit<ChatMenuProps, 'onDismiss'> {
  title: string;
  /** Whether someone can answer now; else nobody is online, or it is out of opening hours. */
  status: 'live' | 'away' | 'closed';
  /** The agent answering the chat, once they have written: named under the title instead of the status. */
  agentName: string | null;
  onClose?: () => void;
}

const ICON = { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': true, fill: 'currentColor' } as const;

export function PanelHeader({ title, status, agentName, onClose, ...menu }: PanelHeaderProps) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  return (
    <header class="header">
      <div class="header__text">
        <h1 class="header__title">
          <bdi>{title}</bdi>
        </h1>
        <p class="header__subtitle" data-testid="header-subtitle">
          {agentName ? (
            <IsolatedValue sentence={t('chattingWith', { name: VALUE_SLOT })} value={agentName} />
          ) : (
            t(status === 'live' ? 'subtitle' : `offline.${status}`)
          )}
        </p>
      </div>
      <button
        ref={menuButton}
        type="button"
        class="icon-button"
        aria-label={t('menu')}
        aria-expanded={menuOpen}
        data-testid="menu-button"
        onClick={() => setMenuOpen(!menuOpen)}
      >
        <svg {...ICON}>
          <path d="M12 5.5a1.7 1.7 0 1 0 0 .1M12 12a1.7 1.7 0 1 0 0 .1M12 18.5a1.7 1.7 0 1 0 0 .1" stroke="currentColor" stroke-width="1.7" />
        </svg>
      </button>
      {menuOpen && (
        <LazyChatMenu
          {...menu}
          onDismiss={() => {
            setMenuOpen(false);
            menuButton.current?.focus();
          }}
        />
      )}
      {onClose && (
        <button type="button" class="icon-button" aria-label={t('close')} onClick={onClose}>
          <svg {...ICON}>
            <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      )}
    </header>
  );
}
