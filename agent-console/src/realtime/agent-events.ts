/** Type-level views of the shared agent event map: which events are requests, and their shapes. */
import type { Ack, AgentClientToServerEvents } from '@parley/shared';

type ClientEvents = AgentClientToServerEvents;

/** Events that take a payload and answer through an acknowledgement. */
export type AgentRequestName = {
  [E in keyof ClientEvents]: Parameters<ClientEvents[E]>['length'] extends 2 ? E : never;
}[keyof ClientEvents];

export type RequestOf<E extends AgentRequestName> = Parameters<ClientEvents[E]>[0];

export type ResultOf<E extends AgentRequestName> =
  Parameters<ClientEvents[E]>[1] extends Ack<infer T> ? T : never;
