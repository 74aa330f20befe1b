/** Where the visitor writes: Enter sends, Shift+Enter adds a line, IME composition is left alone; emoji on demand. */
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';
import { LazyEmojiPicker } from './lazy-parts';

// Mirrors MESSAGE_MAX_LENGTH of @parley/shared (importing it would bring zod into the panel); a test compares them.
export const COMPOSER_MAX_LENGTH = 5000;

export interface ComposerProps {
  onSend: (text: string) => void;
  onTyping: (typing: boolean) => void;
  disabled?: boolean;
  inputRef: RefObject<HTMLTextAreaElement>;
}

export function Composer({ onSend, onTyping, disabled = false, inputRef }: ComposerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picking, setPicking] = useState(false);
  const canSend = !disabled && text.trim().length > 0;

  const submit = (): void => {
    if (!canSend) return;
    onSend(text.trim());
    setText('');
    onTyping(false);
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {picking && (
        <LazyEmojiPicker
          input={inputRef}
          maxLength={COMPOSER_MAX_LENGTH}
          onInsert={(next) => {
            setText(next);
            onTyping(true);
          }}
          onClose={() => {
            setPicking(false);
            inputRef.current?.focus();
          }}
        />
      )}
      <label for="parley-composer" class="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id="parley-composer"
        ref={inputRef}
        class="composer__input"
        rows={1}
        maxLength={COMPOSER_MAX_LENGTH}
        placeholder={t('composer.placeholder')}
        aria-describedby="parley-composer-hint"
        disabled={disabled}
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          onTyping(event.currentTarget.value.length > 0);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          submit();
        }}
      />
      <span id="parley-composer-hint" class="visually-hidden">
        {t('composer.hint')}
      </span>
      <button
        type="button"
        class="icon-button composer__emoji"
        aria-label={t('emoji.open')}
        aria-expanded={picking}
        disabled={disabled}
        onClick={() => setPicking(!picking)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
          <path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18M8.5 14.5a4.5 4.5 0 0 0 7 0M9 10h.01M15 10h.01" />
        </svg>
      </button>
      <button type="submit" class="composer__send" aria-label={t('composer.send')} disabled={!canSend}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z" fill="currentColor" />
        </svg>
      </button>
    </form>
  );
}
