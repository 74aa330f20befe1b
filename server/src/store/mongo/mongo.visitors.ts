/** Visitors on MongoDB: identity by token hash, what they tell us about themselves, where they are. */
import { VISITOR_PAGES_KEPT } from '@parley/shared';
import { newId } from '../../tokens';
import type { Store } from '../store';
import type { ConversationDoc, VisitorDoc } from './mongo.documents';
import { toConversation, toVisitor } from './mongo.mapping';
import type { MongoModels } from './mongo.models';

type VisitorStore = Pick<
  Store,
  | 'createVisitor' | 'findVisitorByTokenHash' | 'findVisitorById' | 'startVisit' | 'updateVisitorContext'
  | 'identifyVisitor' | 'listVisitorConversations'
>;

const AFTER = { returnDocument: 'after' } as const;

export function mongoVisitors(models: Pick<MongoModels, 'visitors' | 'conversations'>): VisitorStore {
  const { visitors, conversations } = models;

  async function update(visitorId: string, filter: object, set: Partial<VisitorDoc>) {
    const doc = await visitors.findOneAndUpdate({ _id: visitorId, ...filter }, { $set: set }, AFTER).lean<VisitorDoc>();
    return doc ? toVisitor(doc) : null;
  }

  return {
    async createVisitor({ siteId, tokenHash, locale }) {
      const doc: VisitorDoc = {
        _id: newId(), siteId, tokenHash, name: null, email: null, locale, pageUrl: null, pageTitle: null,
        referrer: null, userAgent: null, visitStartedAt: null, createdAt: new Date(),
      };
      await visitors.create(doc);
      return toVisitor(doc);
    },
    async findVisitorByTokenHash(siteId, tokenHash) {
      const doc = await visitors.findOne({ siteId, tokenHash }).lean<VisitorDoc>();
      return doc ? toVisitor(doc) : null;
    },
    async findVisitorById(id) {
      const doc = await visitors.findById(id).lean<VisitorDoc>();
      return doc ? toVisitor(doc) : null;
    },
    startVisit: (visitorId, { userAgent, at, locale = null }) =>
      update(visitorId, {}, { userAgent, visitStartedAt: new Date(at), ...(locale ? { locale } : {}) }),
    async updateVisitorContext(visitorId, { pageUrl, pageTitle, referrer }) {
      // A new address joins the history (the last VISITOR_PAGES_KEPT); the page the visitor is
      // already on (pageUrl is the history's last) only gets its title. Each is one conditional update.
      const moved = await visitors
        .findOneAndUpdate(
          { _id: visitorId, pageUrl: { $ne: pageUrl } },
          {
            $set: { pageUrl, pageTitle },
            $push: { pagesVisited: { $each: [{ url: pageUrl, title: pageTitle, at: new Date() }], $slice: -VISITOR_PAGES_KEPT } },
          },
          AFTER,
        )
        .lean<VisitorDoc>();
      const current = moved ? toVisitor(moved) : await update(visitorId, {}, { pageUrl, pageTitle });
      // The first non-empty referrer is where the visitor came from; later pages do not replace it.
      if (!current || referrer === '' || current.referrer !== null) return current;
      // Null only if another update set a referrer meanwhile: that one stays.
      return (await update(visitorId, { referrer: null }, { referrer })) ?? current;
    },
    async identifyVisitor(visitorId, { name, email }) {
      // A verified identity changes only through a signed identify (mongo-visitor-identity.ts).
      const visitor = await update(visitorId, { verified: { $ne: true } }, {
        ...(name === undefined ? {} : { name }), ...(email === undefined ? {} : { email }),
      });
      // Open conversations show the name too; idempotent, so a repeat after a crash repairs it.
      if (visitor?.name) {
        await conversations.updateMany({ visitorId, open: true }, { $set: { visitorName: visitor.name } });
      }
      return visitor;
    },
    async listVisitorConversations(siteId, visitorId) {
      const docs = await conversations
        .find({ siteId, visitorId })
        .sort({ createdAt: -1, _id: -1 })
        .limit(100)
        .lean<ConversationDoc[]>();
      return docs.map(toConversation);
    },
  };
}
