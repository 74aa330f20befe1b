/** A Unicode-aware lower() for SQLite, whose own lower() and LIKE fold only ASCII letters. */
import type Database from 'better-sqlite3';

export const UNICODE_LOWER = 'unicode_lower';

/**
 * JavaScript's toLowerCase, so "ДОБРЫ" and "добры" compare equal. Self-contained: the read worker
 * receives its source text (sqlite-read-worker.ts) and registers the same function.
 */
export function unicodeLowerOf(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** Registers unicode_lower(text) on a connection. */
export function registerUnicodeLower(db: Database.Database): void {
  db.function(UNICODE_LOWER, { deterministic: true }, unicodeLowerOf);
}
