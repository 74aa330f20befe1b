/** Where the visitor writes: Enter sends, Shift+Enter adds a line, IME composition is left alone. */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';

// Mirrors MESSAGE_MAX_LENGTH of @parley/shared (importing it would bring zod into the panel); a test compares them.
export const COMPOSER_MAX_LENGTH = 5000;

export interface ComposerProps {
  onSend: (text: string) => void;
  onTyping: (typing: boolean) => void;
  disabled?: boolean;
  inputRef?: Ref<HTMLTextAreaElement>;
}

export function Composer({ onSend, onTyping, disabled = false, inputRef }: ComposerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
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
      <button type="submit" class="composer__send" aria-label={t('composer.send')} disabled={!canSend}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z" fill="currentColor" />
        </svg>
      </button>
    </form>
  );
}
