// The benchmarks load socket.io, socket.io-client and esbuild from the server package: the same
// versions the server runs, and no second copy to keep in step.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const requireFromServer = createRequire(new URL('../../server/package.json', import.meta.url));

export const { io } = requireFromServer('socket.io-client');
export const { Server } = requireFromServer('socket.io');
export const loadEsbuild = () => requireFromServer('esbuild');
