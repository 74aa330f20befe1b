/**
 * "/shortcut" in a reply box offers the matching canned replies; arrows move, Enter or Tab
 * picks, Escape dismisses. Shared by the chat composer and the ticket reply box.
 */
import type { CannedReply } from '@parley/shared';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useLive } from '../state/console-context';

const SHORTCUT = /^\/([\p{L}\p{N}_-]*)$/u;

export interface CannedSuggestions {
  open: boolean;
  /** Attributes for the textarea that the list belongs to. */
  inputProps: Pick<
    JSX.HTMLAttributes<HTMLTextAreaElement>,
    'role' | 'aria-expanded' | 'aria-autocomplete' | 'aria-controls' | 'aria-activedescendant'
  >;
  /** Handles the key if the list is open; true when it did. */
  onKeyDown(event: KeyboardEvent): boolean;
  /** The text changed: show suggestions again. */
  reset(): void;
  list: JSX.Element | null;
}

export function useCannedSuggestions(options: {
  listId: string;
  text: string;
  setText(text: string): void;
}): CannedSuggestions {
  const live = useLive();
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const { listId } = options;
  const typed = SHORTCUT.exec(options.text);
  const shortcut = dismissed ? null : typed;
  const suggestions = shortcut ? live.canned.matching(shortcut[1] ?? '') : [];
  const open = suggestions.length > 0;

  function pick(reply: CannedReply) {
    options.setText(reply.text);
    setDismissed(true);
  }

  function onKeyDown(event: KeyboardEvent): boolean {
    if (!open) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : suggestions.length - 1;
      setActive((current) => (current + step) % suggestions.length);
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const chosen = suggestions[Math.min(active, suggestions.length - 1)];
      if (chosen) pick(chosen);
      return true;
    }
    if (event.key === 'Escape') {
      setDismissed(true);
      return true;
    }
    return false;
  }

  return {
    open,
    // While a "/shortcut" is typed the box is a combobox, so screen readers follow the highlighted
    // reply (aria-activedescendant is read out only on a combobox); otherwise it stays a plain
    // multi-line textbox, which is what the agent is writing in, and where aria-expanded is not allowed.
    inputProps: typed
      ? {
          role: 'combobox',
          'aria-expanded': open,
          'aria-autocomplete': 'list',
          'aria-controls': open ? listId : undefined,
          'aria-activedescendant': open ? `${listId}-${active}` : undefined,
        }
      : { 'aria-autocomplete': 'list' },
    onKeyDown,
    reset() {
      setActive(0);
      setDismissed(false);
    },
    list: open ? (
      <ul class="suggestions" id={listId} role="listbox" data-testid="canned-suggestions">
        {suggestions.map((reply, index) => (
          <li
            key={reply.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            class="suggestions__item"
            // mousedown, not click: the textarea must keep focus.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(reply);
            }}
          >
            <span class="suggestions__shortcut" dir="ltr">
              /{reply.shortcut}
            </span>
            <span class="suggestions__text">{reply.text}</span>
          </li>
        ))}
      </ul>
    ) : null,
  };
}
