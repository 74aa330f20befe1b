/** Values as MongoDB sees them: BSON type order, deep equality, dotted paths through documents and arrays. */
export type Doc = Record<string, unknown>;

export const MISSING = Symbol('missing');
export type Value = unknown;

export function isPlainObject(value: unknown): value is Doc {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * What the driver would put on the wire: BSON-able values (mongoose arrays and subdocuments
 * through their toBSON, as the driver's serializer does), as plain arrays and objects.
 */
export function fromDriverInput(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { toBSON?: unknown }).toBSON === 'function' && !(value instanceof Date)) {
    return fromDriverInput((value as { toBSON(): unknown }).toBSON());
  }
  if (Array.isArray(value)) return Array.from(value, fromDriverInput);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromDriverInput(v)]));
  return value;
}

/** BSON comparison order of the types we store (missing sorts as null). */
function typeRank(value: Value): number {
  if (value === MISSING || value === undefined || value === null) return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (isPlainObject(value)) return 4;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  return 10;
}

export function compareValues(a: Value, b: Value): number {
  const [ra, rb] = [typeRank(a), typeRank(b)];
  if (ra !== rb) return ra - rb;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (isPlainObject(a) && isPlainObject(b)) return compareValues(Object.entries(a).flat(), Object.entries(b).flat());
  return 0;
}

/** Same type and same value (missing and null count as equal only where a query says so). */
export const sameValue = (a: Value, b: Value): boolean =>
  typeRank(a) === typeRank(b) && compareValues(a, b) === 0 && (a === null) === (b === null);

export function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return Array.from(value, clone) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  return value;
}

/**
 * The values a dotted path reaches, as a query sees them: through arrays of documents, by index
 * for numeric parts. MISSING where the path ends nowhere.
 */
export function valuesAt(doc: Value, path: string): Value[] {
  if (path === '') return [doc];
  const [head, ...rest] = path.split('.');
  if (head === undefined) return [doc];
  if (Array.isArray(doc)) {
    if (/^\d+$/.test(head)) return doc.length > Number(head) ? valuesAt(doc[Number(head)], rest.join('.')) : [MISSING];
    const reached = doc.filter(isPlainObject).flatMap((item) => valuesAt(item, path));
    return reached.length > 0 ? reached : [MISSING];
  }
  if (!isPlainObject(doc) || !(head in doc)) return [MISSING];
  const next = doc[head];
  return rest.length === 0 ? [next] : valuesAt(next, rest.join('.'));
}

/** The one value at a path (no array traversal), or MISSING: for updates, sorts and expressions. */
export function valueAt(doc: Value, path: string): Value {
  let current: Value = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)] ?? MISSING;
    else if (isPlainObject(current) && part in current) current = current[part];
    else return MISSING;
  }
  return current;
}

/** Sets a dotted path, creating documents on the way; refuses to create a field inside a non-document. */
export function setAt(doc: Doc, path: string, value: Value): void {
  const parts = path.split('.');
  let current: Doc | Value[] = doc;
  parts.forEach((part, index) => {
    const last = index === parts.length - 1;
    const container = current as Record<string, Value>;
    if (last) {
      container[part] = value;
      return;
    }
    let next = container[part];
    if (next === undefined) {
      next = {};
      container[part] = next;
    }
    if (!isPlainObject(next) && !Array.isArray(next)) {
      throw Object.assign(new Error(`Cannot create field '${parts[index + 1]}' in element {${part}: ${String(next)}}`), { code: 28 });
    }
    current = next as Doc | Value[];
  });
}

export function unsetAt(doc: Doc, path: string): void {
  const parts = path.split('.');
  const leaf = parts.pop() as string;
  const parent = parts.length === 0 ? doc : valueAt(doc, parts.join('.'));
  if (isPlainObject(parent)) delete parent[leaf];
}
