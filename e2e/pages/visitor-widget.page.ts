/** Page object: a visitor on a host page carrying the Parley snippet. */
import type { FrameLocator, Locator, Page } from 'playwright-core';

export class VisitorWidgetPage {
  constructor(readonly page: Page) {}

  get bubble(): Locator {
    return this.page.getByTestId('parley-bubble');
  }

  get panel(): FrameLocator {
    return this.page.frameLocator('[data-testid="parley-frame"]');
  }

  get composer(): Locator {
    return this.panel.getByRole('textbox', { name: 'Type your message' });
  }

  messages(author?: 'visitor' | 'agent'): Locator {
    const all = this.panel.getByTestId('message');
    return author ? this.panel.locator(`[data-testid="message"][data-author="${author}"]`) : all;
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.bubble.waitFor({ state: 'visible' });
  }

  async open(): Promise<void> {
    await this.bubble.click();
    await this.composer.waitFor({ state: 'visible' });
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }
}
