/** What the panel shows for a chat state: pre-chat form, offline form, after-chat card, end button. */
import type { PrechatForm } from '@parley/shared';
import { isChatActive, type ChatState } from './chat-store';

export type PrechatField = keyof PrechatForm;

export interface PrechatView {
  fields: PrechatField[];
  /** Some field is required: the composer waits for the form. */
  required: boolean;
}

export interface PanelView {
  prechat: PrechatView | null;
  /** Nobody can answer live and the visitor is not in a chat: leave a message instead. */
  offline: boolean;
  /** Under an ended chat: the request it became, or the rating and transcript offer. */
  afterChat: 'ticket' | 'rating' | null;
  canEndChat: boolean;
}

/** Whether the site has a contact card to show: a phone, an e-mail, opening hours or a note about them. */
export const hasContactCard = (site: ChatState['site']): boolean =>
  !!site && !!(site.contact.phone || site.contact.email || site.contact.hoursNote || site.openingHours);

/** Whether a live chat is possible; unknown (no config yet, or none) counts as possible. */
export const canChatLive = (state: Pick<ChatState, 'availability'>): boolean =>
  !state.availability || (state.availability.agentsOnline && state.availability.openNow);

/**
 * Who is answering the chat, for the header: the assigned agent's name once they have written in
 * it. Null before that, and after a transfer until the new agent writes (the visitor has not met them).
 */
export function answeringAgentName(state: Pick<ChatState, 'conversation' | 'messages'>): string | null {
  const { conversation, messages } = state;
  if (conversation?.status !== 'assigned' || !conversation.assignedAgentId) return null;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.conversationId !== conversation.id || message.author.kind !== 'agent') continue;
    if (message.author.id === conversation.assignedAgentId) return message.author.name;
  }
  return null;
}

/**
 * The pre-chat form asks each field the site does not turn off. Once the visitor (or the host page,
 * through `identify()`) has introduced themselves, only a required department is still asked.
 */
function prechatView(state: ChatState): PrechatView | null {
  const rules = state.site?.prechat;
  if (!rules) return null;
  const askDepartment =
    rules.department !== 'off' &&
    (state.site?.departments.length ?? 0) > 0 &&
    !state.departmentId &&
    (!state.introduced || rules.department === 'required');
  const fields = (['name', 'email', 'department'] as const).filter((field) =>
    field === 'department' ? askDepartment : !state.introduced && rules[field] !== 'off',
  );
  return fields.length > 0 ? { fields, required: fields.some((field) => rules[field] === 'required') } : null;
}

export function panelView(state: ChatState, timelineLength: number): PanelView {
  const active = isChatActive(state);
  const { conversation } = state;
  const offline = !canChatLive(state) && !active && state.pending.length === 0 && state.connection !== 'refused';
  const escalated =
    !!conversation?.ticketId || (!!state.ticket && state.ticket.conversationId === conversation?.id);
  const ended = conversation?.status === 'resolved';
  const beforeFirstMessage = !active && timelineLength === 0 && state.connection !== 'refused' && !offline;
  return {
    prechat: beforeFirstMessage ? prechatView(state) : null,
    offline,
    afterChat: ended ? (escalated ? 'ticket' : 'rating') : null,
    canEndChat: active,
  };
}
