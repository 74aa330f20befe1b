/** Where the built front ends live: resolved through the workspace packages, not relative guesses. */
import path from 'node:path';
import type { StaticRoots } from './http/static.router';

export function defaultStaticRoots(): StaticRoots {
  return {
    widgetDist: path.join(path.dirname(require.resolve('@parley/widget/package.json')), 'dist'),
    consoleDist: path.join(path.dirname(require.resolve('@parley/agent-console/package.json')), 'dist'),
  };
}
