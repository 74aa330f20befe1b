/** A small hand-picked set of emoji; screen readers announce each by its own name, in the visitor's language. */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useTranslation } from '../i18n-context';

export const EMOJI = [
  '😀', '😂', '😊', '😍', '😉', '🤔', '😅', '😮',
  '😢', '😡', '👍', '👎', '👏', '🙏', '👋', '🙌',
  '❤️', '🎉', '🔥', '✅', '❌', '⭐', '☕', '📦',
];

export interface EmojiPickerProps {
  /** The composer's text box: the emoji goes where its caret is. */
  input: RefObject<HTMLTextAreaElement>;
  maxLength: number;
  /** The composer's new text. */
  onInsert: (text: string) => void;
  /** Escape, or a pick: the composer takes the focus back. */
  onClose: () => void;
}

export function EmojiPicker({ input, maxLength, onInsert, onClose }: EmojiPickerProps) {
  const { t } = useTranslation();
  const grid = useRef<HTMLDivElement>(null);
  /** Replaces the selection (or inserts at the caret), then puts the caret after the emoji. */
  const insert = (emoji: string): void => {
    const box = input.current;
    if (!box) return;
    const { value, selectionStart: start, selectionEnd: end } = box;
    onInsert((value.slice(0, start) + emoji + value.slice(end)).slice(0, maxLength));
    onClose();
    requestAnimationFrame(() => box.setSelectionRange(start + emoji.length, start + emoji.length));
  };
  useEffect(() => {
    grid.current?.querySelector('button')?.focus();
  }, []);
  return (
    <div
      ref={grid}
      class="emoji"
      role="dialog"
      aria-label={t('emoji.label')}
      data-testid="emoji-picker"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Closes the picker only, not the whole chat.
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      {EMOJI.map((emoji) => (
        <button key={emoji} type="button" class="emoji__item" onClick={() => insert(emoji)}>
          {emoji}
        </button>
      ))}
    </div>
  );
}

export default EmojiPicker;
