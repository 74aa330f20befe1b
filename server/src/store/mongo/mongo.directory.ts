/** The directory on MongoDB: sites and their settings, agents and their presence, sessions, departments. */
import { AGENT_MAX_CHATS_DEFAULT, DEFAULT_SITE_SETTINGS } from '@parley/shared';
import { newId } from '../../tokens';
import { StoreConflictError, type Store } from '../store';
import { uniqueNameKey } from '../unique-name-key';
import type { AgentDoc, AgentSessionDoc, DepartmentDoc, SecretDoc, SiteDoc } from './mongo.documents';
import { toAgent, toAgentSession, toAgentWithSecret, toDepartment, toSite } from './mongo.mapping';
import { duplicateKeyIndex, FIRST_TICKET_NUMBER, INDEX, type MongoModels } from './mongo.models';
import { mergePatchUpdate, withoutNulls } from './mongo.merge-patch';

type DirectoryStore = Pick<
  Store,
  | 'getOrCreateSecret' | 'createSite' | 'updateSiteSettings' | 'renameSite' | 'findSiteByKey' | 'findSiteById' | 'listSites'
  | 'createAgent' | 'findAgentById' | 'findAgentWithSecretByEmail' | 'setAgentStatus' | 'chooseAgentStatus'
  | 'resumeChosenStatus' | 'updateAgent'
  | 'listAgents' | 'touchAgents' | 'markSilentAgentsOffline'
  | 'createAgentSession' | 'findAgentSession' | 'deleteAgentSession'
  | 'deleteAgentSessions' | 'createDepartment' | 'listDepartments' | 'renameDepartment'
>;

const AFTER = { returnDocument: 'after' } as const;
const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;
/**
 * The statuses a reconnect brings back, and the stored choices that ask for each. An agent stored
 * before choices were kept has none, and comes back online as every reconnect brought them until then.
 */
const RESUMED_CHOICES = [
  { status: 'online', chosen: { $in: ['online', null] } },
  { status: 'away', chosen: 'away' },
] as const;

/** Runs an insert and turns a refusal by the named unique index into a StoreConflictError. */
async function insertOrConflict<T>(insert: () => Promise<T>, conflict: { index: string | readonly string[]; what: string }): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    const hit = duplicateKeyIndex(error);
    if (hit !== null && ([] as string[]).concat(conflict.index).includes(hit)) throw new StoreConflictError(conflict.what);
    throw error;
  }
}

/** A department's name is held by another, as typed or regardless of case. */
const DEPARTMENT_NAME_TAKEN = { index: [INDEX.departmentName, INDEX.departmentNameKey], what: 'department name taken' } as const;

/** `$set` paths for the keys a patch names; keys left undefined stay as they are. */
function setPaths(patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

export function mongoDirectory(models: MongoModels): DirectoryStore {
  const { sites, agents, agentSessions, departments, secrets } = models;

  async function findSite(id: string) {
    const doc = await sites.findById(id).lean<SiteDoc>();
    return doc ? toSite(doc) : null;
  }
  async function findAgent(id: string) {
    const doc = await agents.findById(id).lean<AgentDoc>();
    return doc ? toAgent(doc) : null;
  }

  return {
    async getOrCreateSecret(name, generate) {
      try {
        // $setOnInsert: only the first caller's value is ever stored.
        const doc = await secrets
          .findOneAndUpdate({ _id: name }, { $setOnInsert: { value: generate() } }, { upsert: true, returnDocument: 'after' })
          .lean<SecretDoc>();
        if (doc) return doc.value;
      } catch (error) {
        if (duplicateKeyIndex(error) === null) throw error; // a racing first insert won: read it
      }
      const doc = await secrets.findById(name).lean<SecretDoc>();
      if (!doc) throw new Error(`secret ${name} could not be stored`);
      return doc.value;
    },

    async createSite({ key, name, settings = DEFAULT_SITE_SETTINGS }) {
      const doc: SiteDoc = {
        _id: newId(), key, name, settings: withoutNulls(settings), nextTicketNumber: FIRST_TICKET_NUMBER, createdAt: new Date(),
      };
      await insertOrConflict(() => sites.create(doc), { index: INDEX.siteKey, what: 'site key taken' });
      return toSite(doc);
    },
    async updateSiteSettings(siteId, patch) {
      const update = mergePatchUpdate(patch, 'settings.');
      if (!update) return findSite(siteId);
      // One update of the named paths only, so concurrent patches of different keys both land.
      const doc = await sites.findOneAndUpdate({ _id: siteId }, update, AFTER).lean<SiteDoc>();
      return doc ? toSite(doc) : null;
    },
    async renameSite(siteId, name) {
      const doc = await sites.findOneAndUpdate({ _id: siteId }, { $set: { name } }, AFTER).lean<SiteDoc>();
      return doc ? toSite(doc) : null;
    },
    async findSiteByKey(key) {
      const doc = await sites.findOne({ key }).lean<SiteDoc>();
      return doc ? toSite(doc) : null;
    },
    findSiteById: findSite,
    async listSites() {
      return (await sites.find().sort(OLDEST_FIRST).lean<SiteDoc[]>()).map(toSite);
    },

    async createAgent(input) {
      const doc: AgentDoc = {
        _id: newId(), siteId: input.siteId, email: input.email, name: input.name, role: input.role,
        status: 'offline', chosenStatus: 'online', active: true, passwordHash: input.passwordHash,
        departmentIds: input.departmentIds ?? [], languages: input.languages ?? [],
        maxChats: input.maxChats ?? AGENT_MAX_CHATS_DEFAULT, lastSeenAt: null, chatSlots: [], createdAt: new Date(),
      };
      await insertOrConflict(() => agents.create(doc), { index: INDEX.agentEmail, what: 'e-mail taken' });
      return toAgent(doc);
    },
    findAgentById: findAgent,
    async findAgentWithSecretByEmail(email) {
      const doc = await agents.findOne({ email }).lean<AgentDoc>();
      return doc ? toAgentWithSecret(doc) : null;
    },
    async setAgentStatus(agentId, status) {
      const doc = await agents
        .findOneAndUpdate({ _id: agentId }, { $set: { status, lastSeenAt: new Date() } }, AFTER)
        .lean<AgentDoc>();
      return doc ? toAgent(doc) : null;
    },
    async chooseAgentStatus(agentId, status) {
      const doc = await agents
        .findOneAndUpdate({ _id: agentId }, { $set: { status, chosenStatus: status, lastSeenAt: new Date() } }, AFTER)
        .lean<AgentDoc>();
      return doc ? toAgent(doc) : null;
    },
    async resumeChosenStatus(agentId, at) {
      // One conditional update per possible choice: at most one matches the stored choice.
      for (const { status, chosen } of RESUMED_CHOICES) {
        const doc = await agents
          .findOneAndUpdate({ _id: agentId, status: 'offline', chosenStatus: chosen }, { $set: { status, lastSeenAt: new Date(at) } }, AFTER)
          .lean<AgentDoc>();
        if (doc) return toAgent(doc);
      }
      return null;
    },
    async updateAgent(agentId, patch) {
      const set = setPaths(patch);
      if (Object.keys(set).length === 0) return findAgent(agentId);
      const doc = await agents.findOneAndUpdate({ _id: agentId }, { $set: set }, AFTER).lean<AgentDoc>();
      return doc ? toAgent(doc) : null;
    },
    async listAgents(siteId) {
      return (await agents.find({ siteId }).sort(OLDEST_FIRST).lean<AgentDoc[]>()).map(toAgent);
    },
    async touchAgents(agentIds, at) {
      if (agentIds.length === 0) return;
      await agents.updateMany({ _id: { $in: agentIds } }, { $set: { lastSeenAt: new Date(at) } });
    },
    async markSilentAgentsOffline(before) {
      const silent = { status: { $ne: 'offline' as const }, $or: [{ lastSeenAt: null }, { lastSeenAt: { $lt: new Date(before) } }] };
      const candidates = await agents.find(silent, { _id: 1 }).lean<Pick<AgentDoc, '_id'>[]>();
      // Each flip is its own compare-and-set, so of several sweeping processes only one reports an agent.
      const flipped = await Promise.all(
        candidates.map((c) =>
          agents.findOneAndUpdate({ _id: c._id, ...silent }, { $set: { status: 'offline' } }, AFTER).lean<AgentDoc>(),
        ),
      );
      return flipped.filter((doc): doc is AgentDoc => doc !== null).map(toAgent);
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
    async deleteAgentSessions(agentId) {
      await agentSessions.deleteMany({ agentId });
    },

    async createDepartment({ siteId, name }) {
      const doc: DepartmentDoc = { _id: newId(), siteId, name, createdAt: new Date(), nameKey: uniqueNameKey(name) };
      await insertOrConflict(() => departments.create(doc), DEPARTMENT_NAME_TAKEN);
      return toDepartment(doc);
    },
    async listDepartments(siteId) {
      return (await departments.find({ siteId }).sort({ name: 1 }).lean<DepartmentDoc[]>()).map(toDepartment);
    },
    async renameDepartment({ siteId, departmentId, name }) {
      const renamed = await insertOrConflict(
        () =>
          departments
            .findOneAndUpdate({ _id: departmentId, siteId }, { $set: { name, nameKey: uniqueNameKey(name) } }, { returnDocument: 'after' })
            .lean<DepartmentDoc>(),
        DEPARTMENT_NAME_TAKEN,
      );
      return renamed ? toDepartment(renamed) : null;
    },
  };
}
