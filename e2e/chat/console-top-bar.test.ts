/**
 * The console's top bar on a 1280 px laptop screen: one row in every language the console speaks,
 * with every tool still there and named.
 */
import type { Page } from 'playwright-core';
import { AgentConsolePage } from '../pages/agent-console.page';
import { screenshot } from '../support/browser';
import { useParleyAndBrowser } from '../support/parley-and-browser';

const running = useParleyAndBrowser();

/** Each other console language, with its "Sign out" (shared/locales/<language>/console.json): the switch is done once it shows. */
const SIGN_OUT_IN = [
  ['es', 'Cerrar sesión'], ['ru', 'Выйти'], ['be', 'Выйсці'], ['uk', 'Вийти'], ['de', 'Abmelden'],
  ['fr', 'Se déconnecter'], ['pt', 'Sair'], ['zh', '退出登录'], ['ar', 'تسجيل الخروج'],
] as const;

/** How many rows the bar's items sit on: items whose vertical centres are within 8 px share one. */
async function topBarRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const items = Array.from(document.querySelectorAll('.topbar > *, .topbar__tools > *')).filter(
      (el) => !el.classList.contains('topbar__tools') && (el as HTMLElement).offsetParent !== null,
    );
    const centres = items.map((el) => {
      const box = el.getBoundingClientRect();
      return box.top + box.height / 2;
    });
    const rows: number[] = [];
    for (const centre of centres) if (!rows.some((row) => Math.abs(row - centre) < 8)) rows.push(centre);
    return rows.length;
  });
}

test('the top bar is one row at 1280 px in every language, and its tools keep their names', async () => {
  const context = await running.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const agent = new AgentConsolePage(await context.newPage());
  await agent.signIn(running.parley.url, running.parley.admin);
  const { page } = agent;
  await page.getByTestId('connection-status').and(page.locator('[data-status="online"]')).waitFor({ timeout: 15_000 });

  await screenshot(page, 'console-top-bar-1280-en');
  expect(await topBarRows(page)).toBe(1);
  // Words hidden to fit are still each tool's accessible name.
  await page.getByRole('button', { name: 'Dark mode' }).waitFor();
  await page.getByRole('combobox', { name: 'Language' }).waitFor();
  await page.getByRole('combobox', { name: 'Status' }).waitFor();

  for (const [language, signOut] of SIGN_OUT_IN) {
    await page.getByTestId('language-select').selectOption(language);
    await page.getByRole('button', { name: signOut, exact: true }).waitFor({ timeout: 10_000 });
    if (language === 'ru') await screenshot(page, 'console-top-bar-1280-ru');
    expect([language, await topBarRows(page)]).toEqual([language, 1]);
  }
  await context.close();
});
