/**
 * Requests from keyboard shortcuts to the chat panel that can act on them (the panel knows
 * what the agent may do with its chat, so a shortcut only names the wish), and whether the
 * shortcuts help is showing.
 */
import { signal, type ReadonlySignal } from '@preact/signals';

/** 'focus' asks the chat to take keyboard focus once shown (after Alt+↓ / Alt+↑). */
export type ChatCommandKind = 'resolve' | 'transfer' | 'escalate' | 'focus';

export interface ChatCommand {
  kind: ChatCommandKind;
  conversationId: string;
  /** Distinguishes two presses of the same shortcut. */
  serial: number;
}

export interface ChatCommands {
  latest: ReadonlySignal<ChatCommand | null>;
  /** The keyboard shortcuts help dialog is showing. */
  helpOpen: ReadonlySignal<boolean>;
  showHelp(): void;
  hideHelp(): void;
  issue(kind: ChatCommandKind, conversationId: string): void;
  /** The panel took the command; it is not replayed when the panel mounts again. */
  done(command: ChatCommand): void;
}

export function createChatCommands(): ChatCommands {
  const latest = signal<ChatCommand | null>(null);
  const helpOpen = signal(false);
  let serial = 0;
  return {
    latest,
    helpOpen,
    showHelp: () => (helpOpen.value = true),
    hideHelp: () => (helpOpen.value = false),
    issue(kind, conversationId) {
      latest.value = { kind, conversationId, serial: ++serial };
    },
    done(command) {
      if (latest.value?.serial === command.serial) latest.value = null;
    },
  };
}
