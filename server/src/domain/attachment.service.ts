/** Attachments: uploads checked by their bytes, and downloads only for the conversation's visitor or the site's agents. */
import type { Agent, MessageAttachment, Ticket, VisitorHandshake } from '@parley/shared';
import { pipeline, type Readable } from 'node:stream';
import { detectFileKind, SNIFF_BYTES, type FileKind } from '../files/file-kinds';
import { cleanFileName } from '../files/file-name';
import { readHead } from '../files/stream-head';
import { createUploadInspector, notAllowed, tooLarge } from '../files/upload-inspector';
import { UploadRefused } from '../files/upload-refused';
import { toMessageAttachment, type AttachmentRecord, type AttachmentUploader } from '../store/attachment.store';
import type { Store, Visitor } from '../store/store';
import { hashToken } from '../tokens';
import { DomainError } from './domain-error';
import { requesterOf } from './ticket-attachments';
import type { FileStore, OpenedFile } from './file-store.port';

export type AttachmentCaller =
  | { kind: 'visitor'; visitor: Visitor }
  | { kind: 'agent'; agent: Agent }
  /** Whoever holds a ticket page's link: that ticket's public replies' files, downloads only. */
  | { kind: 'requester'; ticketId: string };

/** Callers who may upload: the requester's page only reads. */
export type UploadCaller = Exclude<AttachmentCaller, { kind: 'requester' }>;

export interface UploadInput {
  /** The name as the client declared it (decoded); cleaned before it is kept. */
  name: string;
  /** The bytes, as they arrive. */
  source: Readable;
  /** Content-Length, when the client sent one: a larger file is refused before a byte is read. */
  declaredBytes?: number;
  /** Agents upload into a conversation of their site; a visitor's upload goes to their own. */
  conversationId?: string;
  /** Or, for agents, into a ticket of their site, for a reply or a note. */
  ticketId?: string;
}

/** Where an upload belongs: one conversation (or a visitor's conversation to come) or one ticket. */
interface UploadTarget {
  conversationId: string | null;
  ticketId: string | null;
}

export interface AttachmentServiceDeps {
  store: Store;
  files: FileStore;
  maxUploadBytes: number;
  now?: () => Date;
}

/** MAX_UPLOAD_MB's default. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Uploads never sent with a message are removed after this long. */
export const UNSENT_UPLOAD_TTL_MS = 24 * 3600_000;

const noSuchFile = () => new DomainError('NOT_FOUND', 'There is no such file.');
const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Sign in, or send the visitor token and site key headers.');

export function createAttachmentService({ store, files, maxUploadBytes, now = () => new Date() }: AttachmentServiceDeps) {
  /** The ticket an agent uploads into: one of their site's (a closed one still takes notes). */
  async function ticketFor(agent: Agent, ticketId: string): Promise<UploadTarget> {
    const ticket = await store.findTicket(ticketId);
    if (!ticket || ticket.siteId !== agent.siteId) throw new DomainError('NOT_FOUND', 'There is no such ticket.');
    return { conversationId: null, ticketId: ticket.id };
  }

  /** Where an upload belongs: the agent's chosen conversation or ticket, or the visitor's open conversation (none yet is fine). */
  async function targetOf(caller: UploadCaller, input: UploadInput): Promise<UploadTarget> {
    if (caller.kind === 'visitor') {
      return { conversationId: (await store.findOpenConversation(caller.visitor.siteId, caller.visitor.id))?.id ?? null, ticketId: null };
    }
    if (input.ticketId !== undefined && input.conversationId !== undefined) {
      throw new DomainError('VALIDATION_FAILED', 'conversationId, ticketId: a file goes into one conversation or one ticket, not both');
    }
    if (input.ticketId !== undefined) return ticketFor(caller.agent, input.ticketId);
    return { conversationId: await conversationFor(caller.agent, input.conversationId), ticketId: null };
  }

  /** The agent's chosen conversation: one of their site's, not resolved. */
  async function conversationFor(agent: Agent, requested: string | undefined): Promise<string> {
    if (!requested) throw new DomainError('VALIDATION_FAILED', 'conversationId: agents upload into a conversation or a ticket (ticketId)');
    const conversation = await store.findConversation(requested);
    if (!conversation || conversation.siteId !== agent.siteId) {
      throw new DomainError('CONVERSATION_NOT_FOUND', 'This conversation does not exist.');
    }
    if (conversation.status === 'resolved') throw new DomainError('CONVERSATION_CLOSED', 'This conversation is already resolved.');
    return conversation.id;
  }

  async function mayRead(caller: AttachmentCaller, record: AttachmentRecord): Promise<boolean> {
    const uploadedByCaller = (who: AttachmentUploader) =>
      record.uploader.kind === who.kind && record.uploader.id === who.id;
    if (caller.kind === 'agent') {
      return record.siteId === caller.agent.siteId && (record.messageClientId !== null || uploadedByCaller({ kind: 'agent', id: caller.agent.id }));
    }
    if (caller.kind === 'requester') return record.ticketId === caller.ticketId && record.messageClientId !== null && !record.internal;
    const { visitor } = caller;
    if (record.siteId !== visitor.siteId) return false;
    if (uploadedByCaller({ kind: 'visitor', id: visitor.id })) return true;
    if (record.messageClientId === null || record.internal || !record.conversationId) return false;
    const conversation = await store.findConversation(record.conversationId);
    return conversation?.visitorId === visitor.id;
  }

  /** Who the record names as the uploader, on which site. */
  interface Owner {
    siteId: string;
    uploader: AttachmentUploader;
  }

  const ownerOf = (caller: UploadCaller): Owner =>
    caller.kind === 'agent'
      ? { siteId: caller.agent.siteId, uploader: { kind: 'agent', id: caller.agent.id } }
      : { siteId: caller.visitor.siteId, uploader: { kind: 'visitor', id: caller.visitor.id } };

  async function recordUpload(upload: {
    owner: Owner;
    target: UploadTarget;
    stored: { fileId: string; size: number };
    name: string;
    kind: FileKind;
  }): Promise<MessageAttachment> {
    const { owner, stored, kind } = upload;
    try {
      const record = await store.createAttachment({
        siteId: owner.siteId,
        conversationId: upload.target.conversationId,
        ticketId: upload.target.ticketId,
        uploader: owner.uploader,
        fileId: stored.fileId,
        name: upload.name,
        size: stored.size,
        contentType: kind.contentType,
        isImage: kind.isImage,
      });
      return toMessageAttachment(record);
    } catch (error) {
      await files.delete(stored.fileId);
      throw error;
    }
  }

  /** Checks the bytes (kind, size) while storing them, then records the upload where `placed` says. */
  async function checkAndStore(
    input: Omit<UploadInput, 'conversationId' | 'ticketId'>,
    placed: () => Promise<{ owner: Owner; target: UploadTarget }>,
  ): Promise<MessageAttachment> {
    try {
      const { owner, target } = await placed();
      if (input.declaredBytes !== undefined && input.declaredBytes > maxUploadBytes) throw tooLarge(maxUploadBytes);
      const { head, whole } = await readHead(input.source, SNIFF_BYTES);
      if (head.length === 0) throw new UploadRefused('empty', 'The file is empty.');
      const kind = detectFileKind(head, input.name);
      if (!kind) throw notAllowed();
      const checked = pipeline(whole, createUploadInspector({ kind, maxBytes: maxUploadBytes }), () => undefined);
      const stored = await files.put(checked, { contentType: kind.contentType });
      return await recordUpload({ owner, target, stored, name: cleanFileName(input.name, kind), kind });
    } finally {
      input.source.destroy();
    }
  }

  return {
    /** A visitor from the site key and token headers; never creates one. */
    async authenticateVisitor(credentials: Pick<VisitorHandshake, 'siteKey' | 'visitorToken'>): Promise<Visitor> {
      if (!credentials.visitorToken) throw unauthenticated();
      const site = await store.findSiteByKey(credentials.siteKey);
      const visitor = site ? await store.findVisitorByTokenHash(site.id, hashToken(credentials.visitorToken)) : null;
      if (!visitor) throw unauthenticated();
      return visitor;
    },

    /**
     * Stores a file whose bytes are one of the accepted kinds, within the size limit; unsent until
     * a message claims it. `source` is consumed or destroyed, whatever the outcome.
     */
    async upload(caller: UploadCaller, input: UploadInput): Promise<MessageAttachment> {
      return checkAndStore(input, async () => ({ owner: ownerOf(caller), target: await targetOf(caller, input) }));
    },

    /**
     * A file the requester sends with a reply to their ticket (from its page or by e-mail), checked
     * as any upload; unsent until the reply claims it. Its uploader is the ticket's visitor, so
     * their erasure takes it; a ticket without one names itself.
     */
    async uploadForRequester(ticket: Ticket, input: Omit<UploadInput, 'conversationId' | 'ticketId'>): Promise<MessageAttachment> {
      return checkAndStore(input, async () => ({
        owner: { siteId: ticket.siteId, uploader: requesterOf(ticket) },
        target: { conversationId: null, ticketId: ticket.id },
      }));
    },

    /** The file for its reader; anyone else's (another visitor, another site) answers exactly like a missing one. */
    async open(caller: AttachmentCaller, attachmentId: string): Promise<{ attachment: MessageAttachment; file: OpenedFile }> {
      const record = await store.findAttachment(attachmentId);
      if (!record || !(await mayRead(caller, record))) throw noSuchFile();
      const file = await files.open(record.fileId);
      if (!file) throw noSuchFile();
      return { attachment: toMessageAttachment(record), file };
    },

    /** Removes uploads nobody sent within a day (record first, so no message can come to point at missing bytes). */
    async purgeUnsentUploads(limit = 100): Promise<number> {
      const before = new Date(now().getTime() - UNSENT_UPLOAD_TTL_MS).toISOString();
      let removed = 0;
      for (const record of await store.listUnsentAttachments({ before, limit })) {
        if (!(await store.deleteUnsentAttachment(record.id))) continue;
        await files.delete(record.fileId);
        removed += 1;
      }
      return removed;
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
