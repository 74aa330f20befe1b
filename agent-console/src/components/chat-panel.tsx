/** One open conversation: who it is with, what can be done with it, the transcript and the reply box. */
import type { Conversation, ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useConsole, useLive, useT } from '../state/console-context';
import { ChatActions, steers } from './chat-actions';
import { Composer } from './composer';
import { Transcript } from './transcript';
import { VisitorDetailsPanel } from './visitor-details';
import { VisitorPresence } from './visitor-presence';
import { visitorLabel } from './visitor-label';

function hintFor(conversation: Conversation, me: string | undefined): string | null {
  if (conversation.status === 'resolved') return 'chat.resolvedHint';
  if (conversation.status === 'queued') return 'chat.queuedHint';
  const helping = conversation.assignedAgentId === me || conversation.participantAgentIds.includes(me ?? '');
  return helping ? null : 'chat.otherAgentHint';
}

export function ChatPanel(props: { conversation: Conversation; asTab: boolean }) {
  const { conversation } = props;
  const live = useLive();
  const { session } = useConsole();
  const t = useT();
  const me = session.agent.value;
  const name = visitorLabel(conversation, t);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const typist = live.typing.typists.value[conversation.id];
  const hint = hintFor(conversation, me?.id);
  // The assigned agent, invited helpers and admins may write; the server enforces the same rule.
  const invited =
    conversation.status === 'assigned' && conversation.participantAgentIds.includes(me?.id ?? '');
  const canReply = conversation.status === 'queued' || steers(conversation, me) || invited;

  return (
    <section
      id={`chat-${conversation.id}`}
      class="chat-panel"
      role={props.asTab ? 'tabpanel' : 'region'}
      aria-labelledby={`chat-title-${conversation.id}`}
      data-testid="chat-panel"
      data-conversation-id={conversation.id}
      data-status={conversation.status}
      onFocusIn={() => live.tabs.focus(conversation.id)}
    >
      <header class="chat-panel__header">
        <div class="chat-panel__who">
          <h2 id={`chat-title-${conversation.id}`} class="chat-panel__title" data-testid="chat-title">
            {name}
          </h2>
          <span class={`status-chip status-chip--${conversation.status}`} data-testid="chat-status">
            {t(`chat.status.${conversation.status}`)}
          </span>
          <VisitorPresence conversation={conversation} />
        </div>
        <ChatActions
          conversation={conversation}
          me={me}
          name={name}
          onError={setError}
          onNotice={setNotice}
        />
      </header>
      <VisitorDetailsPanel conversation={conversation} />
      {hint && <p class="chat-panel__hint">{t(hint)}</p>}
      {typeof conversation.rating === 'number' && (
        <p class="chat-panel__rating" data-testid="chat-rating" data-rating={conversation.rating}>
          {t('chat.rating', { rating: conversation.rating })}
          {conversation.ratingComment && <q dir="auto">{conversation.ratingComment}</q>}
        </p>
      )}
      {notice && (
        <p class="chat-panel__notice" role="status" data-testid="chat-notice">
          {notice}
        </p>
      )}
      {error && (
        <p class="form-error chat-panel__error" role="alert" data-testid="chat-error" data-code={error}>
          {t(`errors.${error}`)}
        </p>
      )}
      <Transcript conversation={conversation} label={t('chat.transcript', { name })} />
      {/* Always present and polite, so a screen reader hears it when the text appears. */}
      <p
        class="typing-indicator"
        aria-live="polite"
        data-testid="typing-indicator"
        data-active={Boolean(typist)}
      >
        {typist ? t('chat.typing', { name: typist.name ?? name }) : ''}
      </p>
      <Composer
        conversationId={conversation.id}
        canReply={canReply}
        canNote={conversation.status !== 'resolved'}
      />
    </section>
  );
}
