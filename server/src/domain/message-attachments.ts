/** Files going out with a message: checked before a conversation opens, claimed all-or-none, released if the send fails. */
import type { Message, MessageAttachment } from '@parley/shared';
import { toMessageAttachment, type AttachmentClaim, type AttachmentUploader } from '../store/attachment.store';
import type { Store } from '../store/store';
import { DomainError } from './domain-error';

const refused = () =>
  new DomainError('VALIDATION_FAILED', 'attachments: each file must be one you uploaded in this conversation and not sent yet');

type AttachmentStorePart = Pick<Store, 'findAttachment' | 'claimAttachments' | 'releaseAttachments'>;

/**
 * Read-only check that every id could go out with this visitor's message, so a bad id is refused
 * before the message opens a conversation. The claim that follows is the real (atomic) test.
 */
export async function assertVisitorMayAttach(
  store: AttachmentStorePart,
  input: { ids: string[]; siteId: string; uploader: AttachmentUploader; clientId: string },
): Promise<void> {
  for (const id of input.ids) {
    const record = await store.findAttachment(id);
    const own = record?.siteId === input.siteId && record.uploader.kind === input.uploader.kind && record.uploader.id === input.uploader.id;
    if (!record || !own || (record.messageClientId !== null && record.messageClientId !== input.clientId)) throw refused();
  }
}

/**
 * Claims the files for the message and runs `append`; undefined attachments when there are none.
 * If appending fails, the files are free again for the next try; a resend that finds the message
 * already stored frees files it does not list.
 */
export async function withClaimedAttachments(
  store: AttachmentStorePart,
  claim: AttachmentClaim,
  append: (attachments: MessageAttachment[] | undefined) => Promise<Message>,
): Promise<Message> {
  if (claim.ids.length === 0) return append(undefined);
  const records = await store.claimAttachments(claim);
  if (!records) throw refused();
  const release = (ids: string[]) => store.releaseAttachments({ ids, conversationId: claim.conversationId, clientId: claim.clientId });
  let message: Message;
  try {
    message = await append(records.map(toMessageAttachment));
  } catch (error) {
    await release(claim.ids);
    throw error;
  }
  const listed = new Set((message.attachments ?? []).map((a) => a.id));
  const strays = claim.ids.filter((id) => !listed.has(id));
  if (strays.length > 0) await release(strays);
  return message;
}
