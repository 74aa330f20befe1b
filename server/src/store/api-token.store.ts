/** The API-token part of the storage seam: tokens are kept as hashes, never as themselves. */
import type { ApiToken, ApiTokenScope } from '@parley/shared';

export interface NewApiTokenRecord {
  siteId: string;
  name: string;
  scope: ApiTokenScope;
  /** sha256 of the whole token (see tokens.ts); unique. */
  tokenHash: string;
  prefix: string;
  createdByAgentId: string;
  at: string;
}

export interface ApiTokenStore {
  createApiToken(input: NewApiTokenRecord): Promise<ApiToken>;
  /** Newest first, revoked ones included. */
  listApiTokens(siteId: string): Promise<ApiToken[]>;
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  /** Compare-and-set: not revoked -> revoked. Null when the token is missing, of another site, or already revoked. */
  revokeApiToken(input: { id: string; siteId: string; at: string }): Promise<ApiToken | null>;
  /** Records use, at most once per `minIntervalMs` (one conditional write, no read). */
  touchApiToken(input: { id: string; at: string; minIntervalMs: number }): Promise<void>;
}
