/** Files going out with a ticket's reply or note: claimed all-or-none under a key of the reply's own, released if it is not recorded. */
import type { MessageAttachment, Ticket } from '@parley/shared';
import { toMessageAttachment, type AttachmentUploader, type TicketAttachmentClaim } from '../store/attachment.store';
import type { Store } from '../store/store';
import { newId } from '../tokens';
import { DomainError } from './domain-error';

type TicketFilesStore = Pick<Store, 'claimTicketAttachments' | 'releaseTicketAttachments'>;

const refused = () =>
  new DomainError('VALIDATION_FAILED', 'attachments: each file must be one uploaded into this ticket by its sender and not sent yet');

/**
 * Claims the files, then runs `record` with them (undefined when there are none) and answers what
 * it answered with the files. If recording fails, the files are free again for the next try.
 */
export async function withClaimedTicketFiles<T>(
  store: TicketFilesStore,
  claim: Omit<TicketAttachmentClaim, 'replyKey'>,
  record: (files: MessageAttachment[] | undefined) => Promise<T>,
): Promise<{ updated: T; attachments: MessageAttachment[] }> {
  if (claim.ids.length === 0) return { updated: await record(undefined), attachments: [] };
  // Each reply claims under a key of its own: a file can go out with one reply only.
  const replyKey = newId();
  const records = await store.claimTicketAttachments({ ...claim, replyKey });
  if (!records) throw refused();
  const attachments = records.map(toMessageAttachment);
  try {
    return { updated: await record(attachments), attachments };
  } catch (error) {
    await store.releaseTicketAttachments({ ids: claim.ids, ticketId: claim.ticketId, replyKey });
    throw error;
  }
}

/** The requester as an uploader: the ticket's visitor, or (a ticket without one) the ticket itself. */
export const requesterOf = (ticket: Ticket): AttachmentUploader => ({ kind: 'visitor', id: ticket.visitorId ?? ticket.id });
