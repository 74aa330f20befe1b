/** The signed-in screen: the top bar, then the chats, the tickets or the administration. */
import { useEffect, useRef } from 'preact/hooks';
import { ChatArea } from '../components/chat-area';
import { ConversationList } from '../components/conversation-list';
import { ShortcutsHelp } from '../components/shortcuts-help';
import { UnansweredNotices } from '../components/unanswered-notices';
import { TopBar } from '../components/top-bar';
import { LeaveUnsavedDialog } from '../components/unsaved-changes';
import { useInsightT } from '../i18n/use-insight-t';
import { useConsole, useLive, useT } from '../state/console-context';
import { hrefOf, type Route } from '../state/navigation.store';
import { lazyScreen } from './lazy-screen';
import { useHeadingFocusOnScreenChange } from './screen-focus';
import { useWorkspaceShortcuts } from './workspace-shortcuts';

// Chats load with the console; tickets and administration when first opened.
const TicketsRoute = lazyScreen(() => import('./tickets.route').then((m) => m.TicketsRoute));
const TicketRoute = lazyScreen(() => import('./ticket.route').then((m) => m.TicketRoute));
const AdminRoute = lazyScreen(() => import('./admin.route').then((m) => m.AdminRoute));
const KnowledgeBaseRoute = lazyScreen(() => import('./knowledge-base.route').then((m) => m.KnowledgeBaseRoute));
const AccountRoute = lazyScreen(() => import('./account.route').then((m) => m.AccountRoute));
const AnalyticsRoute = lazyScreen(() => import('./analytics.route').then((m) => m.AnalyticsRoute));

/** The screen's name for the window title, in the nav's own words. */
function useScreenName(route: Route): string | null {
  const { session } = useConsole();
  const live = useLive();
  const t = useT();
  const insightT = useInsightT();
  switch (route.name) {
    case 'chats':
      return t('nav.chats');
    case 'tickets':
      return t('nav.tickets');
    case 'ticket': {
      const known = live.tickets.byId.value.get(route.ticketId);
      return known ? t('chat.openTicketNumber', { number: known.number }) : t('nav.tickets');
    }
    case 'admin':
      return session.agent.value?.role === 'admin' ? t('nav.admin') : t('nav.team');
    case 'kb':
      return insightT('nav.kb');
    case 'analytics':
      return insightT('nav.analytics');
    case 'account':
      return t('account.title');
    case 'reset-password':
      return null;
  }
}

/** "(3) Chats · Parley console": the screen, so tabs and history tell screens apart, and what is unread, so a background tab shows it. */
function useWindowTitle(route: Route) {
  const live = useLive();
  const t = useT();
  const { conversations } = live;
  const visible = [...conversations.queued.value, ...conversations.mine.value];
  const unread = visible.reduce((sum, conversation) => sum + conversations.unreadCount(conversation.id), 0);
  const screen = useScreenName(route);
  const named = screen ? `${screen} · ${t('app.title')}` : t('app.title');
  const title = unread > 0 ? `(${unread}) ${named}` : named;
  useEffect(() => {
    document.title = title;
  }, [title]);
}

function ChatsScreen() {
  const t = useT();
  return (
    <div class="workspace__body">
      {/* The other screens name themselves in sight; here the lists and the chats say enough. */}
      <h1 class="visually-hidden workspace__heading" tabIndex={-1}>
        {t('nav.chats')}
      </h1>
      <ConversationList />
      <ChatArea />
    </div>
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
  const t = useT();
  const route = app.navigation.route.value;
  const frame = useRef<HTMLDivElement>(null);
  useWindowTitle(route);
  useHeadingFocusOnScreenChange(frame, hrefOf(route));
  useWorkspaceShortcuts(app, live);

  // Unread marks clear only while the agent can see the page.
  useEffect(() => {
    const onVisible = () => live.markActiveRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [live]);

  return (
    <div class="workspace" ref={frame}>
      {/* First in the page, before the top bar's dozen stops. */}
      {route.name === 'chats' && (
        <a class="skip-link" href="#conversations">
          {t('app.skipToChats')}
        </a>
      )}
      <TopBar />
      <UnansweredNotices />
      <CurrentScreen />
      <ShortcutsHelp />
      <LeaveUnsavedDialog />
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
