/** The current time as the ISO strings every record carries. */
export const nowIso = (): string => new Date().toISOString();
