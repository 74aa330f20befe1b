/**
 * The composer's buttons besides Send, loaded after the panel shows (nobody needs them to write a
 * first message): files to attach, and the emoji picker; and the count of characters near the limit.
 */
import type { MessageAttachment } from '@parley/shared';
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { FileAccess } from '../chat-actions';
import { useTranslation } from '../i18n-context';
import { AttachmentPicker } from './AttachmentPicker';
import { COMPOSER_MAX_LENGTH } from './Composer';
import { LazyEmojiPicker } from './lazy-parts';

export interface ComposerToolsProps {
  access: () => FileAccess;
  /** The composer's text box. */
  input: RefObject<HTMLTextAreaElement>;
  disabled?: boolean;
  /** The files ready to go with the next message; null while one is uploading. */
  onChange: (files: MessageAttachment[] | null) => void;
  /** The composer's text with an emoji put in. */
  onInsert: (text: string) => void;
  /** How long the composer's text is. */
  length: number;
}

/** From here on the visitor sees how close the limit is (the text box takes no more; a longer paste is cut). */
const COUNT_FROM = COMPOSER_MAX_LENGTH - 500;
const COUNTER_STYLE = 'position:absolute;bottom:100%;inset-inline-end:12px;padding:2px 8px;border-radius:8px 8px 0 0';

export default function ComposerTools({ access, input, disabled, onChange, onInsert, length }: ComposerToolsProps) {
  const { t, intl } = useTranslation();
  const [picking, setPicking] = useState(false);
  return (
    <>
      {/* The text box names it in its aria-describedby. */}
      {length >= COUNT_FROM && (
        <span id="parley-composer-count" class="notice" style={COUNTER_STYLE} data-testid="composer-count">
          {length.toLocaleString(intl)} / {COMPOSER_MAX_LENGTH.toLocaleString(intl)}
        </span>
      )}
      {picking && (
        <LazyEmojiPicker
          input={input}
          maxLength={COMPOSER_MAX_LENGTH}
          onInsert={onInsert}
          onClose={() => {
            setPicking(false);
            input.current?.focus();
          }}
        />
      )}
      <AttachmentPicker access={access} input={input} disabled={disabled} onChange={onChange} />
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
    </>
  );
}
