/**
 * Tells the server how far the agent has read a conversation (`message:read`), at most once
 * per interval per conversation: a burst of messages sends the first seq at once and the
 * highest one when the interval is over.
 */

export const READ_REPORT_INTERVAL_MS = 1000;

export interface ReadReporter {
  report(conversationId: string, seq: number): void;
  /** The server already knows the agents read this far (its `agentSeq`): no need to say it again. */
  acknowledge(conversationId: string, seq: number): void;
  dispose(): void;
}

export interface ReadReporterOptions {
  /** Returns false when the report could not go out (offline); it is then not counted as sent. */
  send(conversationId: string, seq: number): boolean;
  intervalMs?: number;
}

export function createReadReporter(options: ReadReporterOptions): ReadReporter {
  const intervalMs = options.intervalMs ?? READ_REPORT_INTERVAL_MS;
  const sentSeq = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const waiting = new Map<string, { seq: number; timer: ReturnType<typeof setTimeout> }>();

  function sendNow(conversationId: string, seq: number) {
    if (seq <= (sentSeq.get(conversationId) ?? 0)) return;
    if (!options.send(conversationId, seq)) return;
    sentSeq.set(conversationId, seq);
    sentAt.set(conversationId, Date.now());
  }

  return {
    report(conversationId, seq) {
      if (seq <= (sentSeq.get(conversationId) ?? 0)) return;
      const pending = waiting.get(conversationId);
      if (pending) {
        pending.seq = Math.max(pending.seq, seq);
        return;
      }
      const wait = (sentAt.get(conversationId) ?? -Infinity) + intervalMs - Date.now();
      if (wait <= 0) return sendNow(conversationId, seq);
      const timer = setTimeout(() => {
        const due = waiting.get(conversationId);
        waiting.delete(conversationId);
        if (due) sendNow(conversationId, due.seq);
      }, wait);
      waiting.set(conversationId, { seq, timer });
    },
    acknowledge(conversationId, seq) {
      if (seq > (sentSeq.get(conversationId) ?? 0)) sentSeq.set(conversationId, seq);
    },
    dispose() {
      waiting.forEach(({ timer }) => clearTimeout(timer));
      waiting.clear();
    },
  };
}
