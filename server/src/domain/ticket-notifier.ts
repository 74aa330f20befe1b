/** Which ticket changes the requester hears about, and the e-mail each one gets. */
import type { MessageAttachment, Site, Ticket, TicketStatus } from '@parley/shared';
import type { EmailTemplate, Mailer } from './mailer.port';
import type { TicketLinks } from './ticket-links';

export interface TicketNotifierDeps {
  mailer: Mailer;
  links: TicketLinks;
}

/** Status changes a customer cares about, and the e-mail that tells them. */
const STATUS_EMAILS: Partial<Record<TicketStatus, EmailTemplate>> = {
  pending: 'ticket_pending',
  solved: 'ticket_solved',
};

export function createTicketNotifier({ mailer, links }: TicketNotifierDeps) {
  async function send(
    site: Site,
    ticket: Ticket,
    email: { template: EmailTemplate; agentName?: string; replyText?: string; files?: readonly MessageAttachment[] },
  ) {
    const { template, ...extra } = email;
    if (!ticket.requesterEmail) return;
    await mailer.enqueue({
      siteId: site.id,
      to: ticket.requesterEmail,
      locale: ticket.requesterLocale,
      template,
      data: {
        ticketId: ticket.id,
        siteName: site.name,
        requesterName: ticket.requesterName ?? '',
        ticketNumber: ticket.number,
        subject: ticket.subject,
        status: ticket.status,
        // "Tell us how we did": the solved e-mail opens the ticket page at its rating form.
        link: template === 'ticket_solved' ? `${links.linkFor(ticket.id)}#rate` : links.linkFor(ticket.id),
        agentName: extra.agentName ?? '',
        replyText: extra.replyText ?? '',
        // Present only with files, so e-mails queued before files existed render as they did.
        ...(extra.files && extra.files.length > 0 ? { files: extra.files.map((file) => file.name).join(', ') } : {}),
      },
    });
  }

  return {
    received: (site: Site, ticket: Ticket) => send(site, ticket, { template: 'ticket_received' }),
    /**
     * A public reply. When the same step moved the ticket to a status the customer hears about
     * ("reply and set pending"), one e-mail says both: that status's e-mail quoting the reply, not
     * two e-mails a second apart, the first of them without the question it asks to answer.
     */
    reply(
      site: Site,
      ticket: Ticket,
      reply: { agentName: string; text: string; statusChanged: boolean; files?: readonly MessageAttachment[] },
    ) {
      const template = (reply.statusChanged ? STATUS_EMAILS[ticket.status] : undefined) ?? 'ticket_reply';
      return send(site, ticket, { template, agentName: reply.agentName, replyText: reply.text, files: reply.files });
    },
    async statusChanged(site: Site, ticket: Ticket) {
      const template = STATUS_EMAILS[ticket.status];
      if (template) await send(site, ticket, { template });
    },
    pendingReminder: (site: Site, ticket: Ticket) => send(site, ticket, { template: 'ticket_pending_reminder' }),
  };
}

export type TicketNotifier = ReturnType<typeof createTicketNotifier>;
