/** One Parley process and one Chromium for a test file: started before its tests, stopped after them. */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startParley, type ParleyProcess, type StartOptions } from './parley-process';

export interface ParleyAndBrowser {
  /** The running process; a test that restarts Parley puts the new one here, and that one is stopped. */
  parley: ParleyProcess;
  readonly browser: Browser;
}

/**
 * Registers the file's beforeAll and afterAll. `options` may be a function, read in beforeAll, when
 * they depend on something an earlier beforeAll starts (an SMTP sink's URL).
 */
export function useParleyAndBrowser(options: StartOptions | (() => StartOptions) = {}): ParleyAndBrowser {
  let parley: ParleyProcess | undefined;
  let launched: { browser: Browser; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    parley = await startParley(typeof options === 'function' ? options() : options);
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
    await parley?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`);
    return value;
  };
  return {
    get parley() {
      return started(parley, 'Parley');
    },
    set parley(next) {
      parley = next;
    },
    get browser() {
      return started(launched, 'Chromium').browser;
    },
  };
}
