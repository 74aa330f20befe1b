/** Recognises SQLite's refusal of a write by a UNIQUE index. */
export function isUniqueViolation(error: unknown): boolean {
  // Not `instanceof Error`: better-sqlite3's native addon keeps the SqliteError class of the first
  // module realm that loaded it, so in another realm (each jest test file) that check is false.
  if (typeof error !== 'object' || error === null) return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT_UNIQUE');
}
