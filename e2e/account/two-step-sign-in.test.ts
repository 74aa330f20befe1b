/**
 * Two-step sign-in in a real browser: an agent turns it on from the account page (QR code and key,
 * confirmed with a code), keeps the recovery codes, signs out, and signs back in with the password
 * and a code computed here as an authenticator app would; the password alone opens nothing.
 */
import { AgentConsolePage } from '../pages/agent-console.page';
import { AdminApi } from '../support/admin-api';
import { authenticatorCode } from '../support/authenticator';
import { screenshot } from '../support/browser';
import { useParleyAndBrowser } from '../support/parley-and-browser';

const running = useParleyAndBrowser();

test('an agent turns on two-step sign-in and signs in with a code from the authenticator', async () => {
  const credentials = { email: 'tess@example.test', password: 'tess long password' };
  const admin = await AdminApi.signIn(running.parley.url, running.parley.admin);
  await admin.createAgent({ ...credentials, name: 'Tess', role: 'agent' });

  const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const agent = new AgentConsolePage(await context.newPage());
  await agent.signIn(running.parley.url, credentials);
  await agent.openAccount();
  await agent.twoFactor.getByText('Off: signing in needs only your password.').waitFor();
  await agent.twoFactor.getByRole('button', { name: 'Turn on' }).click();

  const qr = agent.twoFactor.getByRole('img', { name: 'QR code for your authenticator app' });
  await qr.waitFor({ state: 'visible' });
  // The QR code really is drawn (an SVG that failed to load has no natural size).
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const key = (await agent.twoFactor.getByTestId('two-factor-secret').getAttribute('data-secret')) ?? '';
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await screenshot(agent.page, 'two-step-01-enrolment');

  await agent.twoFactor.getByLabel('Code shown by the app').fill(authenticatorCode(key));
  await agent.twoFactor.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  const codes = agent.twoFactor.getByTestId('recovery-codes');
  await codes.waitFor({ state: 'visible' });
  expect(await codes.getByRole('listitem').count()).toBe(10);
  await screenshot(agent.page, 'two-step-02-recovery-codes');
  await codes.getByRole('button', { name: 'I have saved them' }).click();
  await agent.twoFactor.getByText('On: signing in needs your password and a code from your authenticator app.').waitFor();

  await agent.signOut();
  await agent.enterPassword(running.parley.url, credentials);
  await agent.page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor({ state: 'visible' });
  expect(await agent.page.evaluate(() => window.localStorage.getItem('parley.console.token'))).toBeNull();
  await screenshot(agent.page, 'two-step-03-code-step');

  await agent.enterCode('000000');
  await agent.page.getByRole('alert').filter({ hasText: 'The code is wrong' }).waitFor({ state: 'visible' });
  // The enrolment used this 30-second step's code; the app's next code is the one to type (the server allows one step of drift).
  await agent.enterCode(authenticatorCode(key, new Date(Date.now() + 30_000)));
  await agent.page.getByTestId('conversation-list').waitFor({ state: 'visible' });

  // The account page in Arabic lays out right to left, the key and codes staying left to right.
  await agent.openAccount();
  await agent.page.getByTestId('language-select').selectOption('ar');
  await agent.page.getByRole('heading', { name: 'حسابك' }).waitFor({ state: 'visible' });
  expect(await agent.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await agent.twoFactor.getByText('مفعّل: يتطلب تسجيل الدخول كلمة المرور ورمزًا من تطبيق المصادقة.').waitFor();
  await screenshot(agent.page, 'two-step-04-account-ar');
  await context.close();
});
