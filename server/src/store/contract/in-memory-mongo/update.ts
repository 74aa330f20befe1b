/** Update operators, applied to a copy of a document, for the ones Parley's MongoDB store uses. */
import { matches } from './query';
import { clone, compareValues, isPlainObject, MISSING, sameValue, setAt, unsetAt, valueAt, type Doc, type Value } from './values';

const eachOf = (value: Value): Value[] =>
  isPlainObject(value) && '$each' in value ? (value.$each as Value[]) : [value];

function arrayAt(doc: Doc, path: string): Value[] {
  const current = valueAt(doc, path);
  if (current === MISSING) {
    const created: Value[] = [];
    setAt(doc, path, created);
    return created;
  }
  if (!Array.isArray(current)) throw Object.assign(new Error(`The field '${path}' must be an array`), { code: 2 });
  return current;
}

/** Whether an array element is one a $pull condition removes. */
function pulls(element: Value, condition: Value): boolean {
  if (isPlainObject(condition)) {
    const operators = Object.keys(condition).every((k) => k.startsWith('$'));
    if (operators) return matches({ v: element }, { v: condition });
    return isPlainObject(element) && matches(element, condition);
  }
  return sameValue(element, condition);
}

/** Applies `update` to `doc` in place; `inserting` also applies $setOnInsert. */
export function applyUpdate(doc: Doc, update: Doc, inserting: boolean): void {
  for (const [operator, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Doc)) {
      switch (operator) {
        case '$set':
          setAt(doc, path, clone(value));
          break;
        case '$setOnInsert':
          if (inserting) setAt(doc, path, clone(value));
          break;
        case '$unset':
          unsetAt(doc, path);
          break;
        case '$inc': {
          const current = valueAt(doc, path);
          setAt(doc, path, (current === MISSING ? 0 : (current as number)) + (value as number));
          break;
        }
        case '$min': {
          const current = valueAt(doc, path);
          if (current === MISSING || compareValues(value, current) < 0) setAt(doc, path, clone(value));
          break;
        }
        case '$push': {
          const array = arrayAt(doc, path);
          array.push(...eachOf(value).map(clone));
          // `$slice: -n` keeps the last n, `$slice: n` the first n.
          const slice = isPlainObject(value) ? value.$slice : undefined;
          if (typeof slice === 'number') array.splice(0, array.length, ...(slice < 0 ? array.slice(slice) : array.slice(0, slice)));
          break;
        }
        case '$addToSet': {
          const array = arrayAt(doc, path);
          for (const item of eachOf(value)) if (!array.some((e) => sameValue(e, item))) array.push(clone(item));
          break;
        }
        case '$pull': {
          const array = arrayAt(doc, path);
          const kept = array.filter((element) => !pulls(element, value));
          array.splice(0, array.length, ...kept);
          break;
        }
        default:
          throw new Error(`in-memory MongoDB: update operator ${operator} is not supported`);
      }
    }
  }
}

/** The document an upsert starts from: the filter's equality conditions. */
export function seedFromFilter(filter: Doc): Doc {
  const seed: Doc = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and') Object.assign(seed, ...(condition as Doc[]).map(seedFromFilter));
    else if (key.startsWith('$')) continue;
    else if (isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))) {
      if ('$eq' in condition) setAt(seed, key, clone(condition.$eq));
    } else setAt(seed, key, clone(condition));
  }
  return seed;
}
