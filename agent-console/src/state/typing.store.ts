/**
 * Typing, both ways: who is typing in each conversation (from `typing` notices), and the
 * agent's own typing sent as one "started" and one "stopped" rather than per keystroke.
 */
import type { TypingNotice } from '@parley/shared';
import { signal, type ReadonlySignal } from '@preact/signals';

// A visitor whose "stopped" got lost (closed tab) must not look like they type forever.
const NOTICE_TTL_MS = 8000;
const OWN_IDLE_MS = 3000;

export interface TypingStore {
  /** The visitor typing in each conversation, by conversation id. */
  typists: ReadonlySignal<Readonly<Record<string, TypingNotice>>>;
  receive(notice: TypingNotice): void;
  /** The visitor's message arrived: they are not typing it any more (whatever became of the "stopped"). */
  visitorSent(conversationId: string): void;
  /** The agent typed into a composer. */
  ownInput(conversationId: string): void;
  /** The agent sent, cleared or left the composer. */
  ownStop(conversationId: string): void;
  dispose(): void;
}

export function createTypingStore(send: (conversationId: string, typing: boolean) => void): TypingStore {
  const typists = signal<Readonly<Record<string, TypingNotice>>>({});
  const expiry = new Map<string, ReturnType<typeof setTimeout>>();
  const ownIdle = new Map<string, ReturnType<typeof setTimeout>>();

  function clearNotice(conversationId: string) {
    clearTimeout(expiry.get(conversationId));
    expiry.delete(conversationId);
    if (!(conversationId in typists.value)) return;
    const { [conversationId]: _gone, ...rest } = typists.value;
    typists.value = rest;
  }

  function ownStop(conversationId: string) {
    const timer = ownIdle.get(conversationId);
    if (timer === undefined) return;
    clearTimeout(timer);
    ownIdle.delete(conversationId);
    send(conversationId, false);
  }

  return {
    typists,
    receive(notice) {
      // Our own typing echoes back from colleagues' consoles; only the visitor's matters here.
      if (notice.who !== 'visitor') return;
      if (!notice.typing) return clearNotice(notice.conversationId);
      clearTimeout(expiry.get(notice.conversationId));
      typists.value = { ...typists.value, [notice.conversationId]: notice };
      expiry.set(
        notice.conversationId,
        setTimeout(() => clearNotice(notice.conversationId), NOTICE_TTL_MS),
      );
    },
    visitorSent: clearNotice,
    ownInput(conversationId) {
      const timer = ownIdle.get(conversationId);
      if (timer === undefined) send(conversationId, true);
      else clearTimeout(timer);
      ownIdle.set(
        conversationId,
        setTimeout(() => ownStop(conversationId), OWN_IDLE_MS),
      );
    },
    ownStop,
    dispose() {
      expiry.forEach(clearTimeout);
      ownIdle.forEach(clearTimeout);
      expiry.clear();
      ownIdle.clear();
    },
  };
}
