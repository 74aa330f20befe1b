/**
 * Read receipts from the visitor's side: tells the server the highest seq shown while the panel is
 * open and the page visible, at most once per interval (the last change of a burst follows it).
 */
import type { ChatStore } from './chat-store';
import { highestSeq } from './message-timeline';

export interface ReadReporterDeps {
  store: ChatStore;
  doc: Pick<Document, 'hidden' | 'addEventListener'>;
  isConnected: () => boolean;
  markRead: (seq: number) => void;
  intervalMs?: number;
}

export function startReadReporter({ store, doc, isConnected, markRead, intervalMs = 1000 }: ReadReporterDeps): void {
  let reported = { conversationId: '', seq: 0 };
  let waiting = false;

  function report(): void {
    const { open, conversation, messages, read } = store.getState();
    if (waiting || !open || doc.hidden || !conversation || !isConnected()) return;
    const seq = highestSeq(messages, conversation.id);
    // Another tab may have reported further already; the server's mark counts too.
    const known = read?.conversationId === conversation.id ? read.visitorSeq : 0;
    const already = reported.conversationId === conversation.id ? reported.seq : 0;
    if (seq <= Math.max(known, already)) return;
    reported = { conversationId: conversation.id, seq };
    markRead(seq);
    waiting = true;
    setTimeout(() => {
      waiting = false;
      report();
    }, intervalMs);
  }

  store.subscribe(report);
  doc.addEventListener('visibilitychange', report);
  report();
}
