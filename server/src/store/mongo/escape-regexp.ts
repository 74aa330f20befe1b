/** Text as a regular expression that matches it literally: what a person types is never a pattern. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
