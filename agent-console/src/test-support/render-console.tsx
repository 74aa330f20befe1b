/** Renders the whole console against a fake socket and a fake REST client, in English. */
import type { Agent, Conversation, LoginRequest, Message, PasswordSignInResponse } from '@parley/shared';
import { act, render, waitFor } from '@testing-library/preact';
import { App } from '../app';
import type { AdminClient } from '../api/admin.client';
import type { RestClient } from '../api/rest.client';
import { createTranslator } from '../i18n/i18n';
import { createConsole, type Console } from '../state/console';
import { fakeAdminClient, type FakeAdmin } from './fake-admin-client';
import { FakeAgentSocket } from './fake-agent-socket';
import { AGENT, TOKEN } from './fixtures';

// Each test's console (its effects and timers) ends with the test.
const rendered: Console[] = [];
afterEach(() => rendered.splice(0).forEach((app) => app.dispose()));

export interface RenderedConsole {
  app: Console;
  socket: FakeAgentSocket;
  rest: jest.Mocked<RestClient>;
  admin: FakeAdmin;
}

export interface RenderConsoleOptions {
  login?: (credentials: LoginRequest) => Promise<PasswordSignInResponse>;
  /** The rest of the agent REST API; a call not given here fails the test. */
  rest?: Partial<RestClient>;
  me?: (token: string) => Promise<Agent>;
  retryDelaysMs?: readonly number[];
  admin?: FakeAdmin;
}

export async function renderConsole(options: RenderConsoleOptions = {}): Promise<RenderedConsole> {
  // The screen lives in the URL's hash; each test starts on the chats.
  window.location.hash = '';
  const socket = new FakeAgentSocket();
  const admin = options.admin ?? fakeAdminClient();
  const unexpected = (name: string) => () => Promise.reject(new Error(`${name} not expected`));
  const given = options.rest ?? {};
  const rest: jest.Mocked<RestClient> = {
    login: jest.fn(options.login ?? unexpected('login')),
    logout: jest.fn((_token: string) => Promise.resolve()),
    me: jest.fn(options.me ?? unexpected('me')),
    completeSecondFactor: jest.fn(given.completeSecondFactor ?? unexpected('completeSecondFactor')),
    beginChallengeEnrolment: jest.fn(given.beginChallengeEnrolment ?? unexpected('beginChallengeEnrolment')),
    completeChallengeEnrolment: jest.fn(given.completeChallengeEnrolment ?? unexpected('completeChallengeEnrolment')),
    forgotPassword: jest.fn(given.forgotPassword ?? unexpected('forgotPassword')),
    resetPassword: jest.fn(given.resetPassword ?? unexpected('resetPassword')),
    changePassword: jest.fn(given.changePassword ?? unexpected('changePassword')),
    twoFactorStatus: jest.fn(given.twoFactorStatus ?? unexpected('twoFactorStatus')),
    beginTwoFactor: jest.fn(given.beginTwoFactor ?? unexpected('beginTwoFactor')),
    confirmTwoFactor: jest.fn(given.confirmTwoFactor ?? unexpected('confirmTwoFactor')),
    disableTwoFactor: jest.fn(given.disableTwoFactor ?? unexpected('disableTwoFactor')),
  };
  let ids = 0;
  const app = createConsole({
    rest,
    storage: window.localStorage,
    translator: await createTranslator('en'),
    connect: () => socket.connection(),
    adminClient: (): AdminClient => admin,
    newClientId: () => `client-${String(++ids).padStart(4, '0')}`,
    retryDelaysMs: options.retryDelaysMs,
  });
  rendered.push(app);
  render(<App app={app} />);
  return { app, socket, rest, admin };
}

/** A console already signed in (as AGENT unless told), its socket connected and the server answering the list. */
export async function renderSignedIn(
  options: RenderConsoleOptions & {
    conversations?: Conversation[];
    messages?: Message[];
    agent?: Agent;
  } = {},
): Promise<RenderedConsole> {
  window.localStorage.setItem('parley.console.token', JSON.stringify(TOKEN));
  const me = options.agent ?? AGENT;
  const result = await renderConsole({ me: async () => me, ...options });
  const { socket } = result;
  const known = new Map((options.conversations ?? []).map((c) => [c.id, c]));
  socket.handle('conversation:list', () => ({ ok: true, data: [...known.values()] }));
  // With a fake admin API, its team is the site's team.
  socket.handle('agent:list', () => ({ ok: true, data: options.admin ? [...options.admin.agents] : [me] }));
  socket.handle('conversation:open', ({ conversationId }) => {
    const conversation = known.get(conversationId);
    if (!conversation) return { ok: false, error: { code: 'CONVERSATION_NOT_FOUND', message: 'gone' } };
    const messages = (options.messages ?? []).filter((m) => m.conversationId === conversationId);
    return { ok: true, data: { conversation, messages } };
  });
  await result.app.session.restore();
  await act(() => socket.setConnected(true));
  socket.serverEmit('session:ready', me);
  await waitFor(() => expect(socket.emitsOf('conversation:list')).toHaveLength(1));
  return result;
}
