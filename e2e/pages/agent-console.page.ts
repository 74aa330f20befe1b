/** Page object: an agent in the Parley console. */
import type { Locator, Page } from 'playwright-core';

export class AgentConsolePage {
  constructor(readonly page: Page) {}

  async signIn(baseUrl: string, credentials: { email: string; password: string }): Promise<void> {
    await this.enterPassword(baseUrl, credentials);
    await this.page.getByTestId('conversation-list').waitFor({ state: 'visible' });
  }

  /** The password step only (two-step sign-in then asks for a code). */
  async enterPassword(baseUrl: string, credentials: { email: string; password: string }): Promise<void> {
    await this.page.goto(`${baseUrl}/console/`);
    await this.page.getByLabel('E-mail').fill(credentials.email);
    await this.page.getByLabel('Password').fill(credentials.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async enterCode(code: string): Promise<void> {
    await this.page.getByLabel('Code').fill(code);
    await this.page.getByRole('button', { name: 'Verify' }).click();
  }

  async openAccount(): Promise<void> {
    await this.page.getByTestId('agent-name').click();
    await this.page.getByRole('heading', { name: 'Your account' }).waitFor({ state: 'visible' });
  }

  get twoFactor(): Locator {
    return this.page.getByTestId('two-factor-settings');
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByLabel('E-mail').waitFor({ state: 'visible' });
  }

  /** A conversation in the sidebar whose preview or name mentions the text. */
  conversation(text: string): Locator {
    return this.page.getByTestId('conversation-list').locator('[data-testid$="-item"]', { hasText: text });
  }

  get openChat(): Locator {
    // In the tabs layout only the active chat's panel is visible.
    return this.page.getByTestId('chat-panel').filter({ visible: true }).first();
  }

  get replyBox(): Locator {
    return this.openChat.getByRole('textbox', { name: 'Type your reply' });
  }

  messages(author?: 'visitor' | 'agent' | 'system'): Locator {
    return author
      ? this.openChat.locator(`[data-testid="message"][data-author="${author}"]`)
      : this.openChat.getByTestId('message');
  }

  /** The site settings page (admins). */
  async openSiteSettings(): Promise<void> {
    await this.page.getByTestId('admin-nav').click();
    await this.page.getByTestId('admin-nav-settings').click();
    await this.page.getByTestId('site-settings').waitFor({ state: 'visible' });
  }

  /** In the site settings: offers exactly these languages (by their own names) with this default, and saves. */
  async setSiteLanguages(offered: readonly string[], defaultLanguage: string): Promise<void> {
    const section = this.page.getByTestId('settings-languages');
    const boxes = section.getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i += 1) {
      const box = boxes.nth(i);
      const name = (await box.locator('xpath=..').innerText()).trim();
      await box.setChecked(offered.includes(name));
    }
    await section.getByRole('combobox', { name: 'Default language' }).selectOption({ label: defaultLanguage });
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  }

  /** Unfolds the open chat's visitor details; resolves once they are loaded. */
  async visitorDetails(): Promise<Locator> {
    const details = this.openChat.getByTestId('visitor-details');
    await details.locator('summary').click();
    await details.getByTestId('visitor-identity').waitFor({ state: 'visible' });
    return details;
  }

  /** Administration, Contact data (admins). */
  async openContactData(): Promise<Locator> {
    await this.page.getByTestId('admin-nav').click();
    await this.page.getByTestId('admin-nav-privacy').click();
    const section = this.page.getByTestId('privacy-admin');
    await section.waitFor({ state: 'visible' });
    return section;
  }

  /** In Contact data: finds a contact by e-mail and resolves with what is stored about them. */
  async findContactByEmail(email: string): Promise<Locator> {
    const section = this.page.getByTestId('privacy-admin');
    await section.getByTestId('privacy-lookup-value').fill(email);
    await section.getByRole('button', { name: 'Find' }).click();
    const summary = section.getByTestId('privacy-summary');
    await summary.waitFor({ state: 'visible' });
    return summary;
  }

  async reply(text: string): Promise<void> {
    await this.replyBox.fill(text);
    await this.replyBox.press('Enter');
  }
}
