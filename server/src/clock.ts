/**
 * The current time as the ISO strings every record carries.
 *
 * Formatted once per millisecond: at thousands of messages a second the store stamps several
 * records in the same millisecond, and `toISOString` was 1% of the relay's main thread at 5,000 chats.
 * Keyed on `Date.now()`, so a test's fake clock moves it as it moves `new Date()`.
 */
let formattedAt = Number.NaN;
let formatted = '';

/** The ISO string of an instant in epoch milliseconds, from the cache when it is the last one formatted. */
export const isoAt = (epochMs: number): string => {
  if (epochMs !== formattedAt) {
    formatted = new Date(epochMs).toISOString();
    formattedAt = epochMs;
  }
  return formatted;
};

export const nowIso = (): string => isoAt(Date.now());
