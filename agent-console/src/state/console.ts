/**
 * Everything the console's screens share, built in one place from its dependencies: the
 * session, preferences, translator, and the live workspace that exists while signed in.
 */
import type { Conversation } from '@parley/shared';
import { computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { AdminClient } from '../api/admin.client';
import type { RestClient } from '../api/rest.client';
import type { Translator } from '../i18n/i18n';
import type { AgentConnection } from '../realtime/agent-connection';
import { createLiveSession, type LiveSession } from './live-session';
import { createNavigationStore, type NavigationStore } from './navigation.store';
import { createPreferencesStore, type PreferencesStore } from './preferences.store';
import { createSessionStore, type SessionStore } from './session.store';

export interface ConsoleDeps {
  rest: RestClient;
  storage: Storage;
  translator: Translator;
  connect(token: string): AgentConnection;
  /** REST administration acting with this token. */
  adminClient(token: string): AdminClient;
  newClientId(): string;
  /** A chat came to the agent while they were here (see new-chat-rule.ts). */
  onNewChat?(conversation: Conversation): void;
  retryDelaysMs?: readonly number[];
}

export interface Console {
  /** The agent REST API (sign-in steps, the forgotten password, the agent's own credentials). */
  rest: RestClient;
  session: SessionStore;
  preferences: PreferencesStore;
  translator: Translator;
  navigation: NavigationStore;
  /** Present while signed in. */
  live: ReadonlySignal<LiveSession | null>;
  signOut(): Promise<void>;
  dispose(): void;
}

export function createConsole(deps: ConsoleDeps): Console {
  const session = createSessionStore({ rest: deps.rest, storage: deps.storage });
  const preferences = createPreferencesStore(deps.storage);
  const navigation = createNavigationStore();
  const live = signal<LiveSession | null>(null);
  const chatsOnScreen = computed(() => navigation.route.value.name === 'chats');

  // One socket per token: a new sign-in replaces the workspace, signing out ends it.
  const stopFollowingToken = effect(() => {
    const token = session.token.value;
    const signedIn = session.phase.value === 'signed-in';
    live.peek()?.dispose();
    live.value = null;
    if (!token || !signedIn) return;
    // Only the token and phase may restart the workspace, not whatever building it reads.
    const created = untracked(() =>
      createLiveSession({
        connection: deps.connect(token),
        admin: deps.adminClient(token),
        session,
        storage: deps.storage,
        newClientId: deps.newClientId,
        retryDelaysMs: deps.retryDelaysMs,
        onNewChat: deps.onNewChat,
        chatsOnScreen,
      }),
    );
    live.value = created;
  });

  return {
    rest: deps.rest,
    session,
    preferences,
    translator: deps.translator,
    navigation,
    live,
    async signOut() {
      const current = live.peek();
      if (current) current.tabs.openIds.value.forEach((id) => current.tabs.close(id));
      // The next person to sign in here starts from the chats, not from someone's admin page;
      // signing out is the agent's own choice, so it does not stop to ask about unsaved forms.
      navigation.go({ name: 'chats' }, { discardUnsaved: true });
      await session.signOut();
    },
    dispose() {
      stopFollowingToken();
      live.peek()?.dispose();
      navigation.dispose();
    },
  };
}
