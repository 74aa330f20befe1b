/**
 * The public `window.Parley` API. Before the loader arrives, pages call a queueing stub:
 *   window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };
 *   Parley('identify', { name: 'Ada' }); Parley('on', 'message', fn);
 * Once loaded, `Parley('open')` and `Parley.open()` both work, and queued calls are replayed in order.
 */

import type { HostIdentity } from '../../../shared/src/bridge';

/** `identify()`'s argument: declared once, in the bridge contract. */
export type VisitorIdentity = HostIdentity;

export interface ParleyEventPayloads {
  open: undefined;
  close: undefined;
  message: { text: string; authorName: string | null };
  unread: number;
}
export type ParleyEventName = keyof ParleyEventPayloads;
export type ParleyEventHandler<E extends ParleyEventName> = (payload: ParleyEventPayloads[E]) => void;

export interface ParleyMethods {
  /** Shows the chat panel. */
  open(): void;
  /** Hides the chat panel. */
  close(): void;
  /** Shows the panel if hidden, hides it if shown. */
  toggle(): void;
  /** Tells agents who the visitor is; sent on the panel's next connection. */
  identify(identity: VisitorIdentity): void;
  /** Switches the panel's language: en es ru be uk de fr pt zh ar. */
  setLocale(locale: string): void;
  /** Calls the handler, in a task of its own, on `open`, `close`, `message` (an agent wrote) or `unread` (the count). */
  on<E extends ParleyEventName>(event: E, handler: ParleyEventHandler<E>): void;
  /** Removes a handler given to `on`. */
  off<E extends ParleyEventName>(event: E, handler: ParleyEventHandler<E>): void;
}

/** What `window.Parley` is: callable by method name (the stub's form) and an object with methods. */
export type ParleyGlobal = ((method: string, ...args: unknown[]) => void) & ParleyMethods;

/** The stub a page may have installed; `q` holds the `arguments` objects of early calls. */
export interface ParleyStub {
  (...args: unknown[]): void;
  q?: Iterable<unknown>[];
}

type AnyHandler = (payload: unknown) => void;

/** The page-facing events; handlers run in their own task so a throwing page handler cannot break the widget. */
export function createEventHub() {
  // No prototype: on('toString', …) must find no Set it could not add to, and stop the queue's replay.
  const handlers: { [E in ParleyEventName]?: Set<AnyHandler> } = Object.create(null);
  return {
    on<E extends ParleyEventName>(event: E, handler: ParleyEventHandler<E>): void {
      (handlers[event] ??= new Set()).add(handler as AnyHandler);
    },
    off<E extends ParleyEventName>(event: E, handler: ParleyEventHandler<E>): void {
      handlers[event]?.delete(handler as AnyHandler);
    },
    emit<E extends ParleyEventName>(event: E, payload?: ParleyEventPayloads[E]): void {
      // Wrapped: a string given as a handler would be run as code by setTimeout.
      handlers[event]?.forEach((handler) => setTimeout(() => handler(payload)));
    },
  };
}

/** Wraps the methods into the callable global and replays whatever the stub queued. */
export function createParleyGlobal(methods: ParleyMethods, stub: ParleyStub | undefined): ParleyGlobal {
  // The page is trusted (it runs our script); unknown names are ignored rather than validated further.
  const call = (method: string, ...args: unknown[]): void =>
    (methods[method as keyof ParleyMethods] as ((...params: unknown[]) => void) | undefined)?.(...args);
  for (const queued of stub?.q ?? []) call(...(queued as [string]));
  return Object.assign(call, methods);
}
