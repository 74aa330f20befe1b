/** File attachments: what an upload answers, what a message carries, and the REST headers around them. */
import { z } from 'zod';
import { IdSchema } from './common';

/** At most this many files go out with one message. */
export const MESSAGE_MAX_ATTACHMENTS = 5;
/** Longer names (in characters) are shortened, keeping the extension. */
export const ATTACHMENT_NAME_MAX_LENGTH = 200;

/**
 * The only types Parley stores, always decided from the file's bytes (never from the declared
 * Content-Type or the name's extension). SVG and HTML are never among them.
 */
export const ATTACHMENT_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/** Raster images: served inline (and shown in the chat); everything else is a download. */
export const INLINE_IMAGE_TYPES: readonly AttachmentContentType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** An attachment as a message carries it and as the upload answers it. */
export const MessageAttachmentSchema = z.object({
  /** Unguessable (128 random bits); download it from `GET /api/attachments/:id`. */
  id: IdSchema,
  /** The uploader's file name, cleaned (no path, no control characters), extension fitting the type. */
  name: z.string().min(1).max(ATTACHMENT_NAME_MAX_LENGTH),
  /** In bytes. */
  size: z.number().int().positive(),
  contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
  isImage: z.boolean(),
});
export type MessageAttachment = z.infer<typeof MessageAttachmentSchema>;

/** `message:send`'s `attachments`: ids from uploads by the same sender in the same conversation. */
export const AttachmentIdsSchema = z
  .array(IdSchema)
  .max(MESSAGE_MAX_ATTACHMENTS, `at most ${MESSAGE_MAX_ATTACHMENTS} files per message`)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a file');

/** `201` answer of `POST /api/attachments`. */
export const AttachmentUploadResponseSchema = z.object({ attachment: MessageAttachmentSchema });
export type AttachmentUploadResponse = z.infer<typeof AttachmentUploadResponseSchema>;

/**
 * Headers of the attachment routes. Tokens travel in headers, never in URLs: so the widget and
 * the console fetch files with these headers and show images through `blob:` URLs.
 */
export const ATTACHMENT_HEADERS = {
  /** Visitor calls: the visitor token the panel keeps, with the site key beside it. */
  visitorToken: 'X-Parley-Visitor-Token',
  siteKey: 'X-Parley-Site-Key',
  /** Upload: the file's name, percent-encoded UTF-8 (`encodeURIComponent(file.name)`). */
  fileName: 'X-Parley-File-Name',
} as const;

/**
 * Upload refusals are VALIDATION_FAILED; the first issue's `path` says why, so a client can
 * show the right words without parsing the message.
 */
export const UPLOAD_REFUSAL_PATHS = {
  tooLarge: 'file.size',
  empty: 'file.empty',
  typeNotAllowed: 'file.type',
  badName: 'file.name',
} as const;
export type UploadRefusal = keyof typeof UPLOAD_REFUSAL_PATHS;
