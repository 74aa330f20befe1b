/** Query filters and aggregation expressions, for the operators Parley's MongoDB store uses. */
import { compareValues, isPlainObject, MISSING, sameValue, valueAt, valuesAt, type Doc, type Value } from './values';

const TYPE_NAMES: Record<string, (v: Value) => boolean> = {
  string: (v) => typeof v === 'string',
  date: (v) => v instanceof Date,
  number: (v) => typeof v === 'number',
  double: (v) => typeof v === 'number',
  bool: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: (v) => Array.isArray(v),
  object: (v) => isPlainObject(v),
};

/** A value and, for arrays, its elements: what a field condition is tested against. */
const candidates = (values: Value[]): Value[] => values.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));

function equalsCondition(values: Value[], expected: Value): boolean {
  if (expected instanceof RegExp) return candidates(values).some((v) => typeof v === 'string' && expected.test(v));
  if (expected === null) return candidates(values).some((v) => v === null || v === MISSING);
  return candidates(values).some((v) => sameValue(v, expected));
}

const comparable = (a: Value, b: Value) =>
  a !== MISSING && a !== null && b !== null && (typeof a === typeof b || (a instanceof Date && b instanceof Date));

function operatorCondition(values: Value[], operator: string, operand: Value): boolean {
  const all = candidates(values);
  switch (operator) {
    case '$eq':
      return equalsCondition(values, operand);
    case '$ne':
      return !equalsCondition(values, operand);
    case '$in':
      return (operand as Value[]).some((o) => equalsCondition(values, o));
    case '$nin':
      return !(operand as Value[]).some((o) => equalsCondition(values, o));
    case '$lt':
      return all.some((v) => comparable(v, operand) && compareValues(v, operand) < 0);
    case '$lte':
      return all.some((v) => comparable(v, operand) && compareValues(v, operand) <= 0);
    case '$gt':
      return all.some((v) => comparable(v, operand) && compareValues(v, operand) > 0);
    case '$gte':
      return all.some((v) => comparable(v, operand) && compareValues(v, operand) >= 0);
    case '$exists':
      return values.some((v) => v !== MISSING) === Boolean(operand);
    case '$type':
      return all.some((v) => v !== MISSING && (TYPE_NAMES[String(operand)]?.(v) ?? false));
    case '$regex':
      return equalsCondition(values, operand instanceof RegExp ? operand : new RegExp(String(operand)));
    case '$options':
      return true;
    case '$elemMatch':
      return values.some((v) => Array.isArray(v) && v.some((item) => isPlainObject(item) && matches(item, operand as Doc)));
    default:
      throw new Error(`in-memory MongoDB: query operator ${operator} is not supported`);
  }
}

function fieldCondition(doc: Doc, path: string, condition: Value): boolean {
  const values = valuesAt(doc, path);
  if (isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))) {
    return Object.entries(condition).every(([op, operand]) => operatorCondition(values, op, operand));
  }
  return equalsCondition(values, condition);
}

export function matches(doc: Doc, filter: Doc): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    switch (key) {
      case '$and':
        return (condition as Doc[]).every((f) => matches(doc, f));
      case '$or':
        return (condition as Doc[]).some((f) => matches(doc, f));
      case '$nor':
        return !(condition as Doc[]).some((f) => matches(doc, f));
      case '$expr':
        return truthy(evaluate(doc, condition));
      default:
        if (key.startsWith('$')) throw new Error(`in-memory MongoDB: ${key} is not supported`);
        return fieldCondition(doc, key, condition);
    }
  });
}

export const truthy = (value: Value): boolean =>
  value !== MISSING && value !== null && value !== undefined && value !== false && value !== 0;

const nullish = (value: Value): boolean => value === MISSING || value === null || value === undefined;

/** An aggregation expression: field paths ('$a.b'), literals, and the operators we use. */
export function evaluate(doc: Doc, expression: Value): Value {
  if (typeof expression === 'string' && expression.startsWith('$')) return valueAt(doc, expression.slice(1));
  if (Array.isArray(expression)) return expression.map((e) => evaluate(doc, e));
  if (!isPlainObject(expression)) return expression;
  const [operator, rawArgs] = Object.entries(expression)[0] ?? [];
  if (operator === undefined || !operator.startsWith('$')) {
    return Object.fromEntries(Object.entries(expression).map(([k, v]) => [k, evaluate(doc, v)]));
  }
  const args = (): Value[] => (Array.isArray(rawArgs) ? rawArgs : [rawArgs]).map((a) => evaluate(doc, a));
  const pair = () => args() as [Value, Value];
  // In expressions a missing field equals only a missing one (not null), unlike in queries.
  const equal = ([a, b]: [Value, Value]) => sameValue(a, b) || (a === MISSING && b === MISSING);
  switch (operator) {
    case '$eq': return equal(pair());
    case '$ne': return !equal(pair());
    case '$lt': return compareValues(...pair()) < 0;
    case '$lte': return compareValues(...pair()) <= 0;
    case '$gt': return compareValues(...pair()) > 0;
    case '$gte': return compareValues(...pair()) >= 0;
    case '$and': return args().every(truthy);
    case '$or': return args().some(truthy);
    case '$not': return !truthy(args()[0]);
    case '$in': { const [v, list] = pair(); return Array.isArray(list) && list.some((item) => sameValue(item, v)); }
    case '$ifNull': { const values = args(); return values.find((v) => !nullish(v)) ?? values[values.length - 1]; }
    case '$cond': {
      const [test, then, otherwise] = Array.isArray(rawArgs) ? rawArgs : [(rawArgs as Doc).if, (rawArgs as Doc).then, (rawArgs as Doc).else];
      return truthy(evaluate(doc, test)) ? evaluate(doc, then) : evaluate(doc, otherwise);
    }
    case '$switch': {
      const spec = rawArgs as { branches: { case: Value; then: Value }[]; default: Value };
      const hit = spec.branches.find((b) => truthy(evaluate(doc, b.case)));
      return evaluate(doc, hit ? hit.then : spec.default);
    }
    case '$type': {
      const [v] = args();
      if (v === MISSING) return 'missing';
      if (v === null) return 'null';
      if (v instanceof Date) return 'date';
      if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
      if (Array.isArray(v)) return 'array';
      return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : 'string';
    }
    default:
      throw new Error(`in-memory MongoDB: expression operator ${operator} is not supported`);
  }
}
