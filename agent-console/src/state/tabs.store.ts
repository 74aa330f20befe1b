/** Which conversations the agent has open, which one has focus, and tabs vs side by side. */
import { signal, type ReadonlySignal } from '@preact/signals';
import { storedValue } from './stored-value';

export type ChatLayout = 'tabs' | 'split';

export interface TabsStore {
  openIds: ReadonlySignal<readonly string[]>;
  activeId: ReadonlySignal<string | null>;
  layout: ReadonlySignal<ChatLayout>;
  open(conversationId: string): void;
  close(conversationId: string): void;
  focus(conversationId: string): void;
  setLayout(layout: ChatLayout): void;
}

interface SavedTabs {
  openIds: string[];
  activeId: string | null;
  layout: ChatLayout;
}

/** Side by side gets cramped past this; older chats then close as new ones open. */
export const MAX_OPEN_CHATS = 6;

export function createTabsStore(storage: Storage): TabsStore {
  const saved = storedValue<SavedTabs>(storage, 'parley.console.tabs');
  const initial = saved.read();
  const openIds = signal<readonly string[]>(initial?.openIds ?? []);
  const activeId = signal<string | null>(initial?.activeId ?? null);
  const layout = signal<ChatLayout>(initial?.layout === 'split' ? 'split' : 'tabs');

  function persist() {
    saved.write({ openIds: [...openIds.value], activeId: activeId.value, layout: layout.value });
  }

  return {
    openIds,
    activeId,
    layout,
    open(conversationId) {
      if (!openIds.value.includes(conversationId)) {
        openIds.value = [...openIds.value, conversationId].slice(-MAX_OPEN_CHATS);
      }
      activeId.value = conversationId;
      persist();
    },
    close(conversationId) {
      const index = openIds.value.indexOf(conversationId);
      if (index < 0) return;
      const remaining = openIds.value.filter((id) => id !== conversationId);
      openIds.value = remaining;
      if (activeId.value === conversationId) {
        activeId.value = remaining[Math.min(index, remaining.length - 1)] ?? null;
      }
      persist();
    },
    focus(conversationId) {
      activeId.value = conversationId;
      persist();
    },
    setLayout(next) {
      layout.value = next;
      persist();
    },
  };
}
