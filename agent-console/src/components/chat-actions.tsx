/** What an agent can do with a conversation, offered only when the server would allow it. */
import type { Agent, Conversation, ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';
import { useLive, useT } from '../state/console-context';
import { ColleagueMenu } from './colleague-menu';

/** The assigned agent or an admin steers the chat; invited helpers only write in it. */
export function steers(conversation: Conversation, me: Agent | null): boolean {
  return (
    conversation.status === 'assigned' && (conversation.assignedAgentId === me?.id || me?.role === 'admin')
  );
}

function ActionButton(props: {
  label: string;
  primary?: boolean;
  run(): Promise<void>;
  onError(code: ErrorCode): void;
}) {
  const [busy, setBusy] = useState(false);
  async function act() {
    setBusy(true);
    try {
      await props.run();
    } catch (error) {
      props.onError(errorCodeOf(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <button
      type="button"
      class={`button${props.primary ? ' button--primary' : ''}`}
      disabled={busy}
      onClick={() => void act()}
    >
      {props.label}
    </button>
  );
}

export interface ChatActionsProps {
  conversation: Conversation;
  me: Agent | null;
  name: string;
  onError(code: ErrorCode | null): void;
}

export function ChatActions({ conversation, me, name, onError }: ChatActionsProps) {
  const live = useLive();
  const t = useT();
  const id = conversation.id;
  const run = (action: () => Promise<void>) => () => {
    onError(null);
    return action();
  };
  return (
    <div class="chat-panel__actions">
      {steers(conversation, me) && (
        <>
          <ColleagueMenu
            label={t('chat.transfer')}
            testId="transfer-select"
            run={(agent) => live.transfer({ conversationId: id, toAgentId: agent.id })}
            onError={onError}
          />
          <ColleagueMenu
            label={t('chat.invite')}
            testId="invite-select"
            exclude={conversation.participantAgentIds}
            run={(agent) => live.invite(id, agent.id)}
            onError={onError}
          />
        </>
      )}
      {conversation.status === 'queued' && (
        <ActionButton label={t('chat.claim')} primary run={run(() => live.claim(id))} onError={onError} />
      )}
      {conversation.status !== 'resolved' && (
        <ActionButton label={t('chat.resolve')} run={run(() => live.resolve(id))} onError={onError} />
      )}
      {conversation.status === 'resolved' && (
        <ActionButton label={t('chat.reopen')} run={run(() => live.reopen(id))} onError={onError} />
      )}
      <button
        type="button"
        class="button button--quiet button--icon"
        aria-label={t('chat.closeChat', { name })}
        title={t('chat.close')}
        onClick={() => live.tabs.close(id)}
      >
        ×
      </button>
    </div>
  );
}
