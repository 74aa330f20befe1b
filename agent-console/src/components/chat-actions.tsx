/** What an agent can do with a conversation, offered only when the server would allow it. */
import type { Agent, Conversation, ErrorCode } from '@parley/shared';
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';
import type { ChatCommand } from '../state/chat-commands';
import { useConsole, useLive, useT } from '../state/console-context';
import { focusAfterClose, focusChat } from './chat-focus';
import { ColleagueMenu } from './colleague-menu';
import { EscalateDialog } from './escalate-dialog';
import { TransferMenu } from './transfer-menu';
import { useBusyAction } from './use-busy-action';

/** The assigned agent or an admin steers the chat; invited helpers only write in it. */
export function steers(conversation: Conversation, me: Agent | null): boolean {
  return (
    conversation.status === 'assigned' && (conversation.assignedAgentId === me?.id || me?.role === 'admin')
  );
}

/**
 * Who may resolve (or escalate) a chat, as the server decides (conversation.service assertHandledBy):
 * anyone while it waits or after it ended; once assigned, only those handling it (the assignee and
 * invited helpers) or an admin. Escalating ends the chat like resolving, so it follows the same rule.
 */
export function mayEnd(conversation: Conversation, me: Agent | null): boolean {
  if (conversation.status !== 'assigned') return true;
  if (!me) return false;
  return (
    conversation.assignedAgentId === me.id ||
    conversation.participantAgentIds.includes(me.id) ||
    me.role === 'admin'
  );
}

function ActionButton(props: {
  label: string;
  primary?: boolean;
  run(): Promise<void>;
  onError(code: ErrorCode): void;
}) {
  const { busy, run } = useBusyAction(props.onError);
  return (
    <button
      type="button"
      class={`button${props.primary ? ' button--primary' : ''}`}
      disabled={busy}
      onClick={() => void run(props.run)}
    >
      {props.label}
    </button>
  );
}

/**
 * Resolve and Reopen are one button whose label follows the chat's status: the element the agent
 * pressed stays in the page, so focus is not dropped to the page's body when the status flips.
 * It is disabled while the request runs (which blurs it in some browsers), so focus is put back after.
 */
function ResolveToggle(props: {
  conversation: Conversation;
  onError(code: ErrorCode | null): void;
  button: RefObject<HTMLButtonElement>;
}) {
  const live = useLive();
  const t = useT();
  const { busy, run } = useBusyAction(props.onError, () => props.onError(null));
  const { button } = props;
  const pressed = useRef(false);
  const resolved = props.conversation.status === 'resolved';
  const id = props.conversation.id;
  useEffect(() => {
    if (busy || !pressed.current) return;
    pressed.current = false;
    button.current?.focus();
  }, [busy]);
  return (
    <button
      ref={button}
      type="button"
      class="button"
      disabled={busy}
      onClick={() => {
        pressed.current = true;
        void run(() => (resolved ? live.reopen(id) : live.resolve(id)));
      }}
    >
      {resolved ? t('chat.reopen') : t('chat.resolve')}
    </button>
  );
}

export interface ChatActionsProps {
  conversation: Conversation;
  me: Agent | null;
  name: string;
  onError(code: ErrorCode | null): void;
  /** A translated line for the panel to show (after a shortcut that could not act, an escalation). */
  onNotice(text: string | null): void;
}

/** Opens a native select's list where the browser allows it (Chromium, from a key press). */
function openSelect(select: HTMLSelectElement) {
  select.focus();
  try {
    select.showPicker?.();
  } catch {
    // Not allowed here: the focused select still opens with Alt+↓ or Space.
  }
}

/** Keyboard shortcuts aimed at this chat (see workspace-shortcuts.ts). */
function useChatCommands(
  props: ChatActionsProps & { openEscalation(): void; resolveToggle: RefObject<HTMLButtonElement> },
) {
  const live = useLive();
  const t = useT();
  const { conversation, me } = props;
  const command = live.commands.latest.value;
  useEffect(() => {
    if (!command || command.conversationId !== conversation.id) return;
    live.commands.done(command);
    perform(command);
    // Only a new command runs; the rest is read fresh at that moment.
  }, [command]);

  function perform(next: ChatCommand) {
    props.onNotice(null);
    switch (next.kind) {
      case 'resolve':
        if (conversation.status === 'resolved') return props.onNotice(t('chat.alreadyResolved'));
        // Said here rather than by a request the server would refuse.
        if (!mayEnd(conversation, me)) return props.onError('FORBIDDEN');
        props.onError(null);
        // Where the Resolve button leaves focus: on itself, now "Reopen" (the reply box is disabled).
        return void live
          .resolve(conversation.id)
          .then(() => props.resolveToggle.current?.focus())
          .catch((error: unknown) => props.onError(errorCodeOf(error)));
      case 'focus':
        return focusChat(conversation.id);
      case 'transfer': {
        const select = document
          .getElementById(`chat-${conversation.id}`)
          ?.querySelector('select[data-testid="transfer-select"]');
        if (select instanceof HTMLSelectElement) return openSelect(select);
        return props.onNotice(steers(conversation, me) ? t('chat.noColleagues') : t('chat.cannotTransfer'));
      }
      case 'escalate':
        if (conversation.ticketId) return props.onNotice(t('chat.alreadyTicket'));
        return mayEnd(conversation, me) ? props.openEscalation() : props.onError('FORBIDDEN');
    }
  }
}

function TicketLink({ ticketId }: { ticketId: string }) {
  const { navigation } = useConsole();
  const live = useLive();
  const t = useT();
  const known = live.tickets.byId.value.get(ticketId);
  return (
    <button
      type="button"
      class="button"
      onClick={() => navigation.go({ name: 'ticket', ticketId })}
      data-testid="chat-open-ticket"
    >
      {known ? t('chat.openTicketNumber', { number: known.number }) : t('chat.openTicket')}
    </button>
  );
}

export function ChatActions(props: ChatActionsProps) {
  const { conversation, me, name, onError, onNotice } = props;
  const live = useLive();
  const t = useT();
  const id = conversation.id;
  const [escalating, setEscalating] = useState(false);
  const resolveToggle = useRef<HTMLButtonElement>(null);
  useChatCommands({ ...props, openEscalation: () => setEscalating(true), resolveToggle });
  const run = (action: () => Promise<void>) => () => {
    onError(null);
    return action();
  };
  return (
    <div class="chat-panel__actions">
      {steers(conversation, me) && (
        <>
          <TransferMenu conversationId={id} onError={onError} />
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
      {mayEnd(conversation, me) && <ResolveToggle conversation={conversation} onError={onError} button={resolveToggle} />}
      {conversation.ticketId ? (
        <TicketLink ticketId={conversation.ticketId} />
      ) : (
        mayEnd(conversation, me) && (
          <button
            type="button"
            class="button"
            onClick={() => setEscalating(true)}
            data-testid="escalate-button"
          >
            {t('chat.escalate')}
          </button>
        )
      )}
      {escalating && (
        <EscalateDialog
          conversation={conversation}
          onClose={() => setEscalating(false)}
          onEscalated={(ticket) => {
            setEscalating(false);
            const { number, requesterEmail: email } = ticket;
            onNotice(email ? t('chat.escalatedEmail', { number, email }) : t('chat.escalated', { number }));
          }}
        />
      )}
      <button
        type="button"
        class="button button--quiet button--icon"
        aria-label={t('chat.closeChat', { name })}
        title={t('chat.close')}
        onClick={() => {
          live.tabs.close(id);
          focusAfterClose(id, live.tabs.activeId.value);
        }}
      >
        ×
      </button>
    </div>
  );
}
