/** SQLite attachment records; a claim for a message or a ticket reply is one transaction of conditional updates, all or none. */
import type Database from 'better-sqlite3';
import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType, type MessageAttachment } from '@parley/shared';
import { nowIso } from '../../clock';
import { newId } from '../../tokens';
import type { AttachmentClaim, AttachmentRecord, AttachmentStore, TicketAttachmentClaim } from '../attachment.store';

export interface AttachmentRow {
  id: string; site_id: string; conversation_id: string | null; ticket_id: string | null;
  uploader_kind: 'visitor' | 'agent'; uploader_id: string; file_id: string; name: string; size: number; content_type: string;
  is_image: number; created_at: string; message_client_id: string | null; internal: number;
}

const asContentType = (value: string): AttachmentContentType =>
  (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(value) ? (value as AttachmentContentType) : 'text/plain';

export const toAttachmentRecord = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id, siteId: r.site_id, conversationId: r.conversation_id, ticketId: r.ticket_id,
  uploader: { kind: r.uploader_kind, id: r.uploader_id }, fileId: r.file_id, name: r.name, size: r.size,
  contentType: asContentType(r.content_type), isImage: r.is_image === 1, createdAt: r.created_at,
  messageClientId: r.message_client_id, internal: r.internal === 1,
});

/** Thrown inside the claim transaction to roll it back. */
class ClaimRefused extends Error {}

export function sqliteAttachments(db: Database.Database): AttachmentStore {
  const insert = db.prepare<Record<string, unknown>, AttachmentRow>(
    `INSERT INTO attachments (id, site_id, conversation_id, ticket_id, uploader_kind, uploader_id, file_id, name, size, content_type, is_image, created_at)
     VALUES (@id, @siteId, @conversationId, @ticketId, @uploaderKind, @uploaderId, @fileId, @name, @size, @contentType, @isImage, @createdAt)
     RETURNING *`,
  );
  const byId = db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE id = ?');
  // A ticket's file never goes out with a chat message, nor a chat's with a ticket reply.
  const claimOne = db.prepare<Record<string, unknown>, AttachmentRow>(
    `UPDATE attachments SET conversation_id = @conversationId, message_client_id = @clientId, internal = @internal
     WHERE id = @id AND site_id = @siteId AND uploader_kind = @uploaderKind AND uploader_id = @uploaderId AND ticket_id IS NULL
       AND (conversation_id = @conversationId OR conversation_id IS NULL)
       AND (message_client_id IS NULL OR (message_client_id = @clientId AND conversation_id = @conversationId))
     RETURNING *`,
  );
  const releaseOne = db.prepare<Record<string, unknown>>(
    `UPDATE attachments SET message_client_id = NULL, internal = 0
     WHERE id = @id AND conversation_id = @conversationId AND message_client_id = @claimedBy`,
  );
  const claimForTicket = db.prepare<Record<string, unknown>, AttachmentRow>(
    `UPDATE attachments SET message_client_id = @replyKey, internal = @internal
     WHERE id = @id AND site_id = @siteId AND uploader_kind = @uploaderKind AND uploader_id = @uploaderId
       AND ticket_id = @ticketId AND (message_client_id IS NULL OR message_client_id = @replyKey)
     RETURNING *`,
  );
  const releaseForTicket = db.prepare<Record<string, unknown>>(
    `UPDATE attachments SET message_client_id = NULL, internal = 0
     WHERE id = @id AND ticket_id = @ticketId AND message_client_id = @claimedBy`,
  );
  const unsent = db.prepare<[string, number], AttachmentRow>(
    'SELECT * FROM attachments WHERE message_client_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?',
  );
  const deleteUnsent = db.prepare<[string]>('DELETE FROM attachments WHERE id = ? AND message_client_id IS NULL');

  /** Claims every id with `statement` (one conditional UPDATE each) in one transaction; null when any was refused (then none is). */
  function allOrNone(statement: Database.Statement<Record<string, unknown>, AttachmentRow>) {
    const claimEach = db.transaction((ids: string[], params: Record<string, unknown>) =>
      ids.map((id) => {
        const row = statement.get({ ...params, id });
        if (!row) throw new ClaimRefused();
        return toAttachmentRecord(row);
      }),
    );
    return (ids: string[], params: Record<string, unknown>): AttachmentRecord[] | null => {
      try {
        return claimEach.immediate(ids, params);
      } catch (error) {
        if (error instanceof ClaimRefused) return null;
        throw error;
      }
    };
  }
  const claimForMessage = allOrNone(claimOne);
  const claimForReply = allOrNone(claimForTicket);
  /** Frees every id still held by the claimer `params` names, in one transaction. */
  const releaseEach = (statement: Database.Statement<Record<string, unknown>>) =>
    db.transaction((ids: string[], params: Record<string, unknown>) => {
      for (const id of ids) statement.run({ ...params, id });
    });
  const releaseFromMessage = releaseEach(releaseOne);
  const releaseFromReply = releaseEach(releaseForTicket);
  const claimer = (claim: AttachmentClaim | TicketAttachmentClaim) => ({
    siteId: claim.siteId, uploaderKind: claim.uploader.kind, uploaderId: claim.uploader.id, internal: claim.internal ? 1 : 0,
  });

  return {
    async createAttachment(input) {
      const row = insert.get({
        id: newId(), siteId: input.siteId, conversationId: input.conversationId, ticketId: input.ticketId ?? null, uploaderKind: input.uploader.kind,
        uploaderId: input.uploader.id, fileId: input.fileId, name: input.name, size: input.size,
        contentType: input.contentType, isImage: input.isImage ? 1 : 0, createdAt: nowIso(),
      });
      if (!row) throw new Error('attachments insert returned no row');
      return toAttachmentRecord(row);
    },
    async findAttachment(id) {
      const row = byId.get(id);
      return row ? toAttachmentRecord(row) : null;
    },
    async claimAttachments(claim) {
      return claimForMessage(claim.ids, { ...claimer(claim), conversationId: claim.conversationId, clientId: claim.clientId });
    },
    async releaseAttachments({ ids, conversationId, clientId }) {
      releaseFromMessage.immediate(ids, { conversationId, claimedBy: clientId });
    },
    async claimTicketAttachments(claim) {
      return claimForReply(claim.ids, { ...claimer(claim), ticketId: claim.ticketId, replyKey: claim.replyKey });
    },
    async releaseTicketAttachments({ ids, ticketId, replyKey }) {
      releaseFromReply.immediate(ids, { ticketId, claimedBy: replyKey });
    },
    async listUnsentAttachments({ before, limit }) {
      return unsent.all(before, limit).map(toAttachmentRecord);
    },
    async deleteUnsentAttachment(id) {
      return deleteUnsent.run(id).changes === 1;
    },
  };
}

/** messages.attachments_json and ticket_events.attachments_json: the files as they went out, or NULL for none. */
export const attachmentsColumn = (attachments: MessageAttachment[] | undefined): string | null =>
  attachments && attachments.length > 0 ? JSON.stringify(attachments) : null;

/** The message's `attachments` property: absent when it has none. */
export function messageAttachmentsOf(json: string | null | undefined): { attachments?: MessageAttachment[] } {
  if (!json) return {};
  return { attachments: JSON.parse(json) as MessageAttachment[] };
}
