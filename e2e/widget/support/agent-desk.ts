/**
 * An agent on the agent namespace through socket.io-client, as the console talks to the server:
 * online on sign-in (so visitors can chat live and are routed to them), sees visitor messages live,
 * answers, and reads a conversation's stored history.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from '@parley/shared';
import { connectAgent, eventMatching, unwrap, type AgentClient } from '../../support/socket-clients';

export class AgentDesk {
  /** Every message the server pushed to this agent, in arrival order. */
  readonly seen: Message[] = [];

  private constructor(readonly socket: AgentClient) {
    socket.on('message:new', (message) => this.seen.push(message));
  }

  static async signIn(url: string, credentials: { email: string; password: string }): Promise<AgentDesk> {
    return new AgentDesk(await connectAgent(url, credentials.email, credentials.password));
  }

  /** The first visitor message with this text, seen live (already or within 10 s). */
  async visitorMessage(text: string): Promise<Message> {
    const already = this.seen.find((m) => m.author.kind === 'visitor' && m.text === text);
    if (already) return already;
    return eventMatching<Message>(
      this.socket,
      'message:new',
      (m) => m.author.kind === 'visitor' && m.text === text,
    );
  }

  async reply(conversationId: string, text: string): Promise<Message> {
    return unwrap(
      await this.socket.emitWithAck('message:send', {
        conversationId,
        clientId: `e2e-${randomUUID()}`,
        text,
      }),
    );
  }

  /** The conversation's messages as the server stored them, oldest first. */
  async history(conversationId: string): Promise<Message[]> {
    return unwrap(await this.socket.emitWithAck('conversation:open', { conversationId })).messages;
  }

  close(): void {
    this.socket.disconnect();
  }
}
