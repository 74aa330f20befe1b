/** How far the visitor has read each conversation, so the agents' own messages can say "Read". */
import type { ReadState } from '@parley/shared';
import { signal, type ReadonlySignal } from '@preact/signals';

export interface ReadReceiptsStore {
  byId: ReadonlySignal<Readonly<Record<string, ReadState>>>;
  /** Reactive: the highest seq the visitor has seen, 0 when unknown. */
  visitorSeqOf(conversationId: string): number;
  /** A `conversation:read` push or the `read` of a `conversation:open` answer. */
  receive(state: ReadState): void;
}

export function createReadReceiptsStore(): ReadReceiptsStore {
  const byId = signal<Readonly<Record<string, ReadState>>>({});
  return {
    byId,
    visitorSeqOf: (conversationId) => byId.value[conversationId]?.visitorSeq ?? 0,
    receive(state) {
      const known = byId.value[state.conversationId];
      // Pushes and snapshots can overtake each other; read marks only ever move forward.
      const next: ReadState = {
        conversationId: state.conversationId,
        visitorSeq: Math.max(state.visitorSeq, known?.visitorSeq ?? 0),
        agentSeq: Math.max(state.agentSeq, known?.agentSeq ?? 0),
      };
      if (known && known.visitorSeq === next.visitorSeq && known.agentSeq === next.agentSeq) return;
      byId.value = { ...byId.value, [state.conversationId]: next };
    },
  };
}
