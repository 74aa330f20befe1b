/**
 * File attachments over REST: POST /api/attachments (the raw file as the body) and
 * GET /api/attachments/:id. Visitors authenticate with their token and site key in headers,
 * agents with their bearer token (a session, or an API token acting for its admin: a read-only one
 * downloads but does not upload); no token ever goes in a URL.
 */
import { ATTACHMENT_HEADERS, IdSchema, SiteKeySchema, VISITOR_TOKEN_PATTERN, type MessageAttachment } from '@parley/shared';
import { Router, type Request, type Response } from 'express';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentService, UploadCaller } from '../domain/attachment.service';
import type { OpenedFile } from '../domain/file-store.port';
import { callerOfBearer, readOnlyTokenRefusal, type ApiTokenService } from '../domain/api-token.service';
import type { AuthService } from '../domain/auth.service';
import { DomainError } from '../domain/domain-error';
import { UploadRefused } from '../files/upload-refused';
import type { AttachmentLimits } from '../security/attachment-limits';
import { clientAddress } from '../security/client-address';
import { bearerToken } from './agent-auth.router';

export interface AttachmentsRouterDeps {
  auth: AuthService;
  /** Absent when the REST API is off: then only sessions sign agents in here. */
  apiTokens?: Pick<ApiTokenService, 'authenticate'>;
  service: AttachmentService;
  limits: AttachmentLimits;
  maxUploadBytes: number;
}

const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Sign in, or send the visitor token and site key headers.');
const noSuchFile = () => new DomainError('NOT_FOUND', 'There is no such file.');
// Raw header values are bounded before decoding: a file name is at most a few hundred bytes.
const MAX_NAME_HEADER = 2000;

export function createAttachmentsRouter(deps: AttachmentsRouterDeps): Router {
  const router = Router();

  /** `writes`: the caller means to store something, which a read-only API token may not. */
  async function callerOf(req: Request, { writes }: { writes: boolean }): Promise<UploadCaller> {
    if (req.get('authorization') !== undefined) {
      const { agent, scope } = await callerOfBearer(bearerToken(req), deps);
      if (writes && scope === 'read') throw readOnlyTokenRefusal();
      return { kind: 'agent', agent };
    }
    const visitorToken = req.get(ATTACHMENT_HEADERS.visitorToken);
    const siteKey = req.get(ATTACHMENT_HEADERS.siteKey);
    if (!visitorToken || !VISITOR_TOKEN_PATTERN.test(visitorToken) || !SiteKeySchema.safeParse(siteKey).success) throw unauthenticated();
    return { kind: 'visitor', visitor: await deps.service.authenticateVisitor({ siteKey: siteKey as string, visitorToken }) };
  }

  router.post('/', async (req, res) => {
    const body = new PassThrough();
    try {
      // Who, and whether they may, before a byte of the file is read.
      const caller = await callerOf(req, { writes: true });
      await deps.limits.beforeUpload(caller, clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']));
      const conversationId = typeof req.query.conversationId === 'string' ? req.query.conversationId : undefined;
      if (conversationId !== undefined && !IdSchema.safeParse(conversationId).success) {
        throw new DomainError('CONVERSATION_NOT_FOUND', 'This conversation does not exist.');
      }
      const ticketId = typeof req.query.ticketId === 'string' ? req.query.ticketId : undefined;
      if (ticketId !== undefined && !IdSchema.safeParse(ticketId).success) throw new DomainError('NOT_FOUND', 'There is no such ticket.');
      const name = fileNameFrom(req.get(ATTACHMENT_HEADERS.fileName));
      // pipe() does not pass on a dropped connection: fail the upload, so its temporary file goes.
      req.once('close', () => {
        if (!req.complete) body.destroy(new Error('the upload was cut off'));
      });
      req.pipe(body);
      const attachment: MessageAttachment = await deps.service.upload(caller, {
        name, source: body, declaredBytes: declaredLength(req), conversationId, ticketId,
      });
      res.status(201).json({ attachment });
    } catch (error) {
      req.unpipe(body);
      readToTheEnd(req, deps.maxUploadBytes * 2);
      throw error;
    }
  });

  router.get('/:attachmentId', async (req, res) => {
    const caller = await callerOf(req, { writes: false });
    if (!IdSchema.safeParse(req.params.attachmentId).success) throw noSuchFile();
    await sendAttachment(res, await deps.service.open(caller, req.params.attachmentId));
  });

  return router;
}

/** Answers with the file's bytes, made inert: it runs nothing and reaches nothing, even opened in a tab. */
export async function sendAttachment(res: Response, { attachment, file }: { attachment: MessageAttachment; file: OpenedFile }): Promise<void> {
  res.status(200).set({
    'Content-Type': attachment.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.contentType,
    'Content-Length': String(file.size),
    'X-Content-Type-Options': 'nosniff',
    // Even opened directly in a tab, the file runs nothing and reaches nothing.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': contentDisposition(attachment.isImage ? 'inline' : 'attachment', attachment.name),
    'Cache-Control': 'private, no-store',
  });
  // A reader who goes away mid-download is not a server error; the streams are closed either way.
  await pipeline(file.stream, res).catch(() => undefined);
}

/** The declared name: percent-encoded UTF-8 (encodeURIComponent), or 'file' when none was sent. */
function fileNameFrom(header: string | undefined): string {
  if (header === undefined || header.trim() === '') return 'file';
  if (header.length > MAX_NAME_HEADER) throw new UploadRefused('badName', 'The file name is too long.');
  try {
    return decodeURIComponent(header);
  } catch {
    throw new UploadRefused('badName', `${ATTACHMENT_HEADERS.fileName} must be percent-encoded UTF-8 (encodeURIComponent).`);
  }
}

function declaredLength(req: Request): number | undefined {
  const header = req.get('content-length');
  return header && /^\d+$/.test(header) ? Number(header) : undefined;
}

/**
 * After a refusal, the rest of the body is read and dropped, so the client (still sending) gets
 * the answer on an open connection. Past `limit` bytes the connection is cut instead.
 */
function readToTheEnd(req: Request, limit: number): void {
  if (req.complete || req.destroyed) return;
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > limit) req.socket.destroy();
  });
  req.resume();
}

/** `inline` or `attachment`, with an ASCII fallback name and the exact one in RFC 5987 form. */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
