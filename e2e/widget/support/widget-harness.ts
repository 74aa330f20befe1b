/** What every widget test starts from: the built Parley server, Chromium, and the site key of the first site. */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { startParley, type ParleyProcess } from '../../support/parley-process';
import { siteKeyOf } from '../../support/socket-clients';

export interface WidgetHarness {
  parley: ParleyProcess;
  browser: Browser;
  siteKey: string;
  stop(): Promise<void>;
}

export async function startWidgetHarness(): Promise<WidgetHarness> {
  const parley = await startParley();
  try {
    const { browser, close } = await launchBrowser();
    return {
      parley,
      browser,
      siteKey: await siteKeyOf(parley.url),
      async stop() {
        await close();
        await parley.stop();
      },
    };
  } catch (error) {
    await parley.stop();
    throw error;
  }
}

/** Console errors and uncaught exceptions of a page and all its frames, as lines to show in a failure. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console (${message.location().url}): ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}
