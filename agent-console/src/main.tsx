/** Entry point: builds the console from the real browser dependencies and renders it. */
import { render } from 'preact';
import { createAdminClient } from './api/admin.client';
import { createRestClient } from './api/rest.client';
import { App } from './app';
import { createTranslator } from './i18n/i18n';
import { pickLanguage } from './i18n/languages';
import { createChime } from './notify/chime';
import { createNewChatAlert } from './notify/new-chat-alert';
import { newClientId } from './realtime/client-id';
import { openAgentSocket } from './realtime/open-agent-socket';
import { createConsole } from './state/console';
import { createPreferencesStore } from './state/preferences.store';
import './styles/console.css';

async function start(root: HTMLElement) {
  const storage = window.localStorage;
  const preferred = createPreferencesStore(storage).language.value;
  const translator = await createTranslator(preferred ?? pickLanguage(navigator.languages));
  const alertNewChat = createNewChatAlert({
    t: translator.t,
    chime: createChime(),
    wantsAlerts: () => app.session.agent.value?.status !== 'offline',
    open: (id) => void app.live.value?.openConversation(id).catch(() => undefined),
  });
  const app = createConsole({
    rest: createRestClient(),
    storage,
    translator,
    connect: openAgentSocket,
    adminClient: (token) => createAdminClient({ token }),
    newClientId,
    onNewChat: alertNewChat,
  });
  render(<App app={app} />, root);
  await app.session.restore();
}

const root = document.getElementById('app');
if (root) void start(root);
