/** Page object: a visitor on a host page carrying the Parley snippet. */
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** The panel's accessible names the page object finds things by; English unless told otherwise. */
export interface VisitorPanelLabels {
  composer: string;
  close: string;
}

const ENGLISH_LABELS: VisitorPanelLabels = { composer: 'Type your message', close: 'Close chat' };

export class VisitorWidgetPage {
  readonly labels: VisitorPanelLabels;

  constructor(
    readonly page: Page,
    labels: Partial<VisitorPanelLabels> = {},
  ) {
    this.labels = { ...ENGLISH_LABELS, ...labels };
  }

  get bubble(): Locator {
    return this.page.getByTestId('parley-bubble');
  }

  get panel(): FrameLocator {
    return this.page.frameLocator('[data-testid="parley-frame"]');
  }

  /** The iframe element itself, on the host page (inside the launcher's shadow root). */
  get frame(): Locator {
    return this.page.getByTestId('parley-frame');
  }

  get composer(): Locator {
    return this.panel.getByRole('textbox', { name: this.labels.composer });
  }

  get closeButton(): Locator {
    return this.panel.getByRole('button', { name: this.labels.close });
  }

  get connectionNotice(): Locator {
    return this.panel.getByTestId('connection-notice');
  }

  messages(author?: 'visitor' | 'agent'): Locator {
    const all = this.panel.getByTestId('message');
    return author ? this.panel.locator(`[data-testid="message"][data-author="${author}"]`) : all;
  }

  /** The text of each message (without author, time or status), top to bottom. */
  async messageTexts(author?: 'visitor' | 'agent'): Promise<string[]> {
    return this.messages(author).evaluateAll((items) =>
      items.map((item) => item.querySelector('p')?.textContent?.trim() ?? ''),
    );
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
