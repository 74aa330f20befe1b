/** The signed-in screen: conversations on one side, open chats on the other. */
import { useEffect } from 'preact/hooks';
import { ChatArea } from '../components/chat-area';
import { ConversationList } from '../components/conversation-list';
import { TopBar } from '../components/top-bar';
import { useConsole, useLive, useT } from '../state/console-context';

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

export function WorkspaceRoute() {
  const live = useLive();
  const t = useT();
  useTitleWithUnread();

  // Unread marks clear only while the agent can see the page.
  useEffect(() => {
    const onVisible = () => live.markActiveRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [live]);

  return (
    <div class="workspace">
      <a class="skip-link" href="#conversations">
        {t('app.skipToChats')}
      </a>
      <TopBar />
      <div class="workspace__body">
        <ConversationList />
        <ChatArea />
      </div>
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
