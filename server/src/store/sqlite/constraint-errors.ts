/** SQLite errors the store handles, recognised by their codes. */
/** SQLite's error codes, read without `instanceof`. */
function sqliteCodeOf(error: unknown): string | null {
  // Not `instanceof SqliteError`: better-sqlite3's native addon keeps the SqliteError class of the
  // first module realm that loaded it, so in another realm (each jest test file) that check is false.
  if (typeof error !== 'object' || error === null) return null;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** Recognises SQLite's refusal of a write by a UNIQUE index. */
export const isUniqueViolation = (error: unknown): boolean => sqliteCodeOf(error)?.startsWith('SQLITE_CONSTRAINT_UNIQUE') ?? false;

/** Recognises a lock held by another connection (SQLITE_BUSY and its extended codes), still held after busy_timeout. */
export const isBusy = (error: unknown): boolean => sqliteCodeOf(error)?.startsWith('SQLITE_BUSY') ?? false;
