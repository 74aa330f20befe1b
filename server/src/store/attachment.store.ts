/** The attachment part of the storage seam: who uploaded which file, where, and which message it went out with. */
import type { AttachmentContentType, MessageAttachment } from '@parley/shared';

export interface AttachmentUploader {
  kind: 'visitor' | 'agent';
  id: string;
}

export interface NewAttachmentRecord {
  siteId: string;
  /** Null for a visitor with no open conversation yet (their first message will open one), and for a ticket's file. */
  conversationId: string | null;
  /** The ticket an agent uploaded it into, for a reply or a note; null (or absent) for a chat's file. */
  ticketId?: string | null;
  uploader: AttachmentUploader;
  /** Where the bytes are, in the FileStore. */
  fileId: string;
  name: string;
  size: number;
  contentType: AttachmentContentType;
  isImage: boolean;
}

export interface AttachmentRecord extends NewAttachmentRecord {
  /** Unguessable: the id clients hold. */
  id: string;
  ticketId: string | null;
  createdAt: string;
  /**
   * The clientId of the message it was sent with (in `conversationId`), or the key of the ticket
   * reply or note it went out with (in `ticketId`); null until then.
   */
  messageClientId: string | null;
  /** Sent with an internal note: agents only. */
  internal: boolean;
}

export interface AttachmentClaim {
  ids: string[];
  siteId: string;
  conversationId: string;
  uploader: AttachmentUploader;
  /** The message (conversationId, clientId) the files go out with. */
  clientId: string;
  internal: boolean;
}

/** Files going out with a ticket's reply or note: the ticket's counterpart of AttachmentClaim. */
export interface TicketAttachmentClaim {
  ids: string[];
  siteId: string;
  ticketId: string;
  uploader: AttachmentUploader;
  /** Names the reply or note the files go out with; kept in `messageClientId`. */
  replyKey: string;
  /** Sent with an internal note: agents only. */
  internal: boolean;
}

export interface AttachmentStore {
  createAttachment(input: NewAttachmentRecord): Promise<AttachmentRecord>;
  findAttachment(id: string): Promise<AttachmentRecord | null>;
  /**
   * Compare-and-set, all or none: every id must be this uploader's, of this site, in this
   * conversation (or in none yet) and not sent with another message. A retry of the same message
   * (same conversation and clientId) claims its own files again. The records in the order of
   * `ids`, or null when any could not be claimed (then none is).
   */
  claimAttachments(claim: AttachmentClaim): Promise<AttachmentRecord[] | null>;
  /** Undoes a claim of these ids by that message (its send failed); other messages' files are untouched. */
  releaseAttachments(input: { ids: string[]; conversationId: string; clientId: string }): Promise<void>;
  /**
   * As claimAttachments, for a ticket: every id must be this uploader's, of this site, uploaded
   * into this ticket and not sent with another reply (a retry with the same replyKey claims its
   * own files again). The records in the order of `ids`, or null (then none is claimed).
   */
  claimTicketAttachments(claim: TicketAttachmentClaim): Promise<AttachmentRecord[] | null>;
  /** Undoes a claim of these ids by that reply (it was not recorded); other replies' files are untouched. */
  releaseTicketAttachments(input: { ids: string[]; ticketId: string; replyKey: string }): Promise<void>;
  /** Uploads never sent with a message or a reply, created before `before` (abandoned), oldest first. */
  listUnsentAttachments(input: { before: string; limit: number }): Promise<AttachmentRecord[]>;
  /** Removes the record only while it is still unsent; false when it was sent meanwhile or is gone. */
  deleteUnsentAttachment(id: string): Promise<boolean>;
}

/** What a message carries of each of its files. */
export const toMessageAttachment = (record: AttachmentRecord): MessageAttachment => ({
  id: record.id, name: record.name, size: record.size, contentType: record.contentType, isImage: record.isImage,
});
