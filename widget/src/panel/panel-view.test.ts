import { aSiteConfig } from '../test-support/render-with-i18n';
import { aConversation, aMessage, agentAuthor } from '../test-support/message-factory';
import { createChatStore, type ChatState } from './chat-store';
import { answeringAgentName, canChatLive, hasContactCard, panelView } from './panel-view';

const state = (patch: Partial<ChatState> = {}): ChatState => ({ ...createChatStore({ connection: 'online' }).getState(), ...patch });
const departments = [{ id: 'dept_sales', name: 'Sales' }];

describe('panelView', () => {
  it('asks the fields the site does not turn off, and is required when one of them is', () => {
    const site = aSiteConfig({ prechat: { name: 'required', email: 'optional', department: 'off' }, departments });
    expect(panelView(state({ site }), 0).prechat).toEqual({ fields: ['name', 'email'], required: true });
    const optional = aSiteConfig({ prechat: { name: 'off', email: 'optional', department: 'optional' }, departments });
    expect(panelView(state({ site: optional }), 0).prechat).toEqual({ fields: ['email', 'department'], required: false });
  });

  it('asks no department when the site has none', () => {
    const site = aSiteConfig({ prechat: { name: 'off', email: 'off', department: 'required' } });
    expect(panelView(state({ site }), 0).prechat).toBeNull();
  });

  it('after an introduction, asks only a required department not chosen yet', () => {
    const site = aSiteConfig({ prechat: { name: 'required', email: 'required', department: 'required' }, departments });
    expect(panelView(state({ site, introduced: true }), 0).prechat).toEqual({ fields: ['department'], required: true });
    expect(panelView(state({ site, introduced: true, departmentId: 'dept_sales' }), 0).prechat).toBeNull();
    const optional = aSiteConfig({ prechat: { name: 'required', email: 'off', department: 'optional' }, departments });
    expect(panelView(state({ site: optional, introduced: true }), 0).prechat).toBeNull();
  });

  it('asks nothing without a configuration, with messages, in a chat or when refused', () => {
    const site = aSiteConfig({ prechat: { name: 'required', email: 'off', department: 'off' } });
    expect(panelView(state(), 0).prechat).toBeNull();
    expect(panelView(state({ site }), 2).prechat).toBeNull();
    expect(panelView(state({ site, conversation: aConversation({ status: 'queued' }) }), 0).prechat).toBeNull();
    expect(panelView(state({ site, connection: 'refused' }), 0).prechat).toBeNull();
  });

  it('offers the offline form when nobody can answer and the visitor is not in a chat', () => {
    const away = { agentsOnline: false, openNow: true };
    expect(panelView(state({ availability: away }), 0)).toMatchObject({ offline: true, prechat: null });
    expect(panelView(state({ availability: { agentsOnline: true, openNow: false } }), 0).offline).toBe(true);
    expect(panelView(state({ availability: away, conversation: aConversation({ status: 'assigned' }) }), 3).offline).toBe(false);
    expect(panelView(state({ availability: away, conversation: aConversation({ status: 'resolved' }) }), 3).offline).toBe(true);
    const pending = [{ clientId: 'client_1_000', text: 'hi', createdAt: '2025-01-01T12:00:00.000Z' }];
    expect(panelView(state({ availability: away, pending }), 1).offline).toBe(false);
    expect(panelView(state({ availability: null }), 0).offline).toBe(false);
  });

  it('after the chat: the rating for an answered chat, the request for one that became a ticket', () => {
    expect(panelView(state({ conversation: aConversation({ status: 'resolved' }) }), 2).afterChat).toBe('rating');
    expect(panelView(state({ conversation: aConversation({ status: 'resolved', ticketId: 't1' }) }), 2).afterChat).toBe('ticket');
    const ticket = { conversationId: 'conversation_1', ticketNumber: 7, emailOnFile: false };
    expect(panelView(state({ conversation: aConversation({ status: 'resolved' }), ticket }), 2).afterChat).toBe('ticket');
    expect(panelView(state({ conversation: aConversation({ status: 'assigned' }) }), 2)).toMatchObject({ afterChat: null, canEndChat: true });
    expect(panelView(state(), 0).canEndChat).toBe(false);
  });
});

describe('canChatLive and hasContactCard', () => {
  it('counts an unknown availability as live, and a card as present only with something on it', () => {
    expect(canChatLive({ availability: null })).toBe(true);
    expect(canChatLive({ availability: { agentsOnline: true, openNow: false } })).toBe(false);
    expect(hasContactCard(null)).toBe(false);
    expect(hasContactCard(aSiteConfig())).toBe(false);
    expect(hasContactCard(aSiteConfig({ contact: { phone: '', email: '', hoursNote: 'Mon–Fri' } }))).toBe(true);
  });
});

describe('answeringAgentName', () => {
  const assigned = aConversation({ status: 'assigned', assignedAgentId: 'agent_0001' });
  const fromAnna = aMessage({ seq: 2, author: agentAuthor });

  it('names the assigned agent once they have written in this chat', () => {
    expect(answeringAgentName({ conversation: assigned, messages: [aMessage({ seq: 1 })] })).toBeNull();
    expect(answeringAgentName({ conversation: assigned, messages: [aMessage({ seq: 1 }), fromAnna, aMessage({ seq: 3 })] })).toBe('Anna');
  });

  it('names nobody while queued, once ended, or after a transfer until the new agent writes', () => {
    expect(answeringAgentName({ conversation: { ...assigned, status: 'queued' }, messages: [fromAnna] })).toBeNull();
    expect(answeringAgentName({ conversation: { ...assigned, status: 'resolved' }, messages: [fromAnna] })).toBeNull();
    const transferred = { ...assigned, assignedAgentId: 'agent_0002' };
    expect(answeringAgentName({ conversation: transferred, messages: [fromAnna] })).toBeNull();
    const fromBoris = aMessage({ seq: 3, author: { kind: 'agent', id: 'agent_0002', name: 'Boris' } });
    expect(answeringAgentName({ conversation: transferred, messages: [fromAnna, fromBoris] })).toBe('Boris');
  });

  it("does not take a name from another chat's messages", () => {
    const earlierChat = aMessage({ seq: 1, author: agentAuthor, conversationId: 'conversation_0' });
    expect(answeringAgentName({ conversation: assigned, messages: [earlierChat] })).toBeNull();
  });
});
