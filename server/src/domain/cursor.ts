/** Opaque page cursors: base64url JSON of what the list is ordered by, the last key and the last id. */
import { z } from 'zod';
import { DomainError } from './domain-error';

export interface CursorPosition {
  key: string;
  id: string;
}

const DecodedSchema = z.tuple([z.string().max(64), z.string().max(200), z.string().max(64)]);

const invalid = () => new DomainError('VALIDATION_FAILED', 'cursor: not a cursor of this list; start again without one.');

/** `order` names the list and its sort, so a cursor cannot be replayed against another order. */
export function encodeCursor(order: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([order, position.key, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(order: string, cursor: string | undefined): CursorPosition | null {
  if (cursor === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = DecodedSchema.safeParse(value);
  if (!parsed.success || parsed.data[0] !== order) throw invalid();
  return { key: parsed.data[1], id: parsed.data[2] };
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only says there is more, and the
 * cursor points after the last row shown.
 */
export function pageFrom<T extends { id: string }>(
  rows: T[],
  options: { limit: number; order: string; keyOf: (row: T) => string },
): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, options.limit);
  const last = data[data.length - 1];
  const more = rows.length > options.limit && last !== undefined;
  return { data, nextCursor: more ? encodeCursor(options.order, { key: options.keyOf(last), id: last.id }) : null };
}

/** Pages a list held whole in memory (agents, departments, articles: a site has few), in the given order. */
export function pageInMemory<T extends { id: string }>(
  items: T[],
  options: { limit: number; order: string; cursor?: string; keyOf: (item: T) => string; descending?: boolean },
): { data: T[]; nextCursor: string | null } {
  const sign = options.descending ? -1 : 1;
  const compare = (a: CursorPosition, b: CursorPosition) => sign * (a.key.localeCompare(b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const position = (item: T): CursorPosition => ({ key: options.keyOf(item), id: item.id });
  const after = decodeCursor(options.order, options.cursor);
  const sorted = [...items].sort((a, b) => compare(position(a), position(b)));
  const rest = after ? sorted.filter((item) => compare(position(item), after) > 0) : sorted;
  return pageFrom(rest.slice(0, options.limit + 1), options);
}
