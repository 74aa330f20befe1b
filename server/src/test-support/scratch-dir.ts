/**
 * Directories tests write into: a test server's data, a packed widget, an app built with it. They go
 * under the jest run's own scratch directory (made by jest.global-setup.cjs, removed with everything
 * in it by jest.global-teardown.cjs), so a run leaves nothing behind in the OS temporary directory:
 * tests restart servers on the same data, so no single test can tell when its directory is done with.
 * Outside a jest run (a script importing this), the OS temporary directory as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Set by jest.global-setup.cjs for every test worker of the run. */
export const SCRATCH_ROOT_VARIABLE = 'PARLEY_TEST_SCRATCH';

/** A new empty directory whose name starts with `prefix`. */
export function makeScratchDir(prefix: string): string {
  const root = process.env[SCRATCH_ROOT_VARIABLE];
  const parent = root && fs.existsSync(root) ? root : os.tmpdir();
  return fs.mkdtempSync(path.join(parent, prefix));
}
