/** Who is signed in: the bearer token (kept across reloads) and the agent it belongs to. */
import type { Agent, LoginRequest, LoginResponse, SecondFactorChallenge, SecondFactorRequest } from '@parley/shared';
import { signal, type ReadonlySignal } from '@preact/signals';
import { ApiError } from '../api/api-error';
import type { RestClient } from '../api/rest.client';
import { storedValue } from './stored-value';

export type SessionPhase = 'signed-out' | 'restoring' | 'signed-in';

export interface SessionStore {
  phase: ReadonlySignal<SessionPhase>;
  token: ReadonlySignal<string | null>;
  agent: ReadonlySignal<Agent | null>;
  /** Signed out by the server, not by the agent (expired, signed out elsewhere, deactivated): the sign-in page says so. */
  endedByServer: ReadonlySignal<boolean>;
  /**
   * Throws ApiError (e.g. INVALID_CREDENTIALS) for the form to show. With two-factor sign-in on,
   * answers the challenge for the second step and stays signed out until it is completed.
   */
  signIn(credentials: LoginRequest): Promise<SecondFactorChallenge | null>;
  /** The second step; throws ApiError (INVALID_CODE, or UNAUTHENTICATED once the challenge expired). */
  completeSecondFactor(request: SecondFactorRequest): Promise<void>;
  /** A session obtained another way (two-step sign-in set up while signing in). */
  adopt(answer: LoginResponse): void;
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
  const endedByServer = signal(false);

  function clear() {
    storedToken.write(null);
    token.value = null;
    agent.value = null;
    phase.value = 'signed-out';
  }

  function endedElsewhere() {
    clear();
    endedByServer.value = true;
  }

  function adopt(answer: LoginResponse) {
    endedByServer.value = false;
    storedToken.write(answer.token);
    token.value = answer.token;
    agent.value = answer.agent;
    phase.value = 'signed-in';
  }

  return {
    phase,
    token,
    agent,
    endedByServer,
    async signIn(credentials) {
      const answer = await rest.login(credentials);
      if ('secondFactorRequired' in answer) return answer;
      adopt(answer);
      return null;
    },
    async completeSecondFactor(request) {
      adopt(await rest.completeSecondFactor(request));
    },
    adopt,
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
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') endedElsewhere();
        else phase.value = 'signed-in';
      }
    },
    expire: endedElsewhere,
    updateAgent(next) {
      agent.value = next;
    },
  };
}
