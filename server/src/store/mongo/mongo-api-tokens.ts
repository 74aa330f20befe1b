/** API tokens on MongoDB: their own collection, the hash under a unique index, revocation as one conditional update. */
import { API_TOKEN_SCOPES, type ApiToken } from '@parley/shared';
import { Schema, type Connection, type Model } from 'mongoose';
import { newId } from '../../tokens';
import type { ApiTokenStore } from '../api-token.store';

interface ApiTokenDoc {
  _id: string; siteId: string; name: string; scope: ApiToken['scope']; tokenHash: string; prefix: string;
  createdByAgentId: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null;
}

const API_TOKEN_SCHEMA = new Schema<ApiTokenDoc>(
  {
    _id: { type: String, default: newId },
    siteId: { type: String, required: true },
    name: { type: String, required: true },
    scope: { type: String, enum: API_TOKEN_SCOPES, required: true },
    tokenHash: { type: String, required: true },
    prefix: { type: String, required: true },
    createdByAgentId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false, id: false, strict: 'throw' },
);
API_TOKEN_SCHEMA.index({ tokenHash: 1 }, { unique: true, name: 'api_token_hash_unique' });
API_TOKEN_SCHEMA.index({ siteId: 1, createdAt: -1 });

const toApiToken = (d: ApiTokenDoc): ApiToken => ({
  id: d._id, siteId: d.siteId, name: d.name, scope: d.scope, prefix: d.prefix, createdByAgentId: d.createdByAgentId,
  createdAt: d.createdAt.toISOString(), lastUsedAt: d.lastUsedAt?.toISOString() ?? null, revokedAt: d.revokedAt?.toISOString() ?? null,
});

export async function mongoApiTokens(connection: Connection): Promise<ApiTokenStore> {
  const existing = connection.models.ApiToken as Model<ApiTokenDoc> | undefined;
  const tokens = existing ?? connection.model<ApiTokenDoc>('ApiToken', API_TOKEN_SCHEMA, 'api_tokens');
  await tokens.init();
  await tokens.createIndexes();

  return {
    async createApiToken(input) {
      const doc: ApiTokenDoc = {
        _id: newId(), siteId: input.siteId, name: input.name, scope: input.scope, tokenHash: input.tokenHash, prefix: input.prefix,
        createdByAgentId: input.createdByAgentId, createdAt: new Date(input.at), lastUsedAt: null, revokedAt: null,
      };
      await tokens.create(doc);
      return toApiToken(doc);
    },
    async listApiTokens(siteId) {
      const docs = await tokens.find({ siteId }).sort({ createdAt: -1, _id: -1 }).lean<ApiTokenDoc[]>();
      return docs.map(toApiToken);
    },
    async findApiTokenByHash(tokenHash) {
      const doc = await tokens.findOne({ tokenHash }).lean<ApiTokenDoc>();
      return doc ? toApiToken(doc) : null;
    },
    async revokeApiToken({ id, siteId, at }) {
      const doc = await tokens
        .findOneAndUpdate({ _id: id, siteId, revokedAt: null }, { $set: { revokedAt: new Date(at) } }, { returnDocument: 'after' })
        .lean<ApiTokenDoc>();
      return doc ? toApiToken(doc) : null;
    },
    async touchApiToken({ id, at, minIntervalMs }) {
      const now = new Date(at);
      const staleBefore = new Date(now.getTime() - minIntervalMs);
      await tokens.updateOne({ _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: staleBefore } }] }, { $set: { lastUsedAt: now } });
    },
  };
}
