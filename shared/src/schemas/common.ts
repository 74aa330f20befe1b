/** Building blocks reused by every schema: ids, timestamps, bounded text. */
import { z } from 'zod';
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from '../email-address';

/** Server-issued ids are random and unguessable (base64url, 22 chars for 128 bits). */
export const IdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');

/** Client-generated ids (message de-duplication) are the client's own: same alphabet, bounded. */
export const ClientIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');

export const IsoDateSchema = z.string().datetime({ offset: true });

export const LocaleSchema = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag');

export const EmailSchema = z.string().trim().toLowerCase().max(EMAIL_MAX_LENGTH).email({ pattern: EMAIL_PATTERN });

export const PersonNameSchema = z.string().trim().min(1).max(120);
