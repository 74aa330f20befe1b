/**
 * Every client-to-server event of both namespaces, for the security tests that must cover each
 * one. Typed as `Record<keyof …, …>`: an event added to the shared map without an entry here is a
 * compile error, so no new event escapes the registry walk and the fuzz test.
 */
import type { AgentClientToServerEvents, VisitorClientToServerEvents } from '@parley/shared';

/** `ack`: the event answers through an acknowledgement; `fire`: it is fire-and-forget. */
export type EventStyle = 'ack' | 'fire';

export const VISITOR_EVENTS: Record<keyof VisitorClientToServerEvents, EventStyle> = {
  'conversation:history': 'ack',
  'message:send': 'ack',
  'typing:set': 'fire',
  'visitor:context': 'fire',
  'message:read': 'fire',
  'visitor:identify': 'ack',
  'conversation:end': 'ack',
  'ticket:create': 'ack',
  'site:status': 'ack',
  'conversation:rate': 'ack',
  'conversation:transcript': 'ack',
  'kb:suggest': 'ack',
  'kb:article': 'ack',
  'kb:vote': 'ack',
  'kb:deflection': 'ack',
  'visitor:forget': 'ack',
};

export const AGENT_EVENTS: Record<keyof AgentClientToServerEvents, EventStyle> = {
  'message:read': 'fire',
  'conversation:list': 'ack',
  'conversation:open': 'ack',
  'conversation:claim': 'ack',
  'conversation:resolve': 'ack',
  'conversation:transfer': 'ack',
  'agent:list': 'ack',
  'conversation:reopen': 'ack',
  'conversation:invite': 'ack',
  'visitor:profile': 'ack',
  'canned:list': 'ack',
  'canned:save': 'ack',
  'canned:delete': 'ack',
  'conversation:escalate': 'ack',
  'ticket:search': 'ack',
  'ticket:open': 'ack',
  'ticket:update': 'ack',
  'ticket:bulk-update': 'ack',
  'ticket:reply': 'ack',
  'message:send': 'ack',
  'typing:set': 'fire',
  'agent:status': 'ack',
};

export function eventNames<E extends string>(registry: Record<E, EventStyle>, style?: EventStyle): E[] {
  return (Object.keys(registry) as E[]).filter((name) => !style || registry[name] === style);
}
