/** API tokens: long-lived bearer credentials an admin creates for integrations, acting on the admin's behalf. */
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common';

/** `read` tokens may only read; `read-write` tokens may also change things (within their admin's rights). */
export const API_TOKEN_SCOPES = ['read', 'read-write'] as const;
export const ApiTokenScopeSchema = z.enum(API_TOKEN_SCOPES);
export type ApiTokenScope = z.infer<typeof ApiTokenScopeSchema>;

/** Every API token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'pk_live_';

/** What anyone may see of a token: never the token itself, only how it starts. */
export const ApiTokenSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  name: z.string(),
  scope: ApiTokenScopeSchema,
  /** The first characters of the token (`pk_live_AbCd`), to tell tokens apart. */
  prefix: z.string(),
  /** The admin the token acts for; it stops working when that agent is deactivated. */
  createdByAgentId: IdSchema,
  createdAt: IsoDateSchema,
  /** Updated at most once a minute. */
  lastUsedAt: IsoDateSchema.nullable(),
  revokedAt: IsoDateSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const NewApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scope: ApiTokenScopeSchema,
});
export type NewApiToken = z.infer<typeof NewApiTokenSchema>;

/** The answer to creating a token: the only time the token itself is shown. */
export const CreatedApiTokenSchema = z.object({
  apiToken: ApiTokenSchema,
  token: z.string().startsWith(API_TOKEN_PREFIX),
});
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;

export const ApiTokenListSchema = z.object({ data: z.array(ApiTokenSchema) });
