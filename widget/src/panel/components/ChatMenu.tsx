/**
 * The header's menu: sound on or off, the contact card, ending the chat, forgetting the visitor. A disclosure (a button
 * that shows a list of buttons), so each entry is a plain button; Escape or a choice closes it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatActions } from '../chat-actions';
import { useTranslation } from '../i18n-context';
import { ForgetMeConfirm } from './ForgetMeConfirm';

export interface ChatMenuProps {
  sound: boolean;
  onToggleSound: () => void;
  /** Absent when the site has no contact card. */
  onContact?: () => void;
  /** Absent when there is no chat to end. */
  onEndChat?: () => void;
  /** For "forget me", whose question takes the menu's place (in this chunk: the panel's first one has no room). */
  actions: ChatActions;
  /** Closes the menu; the menu button takes the focus back. */
  onDismiss: () => void;
}

export function ChatMenu({ sound, onToggleSound, onContact, onEndChat, actions, onDismiss }: ChatMenuProps) {
  const { t } = useTranslation();
  // Holds the list, or the question in its place.
  const list = useRef<HTMLUListElement & HTMLDivElement>(null);
  const [forgetting, setForgetting] = useState(false);
  useEffect(() => {
    list.current?.querySelector('button')?.focus();
    // A press anywhere else closes the menu.
    const onPointerDown = (event: PointerEvent): void => {
      if (!list.current?.contains(event.target as Node)) onDismiss();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);
  const choose = (action: () => void) => () => {
    onDismiss();
    action();
  };
  if (forgetting) {
    return (
      <div ref={list} class="menu">
        <ForgetMeConfirm actions={actions} onDismiss={onDismiss} />
      </div>
    );
  }
  return (
    <ul
      ref={list}
      class="menu"
      data-testid="chat-menu"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Closes the menu only, not the whole chat.
        event.preventDefault();
        event.stopPropagation();
        onDismiss();
      }}
    >
      <li>
        <button type="button" class="menu__item" aria-pressed={sound} onClick={onToggleSound}>
          {t('sound')}
          <span class="menu__switch" aria-hidden="true" />
        </button>
      </li>
      {onContact && (
        <li>
          <button type="button" class="menu__item" onClick={choose(onContact)}>
            {t('contact.open')}
          </button>
        </li>
      )}
      {onEndChat && (
        <li>
          <button type="button" class="menu__item" onClick={choose(onEndChat)}>
            {t('end.button')}
          </button>
        </li>
      )}
      <li>
        <button type="button" class="menu__item" onClick={() => setForgetting(true)}>
          {t('forget.menu')}
        </button>
      </li>
    </ul>
  );
}

export default ChatMenu;
