/**
 * Fills in the keys department names and canned-reply shortcuts are kept unique by, regardless of
 * case, on documents an older Parley wrote without them. Idempotent, run at every open: only
 * documents without a key are read. Oldest first, each takes its key unless a case variant already
 * holds it; then it keeps its name and gets a null key, outside the unique index (as SQLite's
 * migration 25 does). Nothing is renamed or lost: the admin sees both and renames or deletes one.
 */
import { uniqueNameKey } from '../unique-name-key';
import type { CannedReplyDoc, DepartmentDoc } from './mongo.documents';
import { duplicateKeyIndex, INDEX, type MongoModels } from './mongo.models';

/** Gives a document still without a key its key; a clash with a case variant gives it null instead. */
async function setKeyOrNull(update: (key: string | null) => Promise<unknown>, key: string, index: string): Promise<void> {
  try {
    await update(key);
  } catch (error) {
    if (duplicateKeyIndex(error) !== index) throw error;
    await update(null);
  }
}

export async function fillUniqueNameKeys(models: Pick<MongoModels, 'departments' | 'cannedReplies'>): Promise<void> {
  const { departments, cannedReplies } = models;
  const unkeyedDepartments = await departments
    .find({ nameKey: { $exists: false } }, { _id: 1, name: 1 })
    .sort({ createdAt: 1, _id: 1 })
    .lean<Pick<DepartmentDoc, '_id' | 'name'>[]>();
  for (const doc of unkeyedDepartments) {
    await setKeyOrNull(
      (nameKey) => departments.updateOne({ _id: doc._id, nameKey: { $exists: false } }, { $set: { nameKey } }),
      uniqueNameKey(doc.name),
      INDEX.departmentNameKey,
    );
  }
  const unkeyedReplies = await cannedReplies
    .find({ shortcutKey: { $exists: false } }, { _id: 1, shortcut: 1 })
    .sort({ _id: 1 })
    .lean<Pick<CannedReplyDoc, '_id' | 'shortcut'>[]>();
  for (const doc of unkeyedReplies) {
    await setKeyOrNull(
      (shortcutKey) => cannedReplies.updateOne({ _id: doc._id, shortcutKey: { $exists: false } }, { $set: { shortcutKey } }),
      uniqueNameKey(doc.shortcut),
      INDEX.cannedShortcutKey,
    );
  }
}
