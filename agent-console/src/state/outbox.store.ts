/**
 * Replies on their way to the server. Each keeps its clientId for life and is sent again with
 * it until the server acknowledges (the server de-duplicates by clientId), one at a time per
 * conversation so replies arrive in the order they were written.
 */
import type { ErrorCode, Message, MessageAttachment } from '@parley/shared';
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { ApiError } from '../api/api-error';

export type OutgoingState = 'queued' | 'sending' | 'retrying' | 'failed';

export interface Outgoing {
  clientId: string;
  conversationId: string;
  text: string;
  /** An internal note: seen by agents only. */
  internal: boolean;
  /** Uploaded already; their ids go with the message. */
  attachments?: MessageAttachment[];
  state: OutgoingState;
  attempts: number;
  errorCode?: ErrorCode;
}

/** What may go with a reply besides its text. */
export interface OutgoingExtras {
  /** An internal note: seen by agents only. */
  internal?: boolean;
  /** Uploaded already. */
  attachments?: MessageAttachment[];
}

export interface OutboxOptions {
  deliver(item: Outgoing): Promise<Message>;
  isOnline(): boolean;
  onDelivered(message: Message): void;
  newClientId(): string;
  /** Waits between attempts; the last one repeats. */
  retryDelaysMs?: readonly number[];
}

export interface OutboxStore {
  pendingOf(conversationId: string): ReadonlySignal<Outgoing[]>;
  send(conversationId: string, text: string, extras?: OutgoingExtras): Outgoing;
  retry(clientId: string): void;
  discard(clientId: string): void;
  /** The message came back through message:new (maybe before the ack did). */
  confirm(message: Message): void;
  /** The socket is back: try everything that is waiting, now. */
  wakeUp(): void;
  dispose(): void;
}

// Only these may pass if asked again (as may an answer that never came); any other code —
// a resolved chat, no free chat slot, a code added later — needs the agent to decide.
const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'INTERNAL']);

const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];

export function createOutbox(options: OutboxOptions): OutboxStore {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const items = signal<readonly Outgoing[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const views = new Map<string, ReadonlySignal<Outgoing[]>>();
  let disposed = false;

  const find = (clientId: string) => items.value.find((item) => item.clientId === clientId);
  function patch(clientId: string, change: Partial<Outgoing>) {
    items.value = items.value.map((item) => (item.clientId === clientId ? { ...item, ...change } : item));
  }
  function remove(clientId: string) {
    clearTimeout(timers.get(clientId));
    timers.delete(clientId);
    items.value = items.value.filter((item) => item.clientId !== clientId);
  }

  /** Starts the next reply of a conversation unless one is already under way. */
  function pump(conversationId: string) {
    if (disposed || !options.isOnline()) return;
    const mine = items.value.filter((item) => item.conversationId === conversationId);
    if (mine.some((item) => item.state === 'sending' || timers.has(item.clientId))) return;
    const next = mine.find((item) => item.state === 'queued' || item.state === 'retrying');
    if (next) void attempt(next);
  }

  async function attempt(item: Outgoing) {
    patch(item.clientId, { state: 'sending', attempts: item.attempts + 1 });
    try {
      const message = await options.deliver(item);
      // message:new may have confirmed it already; the ack is then just late news.
      if (find(item.clientId)) {
        remove(item.clientId);
        options.onDelivered(message);
      }
    } catch (error) {
      if (error instanceof ApiError && !RETRYABLE.has(error.code)) {
        if (find(item.clientId)) patch(item.clientId, { state: 'failed', errorCode: error.code });
      } else {
        scheduleRetry(item.clientId);
      }
    }
    pump(item.conversationId);
  }

  function scheduleRetry(clientId: string) {
    const item = find(clientId);
    if (!item || disposed) return;
    patch(clientId, { state: 'retrying' });
    const delay = delays[Math.min(item.attempts - 1, delays.length - 1)] ?? 1000;
    timers.set(
      clientId,
      setTimeout(() => {
        timers.delete(clientId);
        pump(item.conversationId);
      }, delay),
    );
  }

  return {
    pendingOf(conversationId) {
      let view = views.get(conversationId);
      if (!view) {
        view = computed(() => items.value.filter((item) => item.conversationId === conversationId));
        views.set(conversationId, view);
      }
      return view;
    },
    send(conversationId, text, { internal = false, attachments } = {}) {
      const item: Outgoing = {
        clientId: options.newClientId(),
        conversationId,
        text,
        internal,
        ...(attachments?.length ? { attachments } : {}),
        state: 'queued',
        attempts: 0,
      };
      items.value = [...items.value, item];
      pump(conversationId);
      return item;
    },
    retry(clientId) {
      const item = find(clientId);
      if (!item || item.state !== 'failed') return;
      patch(clientId, { state: 'queued', errorCode: undefined });
      pump(item.conversationId);
    },
    discard(clientId) {
      const item = find(clientId);
      if (!item) return;
      remove(clientId);
      pump(item.conversationId);
    },
    confirm(message) {
      if (!find(message.clientId)) return;
      remove(message.clientId);
      pump(message.conversationId);
    },
    wakeUp() {
      for (const [clientId, timer] of timers) {
        clearTimeout(timer);
        timers.delete(clientId);
      }
      new Set(items.value.map((item) => item.conversationId)).forEach(pump);
    },
    dispose() {
      disposed = true;
      timers.forEach(clearTimeout);
      timers.clear();
    },
  };
}
