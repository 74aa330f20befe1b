/** Who is signed in: the bearer token (kept across reloads) and the agent it belongs to. */
import type { Agent, LoginRequest } from '@parley/shared';
import { signal, type ReadonlySignal } from '@preact/signals';
import { ApiError } from '../api/api-error';
import type { RestClient } from '../api/rest.client';
import { storedValue } from './stored-value';

export type SessionPhase = 'signed-out' | 'restoring' | 'signed-in';

export interface SessionStore {
  phase: ReadonlySignal<SessionPhase>;
  token: ReadonlySignal<string | null>;
  agent: ReadonlySignal<Agent | null>;
  /** Throws ApiError (e.g. INVALID_CREDENTIALS) for the form to show. */
  signIn(credentials: LoginRequest): Promise<void>;
  signOut(): Promise<void>;
  /** Checks a token kept from an earlier visit; a rejected one signs out quietly. */
  restore(): Promise<void>;
  /** The server said the token is no longer valid (socket handshake refused). */
  expire(): void;
  /** A fresher copy of the agent (session:ready, status change). */
  updateAgent(agent: Agent): void;
}

const TOKEN_KEY = 'parley.console.token';

export function createSessionStore(options: { rest: RestClient; storage: Storage }): SessionStore {
  const { rest } = options;
  const storedToken = storedValue<string>(options.storage, TOKEN_KEY);
  const initialToken = storedToken.read();
  const token = signal<string | null>(initialToken);
  const agent = signal<Agent | null>(null);
  const phase = signal<SessionPhase>(initialToken ? 'restoring' : 'signed-out');

  function clear() {
    storedToken.write(null);
    token.value = null;
    agent.value = null;
    phase.value = 'signed-out';
  }

  return {
    phase,
    token,
    agent,
    async signIn(credentials) {
      const answer = await rest.login(credentials);
      storedToken.write(answer.token);
      token.value = answer.token;
      agent.value = answer.agent;
      phase.value = 'signed-in';
    },
    async signOut() {
      const current = token.value;
      clear();
      // The local sign-out must not wait on (or fail with) the network.
      if (current) await rest.logout(current).catch(() => undefined);
    },
    async restore() {
      const current = token.value;
      if (!current) return;
      try {
        agent.value = await rest.me(current);
        phase.value = 'signed-in';
      } catch (error) {
        // Only a definite "no" forgets the token. After a network blip the workspace opens
        // anyway: the socket keeps retrying and its session:ready fills in the agent.
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') clear();
        else phase.value = 'signed-in';
      }
    },
    expire: clear,
    updateAgent(next) {
      agent.value = next;
    },
  };
}
