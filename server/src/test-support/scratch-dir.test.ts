import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeScratchDir, SCRATCH_ROOT_VARIABLE } from './scratch-dir';
import { startTestServer } from './test-server';

/* eslint-disable @typescript-eslint/no-require-imports -- the root's jest hooks are CommonJS files */
const makeScratchRoot = require('../../../jest.global-setup.cjs') as () => Promise<void>;
const removeScratchRoot = require('../../../jest.global-teardown.cjs') as () => Promise<void>;
/* eslint-enable @typescript-eslint/no-require-imports */

const isInside = (dir: string, root: string) => path.relative(root, dir).split(path.sep)[0] !== '..';

describe('scratch directories of a test run', () => {
  const runRoot = process.env[SCRATCH_ROOT_VARIABLE];

  afterEach(() => {
    process.env[SCRATCH_ROOT_VARIABLE] = runRoot;
  });

  it('puts a test server’s data under the run’s scratch directory, not straight into the OS temporary one', async () => {
    expect(runRoot).toBeDefined();
    const server = await startTestServer();
    try {
      expect(isInside(server.dataDir, runRoot as string)).toBe(true);
      expect(fs.readdirSync(server.dataDir)).toContain('parley.sqlite');
    } finally {
      await server.stop();
    }
  });

  it('makes a new empty directory each time, named by its prefix', () => {
    const first = makeScratchDir('parley-scratch-test-');
    const second = makeScratchDir('parley-scratch-test-');
    expect(first).not.toBe(second);
    expect(path.basename(first)).toMatch(/^parley-scratch-test-/);
    expect(fs.readdirSync(first)).toEqual([]);
  });

  it('falls back to the OS temporary directory outside a jest run, or when the run’s directory is gone', () => {
    process.env[SCRATCH_ROOT_VARIABLE] = path.join(os.tmpdir(), 'parley-no-such-scratch-root');
    const dir = makeScratchDir('parley-scratch-test-');
    try {
      expect(path.dirname(dir)).toBe(os.tmpdir());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the run’s teardown removes the scratch directory with everything in it, and the setup makes a fresh one', async () => {
    await makeScratchRoot();
    const root = process.env[SCRATCH_ROOT_VARIABLE] as string;
    expect(root).not.toBe(runRoot);
    expect(path.dirname(root)).toBe(os.tmpdir());
    const dataDir = makeScratchDir('parley-test-');
    fs.writeFileSync(path.join(dataDir, 'parley.sqlite'), 'data');
    await removeScratchRoot();
    expect(fs.existsSync(root)).toBe(false);
  });
});
