/** Page object: an agent in the Parley console. */
import type { Locator, Page } from 'playwright-core';

export class AgentConsolePage {
  constructor(readonly page: Page) {}

  async signIn(baseUrl: string, credentials: { email: string; password: string }): Promise<void> {
    await this.page.goto(`${baseUrl}/console/`);
    await this.page.getByLabel('E-mail').fill(credentials.email);
    await this.page.getByLabel('Password').fill(credentials.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByTestId('conversation-list').waitFor({ state: 'visible' });
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

  messages(author?: 'visitor' | 'agent'): Locator {
    return author
      ? this.openChat.locator(`[data-testid="message"][data-author="${author}"]`)
      : this.openChat.getByTestId('message');
  }

  async reply(text: string): Promise<void> {
    await this.replyBox.fill(text);
    await this.replyBox.press('Enter');
  }
}
