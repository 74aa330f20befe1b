/**
 * JSON merge patch (RFC 7396), the semantics of SQLite's json_patch, as one MongoDB update: nested
 * objects merge key by key, arrays and scalars replace, and null removes the key. Stored objects
 * hold no nulls (a null parent would make a dotted $set under it fail), so readers apply defaults.
 */
type UpdatePaths = { $set?: Record<string, unknown>; $unset?: Record<string, ''> };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** The update for `patch` under `prefix` (e.g. 'settings.'); null when it changes nothing. */
export function mergePatchUpdate(patch: object, prefix: string): UpdatePaths | null {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  const walk = (value: Record<string, unknown>, path: string) => {
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      if (child === null) $unset[`${path}${key}`] = '';
      else if (isPlainObject(child)) walk(child, `${path}${key}.`);
      else $set[`${path}${key}`] = child;
    }
  };
  walk(patch as Record<string, unknown>, prefix);
  const update: UpdatePaths = {
    ...(Object.keys($set).length > 0 ? { $set } : {}),
    ...(Object.keys($unset).length > 0 ? { $unset } : {}),
  };
  return update.$set || update.$unset ? update : null;
}

/** A copy without null (or undefined) values at any depth. */
export function withoutNulls(value: object): Record<string, unknown> {
  const entries = Object.entries(value)
    .filter(([, child]) => child !== null && child !== undefined)
    .map(([key, child]) => [key, isPlainObject(child) ? withoutNulls(child) : child]);
  return Object.fromEntries(entries);
}
