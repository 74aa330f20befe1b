/**
 * Agents' passwords after sign-up: a change (the current password first), a forgotten one (an
 * e-mailed single-use link, valid an hour, kept hashed), and an admin sending that link. Each
 * new password ends the agent's other sessions and their live consoles.
 */
import type { Agent, PasswordChange, PasswordForgot, PasswordReset } from '@parley/shared';
import type { Store } from '../store/store';
import { hashToken, newSecretToken } from '../tokens';
import type { SessionTerminator } from './agent-admin.service';
import { DomainError } from './domain-error';
import type { Mailer } from './mailer.port';
import { hashPassword, verifyPassword } from './password';

export const PASSWORD_RESET_TTL_MS = 60 * 60_000;

export interface AgentPasswordServiceDeps {
  store: Store;
  mailer: Mailer;
  sessions: SessionTerminator;
  /** Origin of the console; reset links point at it. */
  publicUrl: string;
  now?: () => Date;
}

/** The console page that takes a reset token (in the fragment, which browsers never send to servers or proxies). */
export const resetLinkOf = (publicUrl: string, token: string) => `${publicUrl}/console/#/reset-password/${token}`;

export function createAgentPasswordService({ store, mailer, sessions, publicUrl, now = () => new Date() }: AgentPasswordServiceDeps) {
  async function setPassword(agentId: string, password: string, keepSessionHash: string | null): Promise<void> {
    await store.setAgentPasswordHash(agentId, await hashPassword(password));
    if (keepSessionHash) await store.deleteAgentSessionsExcept(agentId, keepSessionHash);
    else await store.deleteAgentSessions(agentId);
    sessions.disconnectAgent(agentId, keepSessionHash ? { exceptSessionHash: keepSessionHash } : undefined);
  }

  async function sendResetLink(agent: Agent, locale: string): Promise<void> {
    const token = newSecretToken();
    await store.createPasswordReset({
      tokenHash: hashToken(token), agentId: agent.id, expiresAt: new Date(now().getTime() + PASSWORD_RESET_TTL_MS).toISOString(),
    });
    const site = await store.findSiteById(agent.siteId);
    await mailer.enqueue({
      siteId: agent.siteId, to: agent.email, locale, template: 'agent_password_reset',
      data: { requesterName: agent.name, siteName: site?.name ?? 'Parley', email: agent.email, link: resetLinkOf(publicUrl, token) },
    });
  }

  return {
    /** Keeps the session it was asked from; ends every other one. */
    async changePassword(agent: Agent, input: PasswordChange & { sessionHash: string }): Promise<void> {
      const current = await store.findAgentWithSecretById(agent.id);
      if (!current || !(await verifyPassword(input.currentPassword, current.passwordHash))) {
        throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong.');
      }
      if (input.newPassword === input.currentPassword) {
        // On the new password's field, so clients say it there.
        throw new DomainError('VALIDATION_FAILED', 'newPassword: Choose a password different from the current one.', { field: 'newPassword' });
      }
      await setPassword(agent.id, input.newPassword, input.sessionHash);
    },

    /** Sends a link when an active agent has this e-mail; the caller cannot tell either way. */
    async requestReset(input: PasswordForgot): Promise<void> {
      const agent = await store.findAgentWithSecretByEmail(input.email);
      if (!agent?.active) return;
      const { passwordHash: _secret, ...publicAgent } = agent;
      await sendResetLink(publicAgent, input.locale ?? publicAgent.languages[0] ?? 'en');
    },

    async adminSendReset(actor: Agent, agentId: string): Promise<void> {
      if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins can manage the team and the site.');
      const target = await store.findAgentById(agentId);
      if (!target || target.siteId !== actor.siteId) throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent.');
      if (!target.active) throw new DomainError('VALIDATION_FAILED', 'This agent is deactivated.');
      await sendResetLink(target, target.languages[0] ?? 'en');
    },

    /** Uses the link up (once, within the hour), sets the password and signs the agent out everywhere. */
    async resetPassword(input: PasswordReset): Promise<void> {
      const reset = await store.consumePasswordReset(hashToken(input.token), now().toISOString());
      if (!reset) throw new DomainError('LINK_EXPIRED', 'This link was used already or has expired; ask for a new one.');
      const agent = await store.findAgentById(reset.agentId);
      if (!agent?.active) throw new DomainError('LINK_EXPIRED', 'This link was used already or has expired; ask for a new one.');
      await setPassword(agent.id, input.newPassword, null);
    },
  };
}

export type AgentPasswordService = ReturnType<typeof createAgentPasswordService>;
