/** The shared store for several server processes: MongoDB through mongoose, on its own connection. */
import mongoose from 'mongoose';
import type { AgentStatus } from '@parley/shared';
import { newId } from '../../tokens';
import { StoreConflictError, type Store } from '../store';
import { conversationOps } from './mongo.conversations';
import { toAgent, toAgentSession, toAgentWithSecret, toSite, toVisitor } from './mongo.mapping';
import {
  compileModels, duplicateKeyIndex, ensureCollectionsAndIndexes, INDEX,
  type AgentDoc, type AgentSessionDoc, type MongoModels, type SiteDoc, type VisitorDoc,
} from './mongo.models';

export interface MongoStoreOptions {
  uri: string;
  /** Overrides the database named in the URI (tests use a fresh one per run). */
  dbName?: string;
}

export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const connection = mongoose.createConnection(options.uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    // An acknowledged write survives a primary failover, so a claimed chat stays claimed.
    writeConcern: { w: 'majority' },
    // Indexes are created once below and awaited, not in the background after the first query.
    autoIndex: false,
  });
  await connection.asPromise();
  const models = compileModels(connection);
  try {
    await ensureCollectionsAndIndexes(models);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return {
    kind: 'mongo',
    async close() {
      await connection.close();
    },
    ...siteAndAgentOps(models),
    ...conversationOps(models),
  };
}

function rethrowConflict(error: unknown, index: string, what: string): never {
  if (duplicateKeyIndex(error) === index) throw new StoreConflictError(what);
  throw error;
}

type SiteAndAgentOps = Omit<Store, 'kind' | 'close' | keyof ReturnType<typeof conversationOps>>;

function siteAndAgentOps(models: MongoModels): SiteAndAgentOps {
  const { sites, agents, agentSessions, visitors } = models;
  return {
    async createSite({ key, name }) {
      const doc: SiteDoc = { _id: newId(), key, name, createdAt: new Date() };
      await sites.create(doc).catch((error: unknown) => rethrowConflict(error, INDEX.siteKey, 'site key taken'));
      return toSite(doc);
    },
    async findSiteByKey(key) {
      const doc = await sites.findOne({ key }).lean<SiteDoc>();
      return doc ? toSite(doc) : null;
    },
    async findSiteById(id) {
      const doc = await sites.findById(id).lean<SiteDoc>();
      return doc ? toSite(doc) : null;
    },
    async listSites() {
      return (await sites.find().sort({ createdAt: 1, _id: 1 }).lean<SiteDoc[]>()).map(toSite);
    },

    async createAgent(input) {
      const doc: AgentDoc = {
        _id: newId(), siteId: input.siteId, email: input.email, name: input.name, role: input.role,
        status: 'offline', active: true, passwordHash: input.passwordHash, createdAt: new Date(),
      };
      await agents.create(doc).catch((error: unknown) => rethrowConflict(error, INDEX.agentEmail, 'e-mail taken'));
      return toAgent(doc);
    },
    async findAgentById(id) {
      const doc = await agents.findById(id).lean<AgentDoc>();
      return doc ? toAgent(doc) : null;
    },
    async findAgentWithSecretByEmail(email) {
      const doc = await agents.findOne({ email }).lean<AgentDoc>();
      return doc ? toAgentWithSecret(doc) : null;
    },
    async setAgentStatus(agentId: string, status: AgentStatus) {
      const doc = await agents
        .findOneAndUpdate({ _id: agentId }, { $set: { status } }, { returnDocument: 'after' })
        .lean<AgentDoc>();
      return doc ? toAgent(doc) : null;
    },
    async listAgents(siteId) {
      return (await agents.find({ siteId }).sort({ createdAt: 1, _id: 1 }).lean<AgentDoc[]>()).map(toAgent);
    },

    async createAgentSession({ tokenHash, agentId, expiresAt }) {
      const doc: AgentSessionDoc = { _id: tokenHash, agentId, expiresAt: new Date(expiresAt) };
      await agentSessions.create(doc);
    },
    async findAgentSession(tokenHash) {
      const doc = await agentSessions.findById(tokenHash).lean<AgentSessionDoc>();
      return doc ? toAgentSession(doc) : null;
    },
    async deleteAgentSession(tokenHash) {
      await agentSessions.deleteOne({ _id: tokenHash });
    },

    async createVisitor({ siteId, tokenHash, locale }) {
      const doc: VisitorDoc = {
        _id: newId(), siteId, tokenHash, name: null, email: null, locale, createdAt: new Date(),
      };
      await visitors.create(doc);
      return toVisitor(doc);
    },
    async findVisitorByTokenHash(siteId, tokenHash) {
      const doc = await visitors.findOne({ siteId, tokenHash }).lean<VisitorDoc>();
      return doc ? toVisitor(doc) : null;
    },
  };
}
