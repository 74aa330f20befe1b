/** Where the visitor writes: Enter sends, Shift+Enter adds a line, IME composition is left alone; files and emoji on demand. */
import type { MessageAttachment } from '@parley/shared';
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';
import type { FileAccess } from '../chat-actions';
import { LazyComposerTools } from './lazy-parts';

// Mirrors MESSAGE_MAX_LENGTH of @parley/shared (importing it would bring zod into the panel); a test compares them.
export const COMPOSER_MAX_LENGTH = 5000;

export interface ComposerProps {
  onSend: (text: string, attachments: MessageAttachment[]) => void;
  onTyping: (typing: boolean) => void;
  disabled?: boolean;
  inputRef: RefObject<HTMLTextAreaElement>;
  fileAccess: () => FileAccess;
}

export function Composer({ onSend, onTyping, disabled = false, inputRef, fileAccess }: ComposerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  // Files ready to go with the message; null while one is still uploading.
  const [files, setFiles] = useState<MessageAttachment[] | null>([]);
  // A new picker (its files gone with the message) for each message sent.
  const [sent, setSent] = useState(0);
  const canSend = !disabled && !!files && !!(text.trim() || files[0]);

  const submit = (): void => {
    if (!canSend) return;
    onSend(text.trim(), files);
    setText('');
    // The new picker starts empty and says so.
    setSent(sent + 1);
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
        aria-describedby="parley-composer-hint parley-composer-count"
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
      <LazyComposerTools
        key={sent}
        length={text.length}
        access={fileAccess}
        input={inputRef}
        disabled={disabled}
        onChange={setFiles}
        onInsert={(next: string) => {
          setText(next);
          onTyping(true);
        }}
      />
      <button type="submit" class="composer__send" aria-label={t('composer.send')} disabled={!canSend}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z" fill="currentColor" />
        </svg>
      </button>
    </form>
  );
}
