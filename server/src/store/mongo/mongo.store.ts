/** The shared store for several server processes: MongoDB through mongoose, on its own connection. */
import mongoose, { type Connection } from 'mongoose';
import { mongoAnalytics } from './mongo-analytics';
import type { Store } from '../store';
import { mongoCannedReplies } from './mongo.canned-replies';
import { mongoConversations } from './mongo.conversations';
import { mongoEmailOutbox } from './mongo-email-outbox';
import { mongoDirectory } from './mongo.directory';
import { mongoDepartmentDeletion } from './mongo-department-deletion';
import { mongoMessages } from './mongo.messages';
import { compileModels, ensureCollectionsAndIndexes, upgradeDocuments } from './mongo.models';
import { fillUniqueNameKeys } from './mongo-unique-name-keys';
import { mongoKnowledgeBase } from './mongo-knowledge-base';
import { mongoRateLimits } from './mongo-rate-limits';
import { mongoAttachments } from './mongo-attachments';
import { mongoVisitorIdentity } from './mongo-visitor-identity';
import { mongoApiTokens } from './mongo-api-tokens';
import { mongoWebhooks } from './mongo-webhooks';
import { mongoListing } from './mongo-listing';
import { mongoAgentCredentials } from './mongo-agent-credentials';
import { mongoPrivacy } from './mongo-privacy';
import { mongoTickets } from './mongo.tickets';
import { mongoVisitors } from './mongo.visitors';

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
    // Indexes are created once at open and awaited, not in the background after the first query.
    autoIndex: false,
  });
  await connection.asPromise();
  return mongoStoreOn(connection);
}

/** The store on a connection that is already open; it takes the connection over and closes it in close(). */
export async function mongoStoreOn(connection: Connection): Promise<Store> {
  const models = compileModels(connection);
  try {
    await ensureCollectionsAndIndexes(models);
    await upgradeDocuments(models);
    await fillUniqueNameKeys(models);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return {
    kind: 'mongo',
    async close() {
      await connection.close();
    },
    ...mongoDirectory(models),
    ...mongoDepartmentDeletion(models),
    ...mongoVisitors(models),
    ...mongoCannedReplies(models),
    ...mongoConversations(models),
    ...mongoMessages(models),
    ...mongoTickets(models),
    ...(await mongoKnowledgeBase(connection)),
    ...(await mongoRateLimits(connection)),
    ...(await mongoAttachments(connection)),
    ...mongoVisitorIdentity(models),
    ...mongoAnalytics(models),
    ...mongoEmailOutbox(models.emailOutbox),
    ...(await mongoApiTokens(connection)),
    ...(await mongoWebhooks(connection)),
    ...mongoListing(models),
    ...(await mongoAgentCredentials(connection, models)),
    ...(await mongoPrivacy(connection, models)),
  };
}
