/**
 * Drops the text of i18next's debug-only messages from the panel build. i18next's logger prints
 * `log`, `warn`, `deprecate` and `once` only when it is initialised with `debug: true`, which the
 * panel never is; their texts (setup advice, deprecation notes: about 0.5 KB gzip) would otherwise
 * ship to every visitor and never be shown. Errors (`logger.error`, thrown errors) are kept.
 */
import { parseAst } from 'rollup/parseAst';
import type { Plugin } from 'vite';

const DEBUG_ONLY_METHODS = new Set(['log', 'warn', 'deprecate', 'once']);

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

const propertyName = (node: Node): string | null => {
  const property = node.property;
  return isNode(property) && property.type === 'Identifier' && !node.computed ? String(property.name) : null;
};

const objectName = (node: Node): string | null => {
  const object = node.object;
  if (!isNode(object)) return null;
  if (object.type === 'Identifier') return String(object.name);
  return object.type === 'MemberExpression' ? propertyName(object) : null;
};

/** `this.logger.warn(…)`, `baseLogger.deprecate(…)`: a call of a debug-only method on i18next's logger. */
function isDebugOnlyLoggerCall(node: Node): boolean {
  const callee = node.callee;
  if (node.type !== 'CallExpression' || !isNode(callee) || callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  const owner = objectName(callee);
  return method !== null && DEBUG_ONLY_METHODS.has(method) && (owner === 'logger' || owner === 'baseLogger');
}

function collectDebugOnlyArguments(node: Node, ranges: [number, number][]): void {
  if (isDebugOnlyLoggerCall(node)) {
    const args = node.arguments as Node[];
    const first = args[0];
    const last = args[args.length - 1];
    if (first && last) ranges.push([first.start, last.end]);
    return;
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) if (isNode(child)) collectDebugOnlyArguments(child, ranges);
    if (isNode(value)) collectDebugOnlyArguments(value, ranges);
  }
}

/** The module with every debug-only logger call's arguments removed (`logger.warn()`), or null if it has none. */
export function withoutDebugMessages(code: string): string | null {
  const ranges: [number, number][] = [];
  collectDebugOnlyArguments(parseAst(code) as unknown as Node, ranges);
  if (ranges.length === 0) return null;
  let result = code;
  // From the end backwards, so the earlier ranges' offsets still hold.
  for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + result.slice(end);
  return result;
}

export function dropI18nextDebugMessages(): Plugin {
  return {
    name: 'parley:drop-i18next-debug-messages',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]i18next[\\/]dist[\\/]esm[\\/]/.test(id)) return null;
      const result = withoutDebugMessages(code);
      return result === null ? null : { code: result, map: null };
    },
  };
}
