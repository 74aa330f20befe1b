/** Creates agent accounts on a test server and connects their consoles. */
import type { Agent } from '@parley/shared';
import { hashPassword } from '../domain/password';
import { connectAgent, login, type AgentClient } from './clients';
import type { TestServer } from './test-server';

export interface ConnectedAgent {
  agent: Agent;
  socket: AgentClient;
  /** The console's bearer token, for REST calls (uploads) as this agent. */
  token: string;
}

// One hash for every test agent: scrypt is deliberately slow.
let sharedHash: Promise<string> | null = null;
const TEST_AGENT_PASSWORD = 'test agent password';

export async function addAgent(
  server: TestServer,
  overrides: Partial<Pick<Agent, 'name' | 'maxChats' | 'languages' | 'departmentIds' | 'role'>> = {},
): Promise<ConnectedAgent> {
  sharedHash ??= hashPassword(TEST_AGENT_PASSWORD);
  const name = overrides.name ?? `Agent ${Math.random().toString(36).slice(2, 8)}`;
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${Date.now()}${Math.floor(Math.random() * 1e6)}@example.test`;
  await server.store.createAgent({
    siteId: server.site.id, email, name, role: overrides.role ?? 'agent', passwordHash: await sharedHash,
    maxChats: overrides.maxChats, languages: overrides.languages, departmentIds: overrides.departmentIds,
  });
  const { token } = await login(server.url, email, TEST_AGENT_PASSWORD);
  const socket = await connectAgent(server.url, token);
  const agent = await server.store.findAgentWithSecretByEmail(email);
  if (!agent) throw new Error('agent vanished');
  const { passwordHash: _hash, ...publicAgent } = agent;
  return { agent: publicAgent, socket, token };
}
