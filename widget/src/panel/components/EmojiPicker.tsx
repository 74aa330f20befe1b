/**
 * A small hand-picked set of emoji; screen readers announce each by its own name, in the visitor's language.
 * One Tab stop: the arrow keys (and Home, End) move between them, as in a grid of eight columns.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';

export const EMOJI = [
  '😀', '😂', '😊', '😍', '😉', '🤔', '😅', '😮',
  '😢', '😡', '👍', '👎', '👏', '🙏', '👋', '🙌',
  '❤️', '🎉', '🔥', '✅', '❌', '⭐', '☕', '📦',
];

// As many as EmojiPicker.css puts in a row: Up and Down move by a row.
const COLUMNS = 8;

/** The emoji a key moves to from `index`, or null for a key that does not move. */
export function emojiAfterKey(key: string, index: number, rtl: boolean): number | null {
  const last = EMOJI.length - 1;
  const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[key];
  if (step !== undefined) return Math.min(last, Math.max(0, index + step));
  return key === 'Home' ? 0 : key === 'End' ? last : null;
}

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
  // The one emoji Tab reaches (roving tabindex).
  const [current, setCurrent] = useState(0);
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
        const next = emojiAfterKey(event.key, current, event.currentTarget.closest('[dir]')?.getAttribute('dir') === 'rtl');
        if (next !== null) {
          event.preventDefault();
          setCurrent(next);
          grid.current?.querySelectorAll('button')[next]?.focus();
        }
        if (event.key !== 'Escape') return;
        // Closes the picker only, not the whole chat.
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      {EMOJI.map((emoji, index) => (
        <button
          key={emoji}
          type="button"
          class="emoji__item"
          tabIndex={index === current ? 0 : -1}
          onFocus={() => setCurrent(index)}
          onClick={() => insert(emoji)}
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}

export default EmojiPicker;
