/** One open conversation: who it is with, what can be done with it, the transcript and the reply box. */
import type { Conversation, ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';
import { useConsole, useLive, useT } from '../state/console-context';
import { Composer } from './composer';
import { TransferMenu } from './transfer-menu';
import { Transcript } from './transcript';
import { visitorLabel } from './visitor-label';

function useAction(run: () => Promise<void>, setError: (code: ErrorCode | null) => void) {
  const [busy, setBusy] = useState(false);
  async function act() {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (caught) {
      setError(errorCodeOf(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, act };
}

function hintFor(conversation: Conversation, me: string | undefined): string | null {
  if (conversation.status === 'resolved') return 'chat.resolvedHint';
  if (conversation.status === 'queued') return 'chat.queuedHint';
  const helping = conversation.assignedAgentId === me || conversation.participantAgentIds.includes(me ?? '');
  return helping ? null : 'chat.otherAgentHint';
}

export function ChatPanel(props: { conversation: Conversation; hidden: boolean; asTab: boolean }) {
  const { conversation } = props;
  const live = useLive();
  const { session } = useConsole();
  const t = useT();
  const me = session.agent.value;
  const name = visitorLabel(conversation, t);
  const [error, setError] = useState<ErrorCode | null>(null);
  const claim = useAction(() => live.claim(conversation.id), setError);
  const resolve = useAction(() => live.resolve(conversation.id), setError);
  const typist = live.typing.typists.value[conversation.id];
  const hint = hintFor(conversation, me?.id);
  // The assigned agent, invited helpers and admins may write; the server enforces the same rule.
  const helping =
    conversation.assignedAgentId === me?.id || conversation.participantAgentIds.includes(me?.id ?? '');
  const handledByMe = conversation.status === 'assigned' && (helping || me?.role === 'admin');
  const canReply = conversation.status === 'queued' || handledByMe;

  return (
    <section
      id={`chat-${conversation.id}`}
      class="chat-panel"
      role={props.asTab ? 'tabpanel' : 'region'}
      aria-labelledby={`chat-title-${conversation.id}`}
      hidden={props.hidden}
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
        </div>
        <div class="chat-panel__actions">
          {conversation.status === 'assigned' && (conversation.assignedAgentId === me?.id || me?.role === 'admin') && <TransferMenu conversationId={conversation.id} onError={setError} />}
          {conversation.status === 'queued' && (
            <button type="button" class="button button--primary" disabled={claim.busy} onClick={() => void claim.act()}>
              {t('chat.claim')}
            </button>
          )}
          {conversation.status !== 'resolved' && (
            <button type="button" class="button" disabled={resolve.busy} onClick={() => void resolve.act()}>
              {t('chat.resolve')}
            </button>
          )}
          <button
            type="button"
            class="button button--quiet button--icon"
            aria-label={t('chat.closeChat', { name })}
            title={t('chat.close')}
            onClick={() => live.tabs.close(conversation.id)}
          >
            ×
          </button>
        </div>
      </header>
      {hint && <p class="chat-panel__hint">{t(hint)}</p>}
      {error && (
        <p class="form-error chat-panel__error" role="alert" data-testid="chat-error" data-code={error}>
          {t(`errors.${error}`)}
        </p>
      )}
      <Transcript conversation={conversation} label={t('chat.transcript', { name })} />
      {/* Always present and polite, so a screen reader hears it when the text appears. */}
      <p class="typing-indicator" aria-live="polite" data-testid="typing-indicator" data-active={Boolean(typist)}>
        {typist ? t('chat.typing', { name: typist.name ?? name }) : ''}
      </p>
      <Composer conversationId={conversation.id} canReply={canReply} canNote={conversation.status !== 'resolved'} />
    </section>
  );
}
