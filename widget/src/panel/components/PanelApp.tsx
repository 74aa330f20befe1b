/**
 * The chat panel: header, notices, messages with the pre-chat form or the after-chat card, and the
 * composer (or the offline form). Rarely used parts are lazy chunks.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChatActions } from '../chat-actions';
import type { ChatStore } from '../chat-store';
import { useTranslation } from '../i18n-context';
import { answeringAgentName, canChatLive, hasContactCard, panelView } from '../panel-view';
import { timelineEntries } from '../timeline-entries';
import { useChatState } from '../use-chat-state';
import { ConnectionNotice, TypingIndicator } from './ChatNotices';
import { Composer } from './Composer';
import {
  LazyContactCard,
  LazyConversationNotice,
  LazyEndChatConfirm,
  LazyKbSuggestions,
  LazyOfflineForm,
  LazyPreChatForm,
  LazyRatingCard,
  LazySendingHeldNotice,
  LazyStatusNotice,
  LazyTicketNotice,
} from './lazy-parts';
import { MessageList } from './MessageList';
import { PanelHeader } from './PanelHeader';

export type { ChatActions };

export interface PanelAppProps {
  store: ChatStore;
  actions: ChatActions;
  /** Asks the host page to close the panel; absent when the panel is not framed. */
  onClose?: () => void;
}

export function PanelApp({ store, actions, onClose }: PanelAppProps) {
  const { t, lng, dir } = useTranslation();
  const state = useChatState(store);
  const panel = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const [showContact, setShowContact] = useState(false);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const entries = useMemo(
    () => timelineEntries(state.messages, state.pending, state.agentReadSeqs),
    [state.messages, state.pending, state.agentReadSeqs],
  );
  const view = panelView(state, entries.length);
  const { site, conversation, availability } = state;
  const contact = hasContactCard(site) ? () => setShowContact(true) : undefined;
  // The request this chat became, as the server told us when the visitor ended it.
  const chatTicket = state.ticket && state.ticket.conversationId === conversation?.id ? state.ticket : null;

  // Fetch the form this state will show before the visitor opens the chat, so it is there at once.
  const upcomingForm = view.offline ? LazyOfflineForm : view.prechat ? LazyPreChatForm : null;
  useEffect(() => {
    upcomingForm?.preload().catch(() => undefined);
  }, [upcomingForm]);

  // Opening the chat (or leaving the contact card) puts the cursor where the visitor will type:
  // the composer, or else the first field of the form shown.
  useEffect(() => {
    if (!state.open || showContact) return;
    const composer = input.current?.disabled === false ? input.current : null;
    (composer ?? panel.current?.querySelector<HTMLElement>('.panel__body :is(input, select, textarea)'))?.focus();
  }, [state.open, showContact]);

  // Escape closes the chat, unless a part of the panel (emoji, confirmation) took it for itself.
  useEffect(() => {
    if (!onClose) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const chatBody = (
    <>
      <MessageList
        entries={entries}
        open={state.open}
        historyLoaded={state.historyLoaded}
        // The offline form says what to do instead.
        greeting={view.offline ? '' : site?.widget.greeting || t('empty')}
        actions={actions}
        intro={
          view.prechat &&
          site && (
            <LazyPreChatForm view={view.prechat} site={site} store={store} actions={actions} />
          )
        }
      >
        {view.afterChat === 'rating' && conversation && (
          <LazyRatingCard conversation={conversation} email={state.email} store={store} actions={actions} />
        )}
        {view.afterChat === 'ticket' && (
          <LazyTicketNotice
            ticketNumber={chatTicket?.ticketNumber ?? null}
            emailKnown={!!state.email || !!chatTicket?.emailOnFile}
            store={store}
            actions={actions}
          />
        )}
        {view.offline && (
          <LazyOfflineForm
            known={{ name: state.visitorName, email: state.email }}
            receipt={state.ticket?.conversationId === null ? state.ticket : null}
            onShowContact={contact}
            store={store}
            actions={actions}
          />
        )}
      </MessageList>
      {/* Offline, the chat can only have ended, and the offline form (not the composer) is how to write again.
          Mounted (empty) while an agent answers too, so that the end of the chat is read out when it comes. */}
      {conversation && !view.offline && <LazyConversationNotice state={state} rating={view.afterChat === 'rating' && conversation.rating === null} />}
      <TypingIndicator typing={state.agentTyping} />
      {state.sendingHeldUntil !== null && <LazySendingHeldNotice until={state.sendingHeldUntil} />}
      {state.open && !view.offline && <LazyKbSuggestions input={input} store={store} actions={actions} />}
      {!view.offline && (
        <Composer
          inputRef={input}
          disabled={state.connection === 'refused' || !!view.prechat?.required}
          onSend={actions.send}
          onTyping={actions.setTyping}
          fileAccess={actions.fileAccess}
        />
      )}
    </>
  );

  return (
    <div class="panel" dir={dir} lang={lng} ref={panel}>
      <PanelHeader
        title={site?.widget.title || t('title')}
        status={canChatLive(state) ? 'live' : availability?.openNow === false ? 'closed' : 'away'}
        agentName={answeringAgentName(state)}
        sound={state.sound}
        onToggleSound={() => actions.setSound(!state.sound)}
        onContact={contact}
        onEndChat={view.canEndChat ? () => setConfirmingEnd(true) : undefined}
        actions={actions}
        onClose={onClose}
      />
      {/* The panel is a document of its own: everything under the header is its main landmark. */}
      <main class="panel__body">
        {confirmingEnd && view.canEndChat && (
          <LazyEndChatConfirm store={store} actions={actions} onDismiss={() => setConfirmingEnd(false)} />
        )}
        {site?.statusNotice && <LazyStatusNotice notice={site.statusNotice} />}
        <ConnectionNotice state={state} />
        {showContact && site ? (
          <div class="messages">
            <LazyContactCard
              contact={site.contact}
              openingHours={site.openingHours}
              openNow={availability?.openNow ?? null}
              onBack={() => setShowContact(false)}
            />
          </div>
        ) : (
          chatBody
        )}
      </main>
    </div>
  );
}
