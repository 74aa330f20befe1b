/** Agents' credentials on MongoDB: one document per two-factor record, challenges and reset links with TTL indexes. */
import { Schema, type Connection, type Model } from 'mongoose';
import type { AgentCredentialStore, PendingToken, TwoFactorRecord } from '../agent-credential.store';
import type { AgentDoc } from './mongo.documents';
import { toAgentWithSecret } from './mongo.mapping';
import type { MongoModels } from './mongo.models';

interface TwoFactorDoc {
  _id: string;
  secretCipher: string;
  enabledAt: Date | null;
  lastUsedStep: number | null;
  recoveryCodeHashes: string[];
}

/** A sign-in challenge or a reset link: the token hash is the _id. */
interface PendingTokenDoc {
  _id: string;
  agentId: string;
  expiresAt: Date;
}

const TWO_FACTOR_SCHEMA = new Schema<TwoFactorDoc>(
  {
    _id: { type: String, required: true },
    secretCipher: { type: String, required: true },
    enabledAt: { type: Date, default: null },
    lastUsedStep: { type: Number, default: null },
    recoveryCodeHashes: { type: [String], default: [] },
  },
  { versionKey: false, id: false, strict: 'throw' },
);

function pendingTokenSchema(): Schema<PendingTokenDoc> {
  const schema = new Schema<PendingTokenDoc>(
    {
      _id: { type: String, required: true },
      agentId: { type: String, required: true },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false, id: false, strict: 'throw' },
  );
  // MongoDB drops them once expired (the code checks expiry itself too: the TTL monitor runs each minute).
  schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  return schema;
}

async function modelOf<T>(connection: Connection, input: { name: string; schema: Schema<T>; collection: string }): Promise<Model<T>> {
  const model = (connection.models[input.name] as Model<T> | undefined) ?? connection.model<T>(input.name, input.schema, input.collection);
  await model.init();
  await model.createIndexes();
  return model;
}

const toTwoFactor = (doc: TwoFactorDoc): TwoFactorRecord => ({
  agentId: doc._id,
  secretCipher: doc.secretCipher,
  enabledAt: doc.enabledAt?.toISOString() ?? null,
  lastUsedStep: doc.lastUsedStep,
  recoveryCodesLeft: doc.recoveryCodeHashes.length,
});
const toPending = (doc: PendingTokenDoc): PendingToken => ({ agentId: doc.agentId, expiresAt: doc.expiresAt.toISOString() });
const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && [11000, 11001].includes((error as { code?: number }).code ?? 0);

export async function mongoAgentCredentials(connection: Connection, models: MongoModels): Promise<AgentCredentialStore> {
  const twoFactor = await modelOf(connection, { name: 'AgentTwoFactor', schema: TWO_FACTOR_SCHEMA, collection: 'agent_two_factor' });
  const challenges = await modelOf(connection, { name: 'AgentSignInChallenge', schema: pendingTokenSchema(), collection: 'agent_sign_in_challenges' });
  const resets = await modelOf(connection, { name: 'AgentPasswordReset', schema: pendingTokenSchema(), collection: 'agent_password_resets' });
  const { agents, agentSessions } = models;

  return {
    async findAgentWithSecretById(agentId) {
      const doc = await agents.findById(agentId).lean<AgentDoc>();
      return doc ? toAgentWithSecret(doc) : null;
    },
    async setAgentPasswordHash(agentId, passwordHash) {
      const result = await agents.updateOne({ _id: agentId }, { $set: { passwordHash } });
      return result.matchedCount === 1;
    },
    async deleteAgentSessionsExcept(agentId, keepTokenHash) {
      await agentSessions.deleteMany({ agentId, _id: { $ne: keepTokenHash } });
    },

    async findTwoFactor(agentId) {
      const doc = await twoFactor.findById(agentId).lean<TwoFactorDoc>();
      return doc ? toTwoFactor(doc) : null;
    },
    async listTwoFactorAgentIds(agentIds) {
      if (agentIds.length === 0) return [];
      const docs = await twoFactor.find({ _id: { $in: agentIds }, enabledAt: { $ne: null } }, { _id: 1 }).lean<{ _id: string }[]>();
      return docs.map((doc) => doc._id);
    },
    async beginTwoFactorEnrolment({ agentId, secretCipher }) {
      const replaced = await twoFactor.updateOne({ _id: agentId, enabledAt: null }, { $set: { secretCipher, lastUsedStep: null, recoveryCodeHashes: [] } });
      if (replaced.matchedCount === 1) return true;
      try {
        await twoFactor.create({ _id: agentId, secretCipher, enabledAt: null, lastUsedStep: null, recoveryCodeHashes: [] });
        return true;
      } catch (error) {
        // Someone else's record is there: it is on (or another enrolment just began, which then wins).
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async enableTwoFactor({ agentId, step, recoveryCodeHashes, at }) {
      const result = await twoFactor.updateOne(
        { _id: agentId, enabledAt: null },
        { $set: { enabledAt: new Date(at), lastUsedStep: step, recoveryCodeHashes: [...new Set(recoveryCodeHashes)] } },
      );
      return result.modifiedCount === 1;
    },
    async claimTwoFactorStep({ agentId, step }) {
      const result = await twoFactor.updateOne(
        { _id: agentId, enabledAt: { $ne: null }, $or: [{ lastUsedStep: null }, { lastUsedStep: { $lt: step } }] },
        { $set: { lastUsedStep: step } },
      );
      return result.modifiedCount === 1;
    },
    async consumeRecoveryCode({ agentId, codeHash }) {
      const result = await twoFactor.updateOne(
        { _id: agentId, enabledAt: { $ne: null }, recoveryCodeHashes: codeHash },
        { $pull: { recoveryCodeHashes: codeHash } },
      );
      return result.modifiedCount === 1;
    },
    async deleteTwoFactor(agentId) {
      await twoFactor.deleteOne({ _id: agentId });
    },

    async createSignInChallenge({ tokenHash, agentId, expiresAt }) {
      await challenges.create({ _id: tokenHash, agentId, expiresAt: new Date(expiresAt) });
    },
    async findSignInChallenge(tokenHash) {
      const doc = await challenges.findById(tokenHash).lean<PendingTokenDoc>();
      return doc ? toPending(doc) : null;
    },
    async deleteSignInChallenge(tokenHash) {
      return (await challenges.deleteOne({ _id: tokenHash })).deletedCount === 1;
    },

    async createPasswordReset({ tokenHash, agentId, expiresAt }) {
      await resets.create({ _id: tokenHash, agentId, expiresAt: new Date(expiresAt) });
    },
    async consumePasswordReset(tokenHash, now) {
      const doc = await resets.findById(tokenHash).lean<PendingTokenDoc>();
      if (!doc) return null;
      // Only the caller whose delete removed it may use it: two concurrent uses cannot both pass.
      const removed = (await resets.deleteOne({ _id: tokenHash })).deletedCount === 1;
      return removed && doc.expiresAt > new Date(now) ? toPending(doc) : null;
    },
    async purgeExpiredCredentialTokens(now) {
      const before = { expiresAt: { $lte: new Date(now) } };
      return (await challenges.deleteMany(before)).deletedCount + (await resets.deleteMany(before)).deletedCount;
    },
  };
}
