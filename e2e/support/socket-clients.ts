/**
 * The server's test clients (`@parley/server/test-support/clients`) for a running Parley process:
 * they reconnect as a real client does (the cluster and durability tests follow them across a
 * failover or a restart), sign agents in by e-mail and password, and wait longer for events.
 */
import {
  connectAgent as connectAgentByToken,
  connectVisitor as connectVisitorOnce,
  eventMatchingWithin,
  login,
} from '@parley/server/test-support/clients';

export { login, unwrap, type AgentClient, type VisitorClient } from '@parley/server/test-support/clients';

export async function siteKeyOf(url: string): Promise<string> {
  const html = await (await fetch(`${url}/demo`)).text();
  const key = html.match(/data-site="([^"]+)"/)?.[1];
  if (!key) throw new Error('no site key on the demo page');
  return key;
}

export function connectVisitor(url: string, auth: { siteKey: string; visitorToken?: string }) {
  return connectVisitorOnce(url, auth, { reconnection: true });
}

export async function connectAgent(url: string, email: string, password: string) {
  const { token } = await login(url, email, password);
  return connectAgentByToken(url, token, { reconnection: true });
}

export const eventMatching = eventMatchingWithin(10_000);
