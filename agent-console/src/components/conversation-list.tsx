/** The sidebar: waiting visitors, the agent's chats and colleagues' chats, live, with unread counts. */
import type { Conversation } from '@parley/shared';
import { useConsole, useLive, useT } from '../state/console-context';
import { lastMessageTime } from '../state/conversations.store';
import { ConversationPreview } from './conversation-preview';
import { formatMessageTime } from './time-format';
import { visitorLabel } from './visitor-label';

type Section = 'queue' | 'mine' | 'others';

function ConversationItem({ conversation, section }: { conversation: Conversation; section: Section }) {
  const live = useLive();
  const { translator, session } = useConsole();
  const t = translator.t;
  const unread = live.conversations.unreadCount(conversation.id);
  const active = live.tabs.activeId.value === conversation.id;
  const name = visitorLabel(conversation, t);
  const colleague =
    section === 'others' ? live.agents.byId.value.get(conversation.assignedAgentId ?? '') : undefined;
  const time = formatMessageTime(
    section === 'queue' ? conversation.queuedAt : lastMessageTime(conversation),
    translator.language.value,
  );

  return (
    <li>
      <button
        type="button"
        class={`conversation-item${active ? ' conversation-item--active' : ''}${unread ? ' conversation-item--unread' : ''}`}
        aria-current={active ? 'true' : undefined}
        onClick={() => void live.openConversation(conversation.id).catch(() => undefined)}
        data-testid={`${section}-item`}
        data-conversation-id={conversation.id}
        data-status={conversation.status}
      >
        <span class="conversation-item__avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span class="conversation-item__main">
          <span class="conversation-item__name" data-testid="conversation-name">
            {name}
          </span>
          <ConversationPreview conversation={conversation} />
          <span class="conversation-item__meta">
            {section === 'queue' ? t('queue.since', { time }) : time}
            {colleague && ` · ${t('queue.withAgent', { name: colleague.name })}`}
            {conversation.visitorLeftAt && conversation.status !== 'resolved' && (
              <span data-testid="visitor-left">{` · ${t('queue.visitorLeft')}`}</span>
            )}
          </span>
          {/* The server hands the chat to someone else if this lasts too long: the assigned agent's
              to answer, not an invited colleague's (My chats lists the chats they help in too). */}
          {section === 'mine' && conversation.awaitingAgentSince && conversation.assignedAgentId === session.agent.value?.id && (
            <span class="conversation-item__alert" data-testid="awaiting-reply">
              {t('queue.awaitingReply')}
            </span>
          )}
        </span>
        {unread > 0 && (
          <span class="badge" data-testid="unread-count" aria-label={t('queue.unread', { count: unread })}>
            {unread}
          </span>
        )}
      </button>
    </li>
  );
}

function ConversationSection(props: {
  section: Section;
  title: string;
  items: Conversation[];
  empty?: string;
}) {
  const headingId = `conversations-${props.section}`;
  if (props.items.length === 0 && !props.empty) return null;
  return (
    <section
      class="conversation-section"
      aria-labelledby={headingId}
      data-testid={`${props.section}-section`}
    >
      <h2 id={headingId} class="conversation-section__title">
        {props.title}
        <span class="conversation-section__count" data-testid={`${props.section}-count`}>
          {props.items.length}
        </span>
      </h2>
      {props.items.length === 0 ? (
        <p class="conversation-section__empty">{props.empty}</p>
      ) : (
        <ul class="conversation-section__list" role="list">
          {props.items.map((conversation) => (
            <ConversationItem key={conversation.id} conversation={conversation} section={props.section} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ConversationList() {
  const live = useLive();
  const t = useT();
  return (
    // Focusable from script only: where focus lands when the last open chat is closed.
    <nav
      class="sidebar"
      aria-label={t('queue.title')}
      id="conversations"
      tabIndex={-1}
      data-testid="conversation-list"
    >
      <ConversationSection
        section="queue"
        title={t('queue.waiting')}
        items={live.conversations.queued.value}
        empty={t('queue.emptyWaiting')}
      />
      <ConversationSection
        section="mine"
        title={t('queue.mine')}
        items={live.conversations.mine.value}
        empty={t('queue.emptyMine')}
      />
      <ConversationSection
        section="others"
        title={t('queue.others')}
        items={live.conversations.others.value}
      />
    </nav>
  );
}
