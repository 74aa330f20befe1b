/** The MongoDB store's uniqueness rules and error recognition, checked without a server. */
import type { Schema } from 'mongoose';
import type { MessageAuthor } from '@parley/shared';
import { authorFields, toMessage } from './mongo.mapping';
import { duplicateKeyIndex, INDEX, SCHEMAS } from './mongo.models';

const uniqueIndexes = (schema: (typeof SCHEMAS)[keyof typeof SCHEMAS]) =>
  schema
    .indexes()
    .filter(([, options]) => options?.unique === true)
    .map(([fields, options]) => ({ fields, name: options?.name, partial: options?.partialFilterExpression }));

describe('mongo store indexes', () => {
  it('declares every uniqueness rule as a unique index', () => {
    expect(uniqueIndexes(SCHEMAS.sites)).toEqual([{ fields: { key: 1 }, name: INDEX.siteKey, partial: undefined }]);
    expect(uniqueIndexes(SCHEMAS.agents)).toEqual([{ fields: { email: 1 }, name: INDEX.agentEmail, partial: undefined }]);
    expect(uniqueIndexes(SCHEMAS.departments)).toEqual([
      { fields: { siteId: 1, name: 1 }, name: INDEX.departmentName, partial: undefined },
      { fields: { siteId: 1, nameKey: 1 }, name: INDEX.departmentNameKey, partial: { nameKey: { $type: 'string' } } },
    ]);
    expect(uniqueIndexes(SCHEMAS.cannedReplies)).toEqual([
      { fields: { siteId: 1, scopeKey: 1, shortcut: 1 }, name: INDEX.cannedShortcut, partial: undefined },
      { fields: { siteId: 1, scopeKey: 1, shortcutKey: 1 }, name: INDEX.cannedShortcutKey, partial: { shortcutKey: { $type: 'string' } } },
    ]);
    expect(uniqueIndexes(SCHEMAS.visitors)).toEqual([
      { fields: { tokenHash: 1 }, name: INDEX.visitorToken, partial: undefined },
    ]);
    expect(uniqueIndexes(SCHEMAS.messages)).toEqual([
      { fields: { conversationId: 1, clientId: 1 }, name: INDEX.messageClientId, partial: undefined },
      { fields: { conversationId: 1, seq: 1 }, name: INDEX.messageSeq, partial: undefined },
    ]);
  });

  it('numbers tickets uniquely per site, makes at most one ticket per conversation, orders timelines, and takes an e-mail once', () => {
    expect(uniqueIndexes(SCHEMAS.tickets)).toEqual([
      { fields: { siteId: 1, number: 1 }, name: INDEX.ticketNumber, partial: undefined },
      { fields: { conversationId: 1 }, name: INDEX.ticketConversation, partial: { conversationId: { $type: 'string' } } },
    ]);
    expect(uniqueIndexes(SCHEMAS.ticketEvents)).toEqual([
      { fields: { ticketId: 1, seq: 1 }, name: INDEX.ticketEventSeq, partial: undefined },
      { fields: { ticketId: 1, sourceKey: 1 }, name: INDEX.ticketEventSource, partial: { sourceKey: { $type: 'string' } } },
    ]);
  });

  it('allows one open conversation per visitor and site, and any number of resolved ones', () => {
    expect(uniqueIndexes(SCHEMAS.conversations)).toEqual([
      { fields: { siteId: 1, visitorId: 1 }, name: INDEX.oneOpenConversation, partial: { open: true } },
    ]);
  });

  it('keeps ids as our own strings, never ObjectIds', () => {
    const schemas: Schema[] = Object.values(SCHEMAS);
    for (const schema of schemas) expect(schema.path('_id')).toMatchObject({ instance: 'String' });
  });
});

describe('duplicate-key recognition', () => {
  const serverError = (index: string) =>
    Object.assign(new Error(
      `E11000 duplicate key error collection: parley.messages index: ${index} dup key: { conversationId: "c1", clientId: "x" }`,
    ), { code: 11000 });

  it('names the unique index that refused the write', () => {
    expect(duplicateKeyIndex(serverError(INDEX.messageClientId))).toBe(INDEX.messageClientId);
    expect(duplicateKeyIndex(serverError(INDEX.messageSeq))).toBe(INDEX.messageSeq);
    expect(duplicateKeyIndex(serverError(INDEX.oneOpenConversation))).toBe(INDEX.oneOpenConversation);
    expect(duplicateKeyIndex(serverError('_id_'))).toBe('unknown');
  });

  it('ignores errors that are not duplicate keys', () => {
    expect(duplicateKeyIndex(Object.assign(new Error('not primary'), { code: 10107 }))).toBeNull();
    expect(duplicateKeyIndex(new Error('network'))).toBeNull();
    expect(duplicateKeyIndex('E11000')).toBeNull();
    expect(duplicateKeyIndex(null)).toBeNull();
  });
});

describe('message author mapping', () => {
  it.each<MessageAuthor>([
    { kind: 'visitor', id: 'visitor-1', name: null },
    { kind: 'visitor', id: 'visitor-1', name: 'Vera' },
    { kind: 'agent', id: 'agent-1', name: 'Ann' },
    { kind: 'system' },
  ])('stores and reads back a $kind author', (author) => {
    const doc = {
      _id: 'message-1', conversationId: 'conversation-1', seq: 1, clientId: 'client-1',
      ...authorFields(author), text: 'hi', internal: false, createdAt: new Date('2025-01-02T03:04:05.678Z'),
    };
    expect(toMessage(doc)).toEqual({
      id: 'message-1', conversationId: 'conversation-1', seq: 1, clientId: 'client-1', author, text: 'hi', internal: false,
      createdAt: '2025-01-02T03:04:05.678Z',
    });
  });
});
