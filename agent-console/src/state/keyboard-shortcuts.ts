/**
 * The workspace's keyboard shortcuts as data: which key does what, and which event is which
 * shortcut. Letters are matched by physical key (event.code), since Alt+R types "®" on a Mac.
 */
export type ShortcutAction =
  | 'next-chat'
  | 'previous-chat'
  | 'resolve'
  | 'transfer'
  | 'escalate'
  | 'go-chats'
  | 'go-tickets'
  | 'go-admin'
  | 'help';

export interface ShortcutKey {
  action: ShortcutAction;
  /** What the help dialog shows, e.g. ["Alt", "↓"]. */
  keys: readonly string[];
}

export const SHORTCUTS: readonly ShortcutKey[] = [
  { action: 'next-chat', keys: ['Alt', '↓'] },
  { action: 'previous-chat', keys: ['Alt', '↑'] },
  { action: 'resolve', keys: ['Alt', 'R'] },
  { action: 'transfer', keys: ['Alt', 'T'] },
  { action: 'escalate', keys: ['Alt', 'E'] },
  { action: 'go-chats', keys: ['Alt', '1'] },
  { action: 'go-tickets', keys: ['Alt', '2'] },
  { action: 'go-admin', keys: ['Alt', '3'] },
  { action: 'help', keys: ['?'] },
];

const ALT_CODES: Record<string, ShortcutAction> = {
  ArrowDown: 'next-chat',
  ArrowUp: 'previous-chat',
  KeyR: 'resolve',
  KeyT: 'transfer',
  KeyE: 'escalate',
  Digit1: 'go-chats',
  Digit2: 'go-tickets',
  Digit3: 'go-admin',
};

type KeyLike = Pick<
  KeyboardEvent,
  'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'target' | 'isComposing'
>;

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function shortcutOf(event: KeyLike): ShortcutAction | null {
  if (event.isComposing || event.ctrlKey || event.metaKey) return null;
  if (event.altKey) {
    const action = ALT_CODES[event.code];
    // Alt+↓ opens a focused select's list on Windows: leave it to the select.
    const inSelect = event.target instanceof HTMLSelectElement;
    if (!action || (inSelect && (action === 'next-chat' || action === 'previous-chat'))) return null;
    return action;
  }
  // "?" is a character: only a shortcut where it would not be typed.
  return event.key === '?' && !isTextEntry(event.target) ? 'help' : null;
}

/** The conversation after (or before) the current one, in the order of the sidebar, wrapping. */
export function neighbourOf(
  order: readonly string[],
  current: string | null,
  step: 1 | -1,
): string | undefined {
  if (order.length === 0) return undefined;
  const index = current ? order.indexOf(current) : -1;
  if (index < 0) return step === 1 ? order[0] : order[order.length - 1];
  return order[(index + step + order.length) % order.length];
}
