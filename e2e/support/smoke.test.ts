/** The e2e toolchain itself: the built server starts as a process and Chromium renders its demo. */
import { launchBrowser } from './browser';
import { startParley, type ParleyProcess } from './parley-process';

let parley: ParleyProcess;
beforeAll(async () => {
  parley = await startParley();
});
afterAll(async () => {
  await parley.stop();
});

test('the built server prints the demo URL, console URL, admin e-mail and snippet on first start', () => {
  const output = parley.output();
  expect(output).toContain(`${parley.url}/demo`);
  expect(output).toContain(`${parley.url}/console/`);
  expect(output).toContain(parley.admin.email);
  // The operator chose this password (ADMIN_PASSWORD): it must not end up in their logs.
  expect(output).not.toContain(parley.admin.password);
  expect(output).toContain('Admin password: the one set in ADMIN_PASSWORD');
  expect(output).toMatch(/<script async src="[^"]+\/widget\.js" data-site="site_[A-Za-z0-9_-]+"><\/script>/);
});

test('Chromium opens the demo page', async () => {
  const { browser, close } = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${parley.url}/demo`);
    await expect(page.title()).resolves.toBe('Parley demo shop');
  } finally {
    await close();
  }
});
