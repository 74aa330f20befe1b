/**
 * Debian's Chromium through playwright-core, with the flags this machine needs, and screenshots.
 * playwright-core gives every launch a fresh temporary --user-data-dir of its own (and refuses
 * one passed in args), so each test starts from an empty profile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
// The flags this machine needs (nothing downloaded or synced); bench/widget-lighthouse.mjs reads them too.
import CHROMIUM_FLAGS from './chromium-flags.json';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/screenshots');

export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
