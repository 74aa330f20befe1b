/** The signed-in screen: the top bar, then the chats, the tickets or the administration. */
import { useEffect } from 'preact/hooks';
import { ChatArea } from '../components/chat-area';
import { ConversationList } from '../components/conversation-list';
import { ShortcutsHelp } from '../components/shortcuts-help';
import { UnansweredNotices } from '../components/unanswered-notices';
import { TopBar } from '../components/top-bar';
import { useConsole, useLive, useT } from '../state/console-context';
import { lazyScreen } from './lazy-screen';
import { useWorkspaceShortcuts } from './workspace-shortcuts';

// Chats load with the console; tickets and administration when first opened.
const TicketsRoute = lazyScreen(() => import('./tickets.route').then((m) => m.TicketsRoute));
const TicketRoute = lazyScreen(() => import('./ticket.route').then((m) => m.TicketRoute));
const AdminRoute = lazyScreen(() => import('./admin.route').then((m) => m.AdminRoute));
const KnowledgeBaseRoute = lazyScreen(() => import('./knowledge-base.route').then((m) => m.KnowledgeBaseRoute));
const AccountRoute = lazyScreen(() => import('./account.route').then((m) => m.AccountRoute));
const AnalyticsRoute = lazyScreen(() => import('./analytics.route').then((m) => m.AnalyticsRoute));

/** "(3) Parley console" when something is unread, so a background tab shows it. */
function useTitleWithUnread() {
  const live = useLive();
  const t = useT();
  const { conversations } = live;
  const visible = [...conversations.queued.value, ...conversations.mine.value];
  const unread = visible.reduce((sum, conversation) => sum + conversations.unreadCount(conversation.id), 0);
  const title = unread > 0 ? `(${unread}) ${t('app.title')}` : t('app.title');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

function ChatsScreen() {
  const t = useT();
  return (
    <>
      <a class="skip-link" href="#conversations">
        {t('app.skipToChats')}
      </a>
      <div class="workspace__body">
        <ConversationList />
        <ChatArea />
      </div>
    </>
  );
}

function CurrentScreen() {
  const route = useConsole().navigation.route.value;
  switch (route.name) {
    case 'chats':
      return <ChatsScreen />;
    case 'tickets':
      return <TicketsRoute />;
    case 'ticket':
      return <TicketRoute key={route.ticketId} ticketId={route.ticketId} />;
    case 'admin':
      return <AdminRoute section={route.section} />;
    case 'kb':
      return <KnowledgeBaseRoute view={route.view} />;
    case 'analytics':
      return <AnalyticsRoute />;
    case 'account':
      return <AccountRoute />;
    case 'reset-password':
      return <ChatsScreen />;
  }
}

export function WorkspaceRoute() {
  const app = useConsole();
  const live = useLive();
  useTitleWithUnread();
  useWorkspaceShortcuts(app, live);

  // Unread marks clear only while the agent can see the page.
  useEffect(() => {
    const onVisible = () => live.markActiveRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [live]);

  return (
    <div class="workspace">
      <TopBar />
      <CurrentScreen />
      <ShortcutsHelp />
      <UnansweredNotices />
    </div>
  );
}

/** Until the workspace exists (signing in, restoring), a quiet placeholder. */
export function WorkspaceLoading() {
  const t = useConsole().translator.t;
  return (
    <p class="splash" role="status">
      {t('app.loading')}
    </p>
  );
}
