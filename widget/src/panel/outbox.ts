/**
 * The outbox: every message the visitor writes is stored first, then sent in order with its client id
 * until the server acknowledges it. Retries (after a timeout, a reconnect or a reload) reuse the id, and
 * the server stores a client id once, so nothing typed offline is lost and nothing appears twice.
 */
import type { AckResult, ErrorCode, Message, MessageAttachment } from '@parley/shared';
import { CLIENT_ID_PATTERN, newClientId } from './client-id';
import type { KeyValueStorage } from './safe-storage';

export interface OutboxItem {
  clientId: string;
  text: string;
  createdAt: string;
  /** Files uploaded before sending; their ids go with the message. */
  attachments?: MessageAttachment[];
  /** Set when the server refused the message for good; the visitor may retry it by hand. */
  failed?: ErrorCode;
}

export interface OutboxDeps {
  storage: KeyValueStorage;
  storageKey: string;
  /** Resolves with the server's answer; rejects when no answer came (timeout, disconnect). */
  send: (item: OutboxItem) => Promise<AckResult<Message>>;
  canSend: () => boolean;
  onDelivered: (message: Message) => void;
  onChange: (items: OutboxItem[]) => void;
  /**
   * The server refused for now and said for how long (RATE_LIMITED): messages wait until `until`
   * (epoch ms), then go by themselves; null once they may go again.
   */
  onHold?: (until: number | null) => void;
  /** Delay before the n-th consecutive retry (n starts at 0). */
  retryDelayMs?: (attempt: number) => number;
}

// Worth trying again later; every other refusal will not change by waiting.
const TRANSIENT_ERRORS: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'INTERNAL']);
const defaultRetryDelay = (attempt: number): number => Math.min(30_000, 1000 * 2 ** attempt);

function isOutboxItem(value: unknown): value is OutboxItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.clientId === 'string' &&
    CLIENT_ID_PATTERN.test(item.clientId) &&
    typeof item.text === 'string' &&
    typeof item.createdAt === 'string'
  );
}

const withoutFailure = ({ failed: _failed, ...item }: OutboxItem): OutboxItem => item;

export type Outbox = ReturnType<typeof createOutbox>;

export function createOutbox(deps: OutboxDeps) {
  const { storage, storageKey } = deps;
  const retryDelay = deps.retryDelayMs ?? defaultRetryDelay;
  let flushing = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  // Epoch ms before which nothing is sent: the server asked us to wait.
  let heldUntil = 0;

  // Storage is the source of truth, re-read on every change: other tabs of this visitor share it.
  function read(): OutboxItem[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isOutboxItem) : [];
    } catch {
      return [];
    }
  }

  function update(change: (items: OutboxItem[]) => OutboxItem[]): void {
    const items = change(read());
    if (items.length === 0) storage.removeItem(storageKey);
    else storage.setItem(storageKey, JSON.stringify(items));
    deps.onChange(items);
  }

  const remove = (clientId: string): void => update((items) => items.filter((item) => item.clientId !== clientId));

  function scheduleRetry(): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void flush(), retryDelay(attempt));
    attempt += 1;
  }

  /** Waits as long as the server said, then sends what is waiting; the view says why meanwhile. */
  function holdFor(seconds: number): void {
    clearTimeout(retryTimer);
    heldUntil = Date.now() + seconds * 1000;
    deps.onHold?.(heldUntil);
    retryTimer = setTimeout(() => {
      release();
      void flush();
    }, seconds * 1000);
  }

  function release(): void {
    if (heldUntil === 0) return;
    heldUntil = 0;
    deps.onHold?.(null);
  }

  async function sendNext(item: OutboxItem): Promise<boolean> {
    let result: AckResult<Message>;
    try {
      result = await deps.send(item);
    } catch {
      scheduleRetry();
      return false;
    }
    if (result.ok) {
      attempt = 0;
      release();
      remove(item.clientId);
      deps.onDelivered(result.data);
      return true;
    }
    const { retryAfterSeconds } = result.error;
    if (result.error.code === 'RATE_LIMITED' && retryAfterSeconds !== undefined && retryAfterSeconds > 0) {
      holdFor(retryAfterSeconds);
      return false;
    }
    if (TRANSIENT_ERRORS.has(result.error.code)) {
      scheduleRetry();
      return false;
    }
    const code = result.error.code;
    update((items) => items.map((entry) => (entry.clientId === item.clientId ? { ...entry, failed: code } : entry)));
    return true;
  }

  /** Sends what is waiting, one at a time so the server stores messages in the order they were typed. */
  async function flush(): Promise<void> {
    // Held: a new message, a reconnect or a retry waits for the same timer rather than being refused again.
    if (flushing || Date.now() < heldUntil) return;
    flushing = true;
    clearTimeout(retryTimer);
    try {
      while (deps.canSend()) {
        const next = read().find((item) => !item.failed);
        if (!next || !(await sendNext(next))) break;
      }
    } finally {
      flushing = false;
    }
  }

  return {
    items: read,
    flush,
    /** Stores a new message and starts sending it; returns it at once so the view can show "sending". */
    enqueue(text: string, attachments?: MessageAttachment[]): OutboxItem {
      const item: OutboxItem = { clientId: newClientId(), text, createdAt: new Date().toISOString(), attachments };
      update((items) => [...items, item]);
      void flush();
      return item;
    },
    /** The server has the message (seen by broadcast, history or another tab): stop sending it. */
    acknowledge(clientIds: readonly string[]): void {
      const seen = new Set(clientIds);
      if (read().some((item) => seen.has(item.clientId))) {
        update((items) => items.filter((item) => !seen.has(item.clientId)));
      }
    },
    /** The visitor asked to send a refused message again. */
    retry(clientId: string): void {
      update((items) => items.map((item) => (item.clientId === clientId ? withoutFailure(item) : item)));
      void flush();
    },
    /** The visitor gave up on a refused message: it goes, unsent, from every tab. */
    discard(clientId: string): void {
      remove(clientId);
    },
    /** Another tab changed the shared outbox: show its state here too. */
    refresh(): void {
      deps.onChange(read());
    },
    dispose(): void {
      clearTimeout(retryTimer);
    },
  };
}
