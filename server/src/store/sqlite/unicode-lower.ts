/** A Unicode-aware lower() for SQLite, whose own lower() and LIKE fold only ASCII letters. */
import type Database from 'better-sqlite3';

export const UNICODE_LOWER = 'unicode_lower';

/** Registers unicode_lower(text) on a connection: JavaScript's toLowerCase, so "ДОБРЫ" and "добры" compare equal. */
export function registerUnicodeLower(db: Database.Database): void {
  db.function(UNICODE_LOWER, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
}
