/**
 * An in-memory stand-in for the MongoDB driver, for running the MongoDB store through mongoose on
 * a machine without MongoDB. It covers what that store calls, with MongoDB's rules for unique and
 * partial indexes, upserts and duplicate-key errors, and yields between operations so concurrent
 * calls interleave. It is not MongoDB: passing on it checks our code and mongoose's casting, not
 * the server's behaviour, which only a run with MONGODB_URI does.
 */
import mongoose from 'mongoose';
import { evaluate, matches } from './query';
import { applyUpdate, seedFromFilter } from './update';
import { clone, compareValues, fromDriverInput, sameValue, valueAt, MISSING, type Doc, type Value } from './values';

const { MongoClient, MongoServerError, ObjectId } = mongoose.mongo;

interface IndexSpec { name: string; key: Doc; unique: boolean; partialFilterExpression?: Doc }
interface CollectionData { docs: Doc[]; indexes: IndexSpec[] }
type Sort = Record<string, 1 | -1>;
interface FindOptions { sort?: Sort; skip?: number; limit?: number }

/** Lets other pending operations run first, as a network round trip would. */
const roundTrip = () => new Promise<void>((resolve) => setImmediate(resolve));

function sortDocs(docs: Doc[], sort: Sort | undefined): Doc[] {
  if (!sort) return docs;
  const keys = Object.entries(sort);
  return [...docs].sort((a, b) => {
    for (const [path, direction] of keys) {
      const c = compareValues(valueAt(a, path), valueAt(b, path));
      if (c !== 0) return c * direction;
    }
    return 0;
  });
}

function window(docs: Doc[], { skip = 0, limit = 0 }: FindOptions): Doc[] {
  const skipped = docs.slice(skip);
  return limit > 0 ? skipped.slice(0, limit) : skipped;
}

const defaultIndexName = (key: Doc) => Object.entries(key).map(([k, v]) => `${k}_${String(v)}`).join('_');

class Cursor {
  constructor(private readonly produce: () => Doc[]) {}
  async toArray(): Promise<Doc[]> {
    await roundTrip();
    return this.produce().map(clone);
  }
  async close(): Promise<void> {}
}

/** Shared by every client of one stand-in "server", so two stores see one database. */
export class InMemoryMongoServer {
  readonly databases = new Map<string, Map<string, CollectionData>>();

  data(dbName: string, collection: string): CollectionData {
    let db = this.databases.get(dbName);
    if (!db) this.databases.set(dbName, (db = new Map()));
    let data = db.get(collection);
    if (!data) db.set(collection, (data = { docs: [], indexes: [{ name: '_id_', key: { _id: 1 }, unique: true }] }));
    return data;
  }
}

class InMemoryCollection {
  readonly namespace: string;
  constructor(
    private readonly server: InMemoryMongoServer,
    private readonly dbName: string,
    readonly collectionName: string,
  ) {
    this.namespace = `${dbName}.${collectionName}`;
  }

  private get data(): CollectionData {
    return this.server.data(this.dbName, this.collectionName);
  }

  private matching(filter: Doc, sort?: Sort): Doc[] {
    return sortDocs(this.data.docs.filter((doc) => matches(doc, filter)), sort);
  }

  /** Throws MongoDB's E11000 error when `doc` would break a unique index. */
  private checkUnique(doc: Doc, replacing: Doc | null, prefix = ''): void {
    for (const index of this.data.indexes.filter((i) => i.unique)) {
      if (index.partialFilterExpression && !matches(doc, index.partialFilterExpression)) continue;
      const fields = Object.keys(index.key);
      const keyOf = (d: Doc) => fields.map((f) => { const v = valueAt(d, f); return v === MISSING ? null : v; });
      const key = keyOf(doc);
      const clash = this.data.docs.find(
        (other) => other !== replacing &&
          (!index.partialFilterExpression || matches(other, index.partialFilterExpression)) &&
          keyOf(other).every((v, i) => sameValue(v, key[i])),
      );
      if (clash) {
        const keyValue = Object.fromEntries(fields.map((f, i) => [f, key[i]]));
        const errmsg = `${prefix}E11000 duplicate key error collection: ${this.namespace} index: ${index.name} dup key: ${JSON.stringify(keyValue)}`;
        throw new MongoServerError({ message: errmsg, errmsg, code: 11000, codeName: 'DuplicateKey', keyPattern: index.key, keyValue });
      }
    }
  }

  /** Applies an update to one document (or inserts the upsert), atomically; returns before and after. */
  private modify(filter: Doc, update: Doc, options: { upsert?: boolean; sort?: Sort; prefix?: string }) {
    const target = this.matching(filter, options.sort)[0];
    if (!target) {
      if (!options.upsert) return null;
      const inserted = seedFromFilter(filter);
      applyUpdate(inserted, update, true);
      if (inserted._id === undefined) inserted._id = new ObjectId();
      this.checkUnique(inserted, null, options.prefix);
      this.data.docs.push(inserted);
      return { before: null, after: inserted, upserted: true };
    }
    const after = clone(target);
    applyUpdate(after, update, false);
    this.checkUnique(after, target, options.prefix);
    this.data.docs.splice(this.data.docs.indexOf(target), 1, after);
    return { before: target, after, upserted: false };
  }

  async insertOne(doc: Doc) {
    await roundTrip();
    const stored = fromDriverInput(doc) as Doc;
    if (stored._id === undefined) stored._id = new ObjectId();
    this.checkUnique(stored, null);
    this.data.docs.push(stored);
    return { acknowledged: true, insertedId: stored._id };
  }

  find(filter: Doc = {}, options: FindOptions = {}) {
    return new Cursor(() => window(this.matching(fromDriverInput(filter) as Doc, options.sort), options));
  }

  async findOne(filter: Doc = {}, options: FindOptions = {}) {
    await roundTrip();
    const found = this.matching(fromDriverInput(filter) as Doc, options.sort)[options.skip ?? 0];
    return found ? clone(found) : null;
  }

  async countDocuments(filter: Doc = {}) {
    await roundTrip();
    return this.matching(fromDriverInput(filter) as Doc).length;
  }

  async findOneAndUpdate(filter: Doc, update: Doc, options: { upsert?: boolean; sort?: Sort; returnDocument?: 'before' | 'after' } = {}) {
    await roundTrip();
    const prefix = 'Plan executor error during findAndModify :: caused by :: ';
    const result = this.modify(fromDriverInput(filter) as Doc, fromDriverInput(update) as Doc, { ...options, prefix });
    if (!result) return null;
    const doc = options.returnDocument === 'after' ? result.after : result.before;
    return doc ? clone(doc) : null;
  }

  async updateOne(filter: Doc, update: Doc, options: { upsert?: boolean } = {}) {
    await roundTrip();
    const result = this.modify(fromDriverInput(filter) as Doc, fromDriverInput(update) as Doc, options);
    return {
      acknowledged: true, matchedCount: result && !result.upserted ? 1 : 0, modifiedCount: result && !result.upserted ? 1 : 0,
      upsertedCount: result?.upserted ? 1 : 0, upsertedId: result?.upserted ? result.after._id : null,
    };
  }

  async updateMany(filter: Doc, update: Doc) {
    await roundTrip();
    const targets = this.matching(fromDriverInput(filter) as Doc);
    for (const target of targets) {
      const after = clone(target);
      applyUpdate(after, fromDriverInput(update) as Doc, false);
      this.checkUnique(after, target);
      this.data.docs.splice(this.data.docs.indexOf(target), 1, after);
    }
    return { acknowledged: true, matchedCount: targets.length, modifiedCount: targets.length, upsertedCount: 0, upsertedId: null };
  }

  async deleteOne(filter: Doc) {
    await roundTrip();
    const target = this.matching(fromDriverInput(filter) as Doc)[0];
    if (target) this.data.docs.splice(this.data.docs.indexOf(target), 1);
    return { acknowledged: true, deletedCount: target ? 1 : 0 };
  }

  async deleteMany(filter: Doc = {}) {
    await roundTrip();
    const targets = this.matching(fromDriverInput(filter) as Doc);
    this.data.docs = this.data.docs.filter((doc) => !targets.includes(doc));
    return { acknowledged: true, deletedCount: targets.length };
  }

  aggregate(pipeline: Doc[]) {
    const stages = fromDriverInput(pipeline) as Doc[];
    return new Cursor(() => stages.reduce<Doc[]>((docs, stage) => runStage(docs, stage), this.data.docs.map(clone)));
  }

  async createIndex(key: Doc, options: { name?: string; unique?: boolean; partialFilterExpression?: Doc } = {}) {
    await roundTrip();
    const name = options.name ?? defaultIndexName(key);
    if (!this.data.indexes.some((i) => i.name === name)) {
      this.data.indexes.push({ name, key, unique: options.unique === true, ...(options.partialFilterExpression ? { partialFilterExpression: options.partialFilterExpression } : {}) });
    }
    return name;
  }

  listIndexes() {
    return new Cursor(() => this.data.indexes.map((i) => ({ v: 2, ...i })));
  }
}

function group(docs: Doc[], spec: Doc): Doc[] {
  const groups = new Map<string, { id: Value; docs: Doc[] }>();
  for (const doc of docs) {
    const id = evaluate(doc, spec._id);
    const key = JSON.stringify(id === MISSING ? null : id);
    if (!groups.has(key)) groups.set(key, { id: id === MISSING ? null : id, docs: [] });
    groups.get(key)?.docs.push(doc);
  }
  return [...groups.values()].map(({ id, docs: members }) => {
    const out: Doc = { _id: id };
    for (const [field, accumulator] of Object.entries(spec)) {
      if (field === '_id') continue;
      const [operator, expression] = Object.entries(accumulator as Doc)[0] ?? [];
      const values = members.map((d) => evaluate(d, expression)).filter((v) => v !== MISSING && v !== null);
      if (operator === '$sum') out[field] = values.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
      else if (operator === '$max') out[field] = values.reduce<Value>((m, v) => (m === null || compareValues(v, m) > 0 ? v : m), null);
      else if (operator === '$min') out[field] = values.reduce<Value>((m, v) => (m === null || compareValues(v, m) < 0 ? v : m), null);
      else throw new Error(`in-memory MongoDB: accumulator ${String(operator)} is not supported`);
    }
    return out;
  });
}

function runStage(docs: Doc[], stage: Doc): Doc[] {
  const [name, spec] = Object.entries(stage)[0] ?? [];
  switch (name) {
    case '$match':
      return docs.filter((doc) => matches(doc, spec as Doc));
    case '$addFields':
    case '$set':
      return docs.map((doc) => ({ ...doc, ...Object.fromEntries(Object.entries(spec as Doc).map(([k, e]) => [k, evaluate(doc, e)])) }));
    case '$sort':
      return sortDocs(docs, spec as Sort);
    case '$skip':
      return docs.slice(spec as number);
    case '$limit':
      return docs.slice(0, spec as number);
    case '$group':
      return group(docs, spec as Doc);
    default:
      throw new Error(`in-memory MongoDB: aggregation stage ${String(name)} is not supported`);
  }
}

class InMemoryDb {
  constructor(private readonly server: InMemoryMongoServer, readonly databaseName: string) {}
  collection(name: string) {
    return new InMemoryCollection(this.server, this.databaseName, name);
  }
  async createCollection(name: string) {
    await roundTrip();
    this.server.data(this.databaseName, name);
    return this.collection(name);
  }
  async dropDatabase() {
    this.server.databases.delete(this.databaseName);
    return true;
  }
}

/** A MongoClient (mongoose checks) whose databases live in an InMemoryMongoServer. */
export class InMemoryMongoClient extends MongoClient {
  constructor(private readonly server: InMemoryMongoServer, private readonly dbName: string) {
    super(`mongodb://in-memory.invalid/${dbName}`);
    // mongoose's setClient() wants a connected client; nothing here ever opens a socket.
    Object.assign(this, { topology: { description: { type: 'Unknown' } } });
  }
  override db(name?: string): ReturnType<InstanceType<typeof MongoClient>['db']> {
    return new InMemoryDb(this.server, name ?? this.dbName) as unknown as ReturnType<InstanceType<typeof MongoClient>['db']>;
  }
  override async connect(): Promise<this> {
    return this;
  }
  override async close(): Promise<void> {}
}
