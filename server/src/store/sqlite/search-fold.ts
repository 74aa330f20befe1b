/** search_fold(text) for SQLite: case and accents folded as the text searches fold them, so "Jose" finds "José". */
import type Database from 'better-sqlite3';
import { foldCaseAndAccents } from '../../search-text';

export const SEARCH_FOLD = 'search_fold';

/** Registers search_fold(text) on a connection; the read worker registers the same fold (sqlite-read-worker.ts). */
export function registerSearchFold(db: Database.Database): void {
  db.function(SEARCH_FOLD, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldCaseAndAccents(value) : value));
}
