/** Visitors: anonymous people on a site, remembered by an unguessable token. */
import { z } from 'zod';
import { EmailSchema, IdSchema, LocaleSchema, PersonNameSchema } from './common';
import { SiteKeySchema } from './site';

export const VISITOR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
export const VisitorTokenSchema = z.string().regex(VISITOR_TOKEN_PATTERN, 'must be a visitor token');

/** Sent in the Socket.IO handshake (`auth`), never in a URL. */
export const VisitorHandshakeSchema = z.strictObject({
  siteKey: SiteKeySchema,
  visitorToken: VisitorTokenSchema.optional(),
  locale: LocaleSchema.optional(),
});
export type VisitorHandshake = z.infer<typeof VisitorHandshakeSchema>;

export const VisitorSessionSchema = z.object({
  visitorId: IdSchema,
  /** The token the panel keeps (a fresh one when the presented token was missing or unknown). */
  visitorToken: z.string(),
  name: z.string().nullable(),
});
export type VisitorSession = z.infer<typeof VisitorSessionSchema>;

const HttpUrlSchema = z
  .string()
  .max(2000)
  .url()
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL');

/** Where the visitor is now; the loader reports it on every page. */
export const VisitorContextSchema = z.strictObject({
  pageUrl: HttpUrlSchema,
  pageTitle: z.string().max(300),
  referrer: z.union([HttpUrlSchema, z.literal('')]),
});
export type VisitorContext = z.infer<typeof VisitorContextSchema>;

/** What a visitor (or the host site through `identify()`) says about themselves; unverified. */
export const VisitorIdentifySchema = z.strictObject({
  name: PersonNameSchema.optional(),
  email: EmailSchema.optional(),
});
export type VisitorIdentify = z.infer<typeof VisitorIdentifySchema>;

/** The site's own id for the signed-in user; printable ASCII, as the site's backend has it. */
export const SiteUserIdSchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
export const IDENTITY_SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

/**
 * An identity the site vouches for: its backend signs `${userId}:${timestamp}` with the site's
 * identity secret (HMAC-SHA256, lowercase hex). The signature covers the user id and the time only;
 * name and e-mail ride along as the site's word.
 */
export const SignedVisitorIdentifySchema = z.strictObject({
  userId: SiteUserIdSchema,
  name: PersonNameSchema.optional(),
  email: EmailSchema.optional(),
  /** Unix time in seconds when the site signed it; refused once it is no longer fresh. */
  timestamp: z.number().int().nonnegative().max(1e11),
  signature: z.string().regex(IDENTITY_SIGNATURE_PATTERN, 'must be a lowercase hex HMAC-SHA256'),
});
export type SignedVisitorIdentify = z.infer<typeof SignedVisitorIdentifySchema>;

/** What `visitor:identify` accepts: a signed identity, or what the visitor says (unverified). */
export const VisitorIdentifyRequestSchema = z.union([SignedVisitorIdentifySchema, VisitorIdentifySchema]);
export type VisitorIdentifyRequest = z.infer<typeof VisitorIdentifyRequestSchema>;

/** The most recent pages kept per visitor (`pagesVisited`), oldest first. */
export const VISITOR_PAGES_KEPT = 10;

/** A page the visitor went to: each new address reported by the widget (single-page apps too). */
export const VisitedPageSchema = z.object({ url: z.string(), title: z.string(), at: z.string() });
export type VisitedPage = z.infer<typeof VisitedPageSchema>;

/** A visitor as agents see them. */
export const VisitorProfileSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  name: z.string().nullable(),
  email: z.string().nullable(),
  locale: z.string().nullable(),
  pageUrl: z.string().nullable(),
  pageTitle: z.string().nullable(),
  referrer: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The last VISITOR_PAGES_KEPT pages, oldest first; the same address twice in a row counts once. */
  pagesVisited: z.array(VisitedPageSchema).optional(),
  createdAt: z.string(),
  /** When this visit began (the current socket session); time on site counts from it. */
  visitStartedAt: z.string().nullable(),
  /** True once the site signed this visitor's identity; unsigned identifies can no longer change it. */
  verified: z.boolean().optional(),
  /** The site's user id, from a signed identify only. */
  userId: z.string().nullable().optional(),
});
export type VisitorProfile = z.infer<typeof VisitorProfileSchema>;
