/**
 * API tokens: admins create (shown once), list and revoke them; a token acts for the admin who
 * created it, with its scope, and stops working when revoked or when that admin is deactivated.
 */
import { API_TOKEN_PREFIX, type Agent, type ApiToken, type ApiTokenScope, type CreatedApiToken, type NewApiToken } from '@parley/shared';
import type { Store } from '../store/store';
import type { AuthService } from './auth.service';
import { hashToken, newSecretToken } from '../tokens';
import { DomainError } from './domain-error';

export interface ApiTokenServiceDeps {
  store: Store;
  now?: () => Date;
}

/** Who is calling the API, and what they may do. */
export interface ApiCaller {
  agent: Agent;
  /** Agent sessions may do whatever their agent may; tokens are limited by their scope too. */
  scope: ApiTokenScope;
  tokenId: string | null;
}

/** Shown in lists so people can tell their tokens apart: the prefix and four characters. */
const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 4;
const TOUCH_INTERVAL_MS = 60_000;

const refused = () => new DomainError('UNAUTHENTICATED', 'This API token is not valid (revoked, or its admin is no longer active).');

export function isApiToken(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_PREFIX);
}

function assertAdmin(actor: Agent): void {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins manage API tokens.');
}

export function createApiTokenService({ store, now = () => new Date() }: ApiTokenServiceDeps) {
  return {
    async create(actor: Agent, input: NewApiToken): Promise<CreatedApiToken> {
      assertAdmin(actor);
      const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
      const apiToken = await store.createApiToken({
        siteId: actor.siteId, name: input.name, scope: input.scope, tokenHash: hashToken(token),
        prefix: token.slice(0, SHOWN_PREFIX_LENGTH), createdByAgentId: actor.id, at: now().toISOString(),
      });
      return { apiToken, token };
    },

    async list(actor: Agent): Promise<ApiToken[]> {
      assertAdmin(actor);
      return store.listApiTokens(actor.siteId);
    },

    async revoke(actor: Agent, tokenId: string): Promise<ApiToken> {
      assertAdmin(actor);
      const revoked = await store.revokeApiToken({ id: tokenId, siteId: actor.siteId, at: now().toISOString() });
      if (!revoked) throw new DomainError('NOT_FOUND', 'There is no such active token.');
      return revoked;
    },

    /** The caller behind an API token, or UNAUTHENTICATED; the agent is read fresh on every call. */
    async authenticate(token: string): Promise<ApiCaller> {
      const apiToken = await store.findApiTokenByHash(hashToken(token));
      if (!apiToken || apiToken.revokedAt) throw refused();
      const agent = await store.findAgentById(apiToken.createdByAgentId);
      if (!agent || !agent.active || agent.siteId !== apiToken.siteId) throw refused();
      await store.touchApiToken({ id: apiToken.id, at: now().toISOString(), minIntervalMs: TOUCH_INTERVAL_MS });
      return { agent, scope: apiToken.scope, tokenId: apiToken.id };
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;

/**
 * The caller behind a bearer token: an API token (`pk_live_…`, with its scope) or an agent's session
 * (read-write); either way the caller acts as an agent. Used by the REST API and by file uploads.
 * Without `apiTokens` (the REST API off), a `pk_live_…` token is refused as any unknown session is.
 */
export function callerOfBearer(
  bearer: string | undefined,
  { auth, apiTokens }: { auth: Pick<AuthService, 'authenticate'>; apiTokens?: Pick<ApiTokenService, 'authenticate'> | undefined },
): Promise<ApiCaller> {
  // No header, or one that is not "Bearer <token>": say what to send (an integration has no sign-in page).
  if (!bearer) return Promise.reject(noBearerToken());
  return apiTokens && isApiToken(bearer)
    ? apiTokens.authenticate(bearer)
    : auth.authenticate(bearer).then((agent) => ({ agent, scope: 'read-write', tokenId: null }));
}

const noBearerToken = (): DomainError =>
  new DomainError('UNAUTHENTICATED', 'Send a token: an Authorization header of "Bearer " and an API token (pk_live_…) or a console session token.');

/** A read-only token asking to change something. */
export const readOnlyTokenRefusal = (): DomainError => new DomainError('FORBIDDEN', 'This API token may only read.');
