/** Visitors: anonymous people on a site, remembered by an unguessable token. */
import { z } from 'zod';
import { IdSchema, LocaleSchema } from './common';
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
  /** Present when the server issued a new token that the panel must keep. */
  visitorToken: z.string(),
  name: z.string().nullable(),
});
export type VisitorSession = z.infer<typeof VisitorSessionSchema>;
