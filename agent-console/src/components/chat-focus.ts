/**
 * Where keyboard focus goes when the chat it was in leaves the page (the next chat opened by a
 * shortcut, a tab closed): never the page's body, which would throw the agent back to the top.
 */

function byId(id: string): HTMLElement | null {
  return document.getElementById(id);
}

export function listItemOf(conversationId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`#conversations [data-conversation-id="${conversationId}"]`);
}

function replyBoxOf(conversationId: string): HTMLTextAreaElement | null {
  const box = byId(`chat-${conversationId}`)?.querySelector('textarea.composer__input');
  return box instanceof HTMLTextAreaElement && !box.disabled ? box : null;
}

/** Whether focus is in the conversation list, where a moving selection should take it along. */
export function focusIsInList(): boolean {
  return Boolean(document.activeElement?.closest('#conversations'));
}

/** A chat just shown: its reply box when the agent may write there, else its tab, else its list item. */
export function focusChat(conversationId: string): void {
  (replyBoxOf(conversationId) ?? byId(`tab-${conversationId}`) ?? listItemOf(conversationId))?.focus();
}

/** A chat closed: the tab (or, side by side, the reply box) of the one now in front, else back to the list. */
export function focusAfterClose(closedId: string, nextId: string | null): void {
  const next = nextId ? (byId(`tab-${nextId}`) ?? replyBoxOf(nextId)) : null;
  const list = byId('conversations');
  const inList = listItemOf(closedId) ?? list?.querySelector<HTMLElement>('[data-conversation-id]');
  (next ?? inList ?? list)?.focus();
}
