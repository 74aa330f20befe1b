/** The chat panel: header, notices, messages, typing indicator and composer over one chat store. */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ChatStore } from '../chat-store';
import { useTranslation } from '../i18n-context';
import { timelineEntries } from '../timeline-entries';
import { useChatState } from '../use-chat-state';
import { ConnectionNotice, ConversationNotice, TypingIndicator } from './ChatNotices';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { PanelHeader } from './PanelHeader';
import { PreChatForm } from './PreChatForm';

/** What the panel needs from the chat session; a narrow seam so component tests can pass fakes. */
export interface ChatActions {
  send(text: string): void;
  retry(clientId: string): void;
  setTyping(typing: boolean): void;
  identify(identity: { name?: string; email?: string }): void;
  skipIntroduction(): void;
}

export interface PanelAppProps {
  store: ChatStore;
  actions: ChatActions;
  /** Asks the host page to close the panel; absent when the panel is not framed. */
  onClose?: () => void;
}

export function PanelApp({ store, actions, onClose }: PanelAppProps) {
  const { lng, dir } = useTranslation();
  const state = useChatState(store);
  const input = useRef<HTMLTextAreaElement>(null);
  const entries = useMemo(() => timelineEntries(state.messages, state.pending), [state.messages, state.pending]);
  const askIntroduction = !state.introduced && entries.length === 0 && state.connection !== 'refused';

  // Opening the chat puts the cursor where the visitor will type.
  useEffect(() => {
    if (state.open) input.current?.focus();
  }, [state.open]);

  return (
    <div class="panel" dir={dir} lang={lng}>
      <PanelHeader onClose={onClose} />
      <ConnectionNotice state={state} />
      <MessageList entries={entries} onRetry={actions.retry}>
        {askIntroduction && <PreChatForm onIntroduce={actions.identify} onSkip={actions.skipIntroduction} />}
      </MessageList>
      <ConversationNotice state={state} />
      <TypingIndicator typing={state.agentTyping} />
      <Composer
        inputRef={input}
        disabled={state.connection === 'refused'}
        onSend={actions.send}
        onTyping={actions.setTyping}
      />
    </div>
  );
}
