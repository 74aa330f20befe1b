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

  // The loader carries no test ids (its 2 KB go to behaviour): CSS locators pierce its open shadow
  // root, and the bubble is the launcher's only button, the frame its only iframe.
  get bubble(): Locator {
    return this.page.locator('parley-widget button.b');
  }

  get panel(): FrameLocator {
    return this.page.frameLocator('parley-widget iframe.f');
  }

  /** The iframe element itself, on the host page (inside the launcher's shadow root). */
  get frame(): Locator {
    return this.page.locator('parley-widget iframe.f');
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

  messages(author?: 'visitor' | 'agent' | 'system'): Locator {
    const all = this.panel.getByTestId('message');
    return author ? this.panel.locator(`[data-testid="message"][data-author="${author}"]`) : all;
  }

  /** The text of each message (without author, time or status), top to bottom. */
  async messageTexts(author?: 'visitor' | 'agent'): Promise<string[]> {
    return this.messages(author).evaluateAll((items) =>
      items.map((item) => item.querySelector('p')?.textContent?.trim() ?? ''),
    );
  }

  /** Types into the composer without sending, as a visitor still writing their question. */
  async typeQuestion(text: string): Promise<void> {
    await this.composer.click();
    await this.composer.pressSequentially(text);
    // Keys typed into the frame can be dropped under load (see typeIntoComposer), and a CI rehearsal
    // waited 30 s for suggestions to a question the box never held: then it is typed the sure way.
    if ((await this.composer.inputValue()) !== text) await this.typeIntoComposer(text);
  }

  /** An article the panel suggests for what is typed (or offers first), by its title. */
  suggestedArticle(title: string): Locator {
    return this.panel.getByTestId('kb-suggestions').getByRole('button', { name: title });
  }

  /** The article the panel offers when a first message is sent that an article answers well. */
  offeredArticle(title: string): Locator {
    return this.panel.getByTestId('kb-offer').getByRole('button', { name: title });
  }

  /** The article read inside the panel. */
  get articleDialog(): Locator {
    return this.panel.getByTestId('kb-article');
  }

  /** In an open article: "Was this helpful? Yes", then "This solved it"; resolves once the panel thanked. */
  async markArticleHelpfulAndSolved(): Promise<void> {
    await this.articleDialog.getByRole('button', { name: 'Yes' }).click();
    await this.articleDialog.getByText('Thanks for your feedback!').waitFor();
    await this.articleDialog.getByRole('button', { name: 'This solved it' }).click();
    await this.panel.getByText('Glad that helped! Write to us any time.').waitFor();
  }

  /** The chat menu's "Forget me", and the question that takes the menu's place. */
  async askToForgetMe(): Promise<Locator> {
    await this.panel.getByTestId('menu-button').click();
    await this.panel.getByTestId('chat-menu').getByRole('button', { name: 'Forget me' }).click();
    const question = this.panel.getByRole('alertdialog', { name: 'Erase this chat and your details for good?' });
    await question.waitFor({ state: 'visible' });
    return question;
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.bubble.waitFor({ state: 'visible' });
  }

  async open(): Promise<void> {
    await this.bubble.click();
    await this.composer.waitFor({ state: 'visible' });
  }

  /** Types the text and presses Enter; resolves once the panel took it (the composer is empty again). */
  async send(text: string): Promise<void> {
    await this.typeIntoComposer(text);
    await this.composer.press('Enter');
    if (await this.composerEmptiesWithin(3_000)) return;
    // The key press was dropped like the text can be (see typeIntoComposer): the send button then.
    await this.panel.locator('.composer__send').click();
    if (!(await this.composerEmptiesWithin(10_000))) {
      throw new Error('the panel did not take the message: the composer still holds it');
    }
  }

  /**
   * Right after the panel opens, and under CPU load, Chromium sometimes drops the text Playwright
   * types into the frame (no input event at all, so the panel's next render empties the box); a CI
   * run saw it drop every attempt for 8 s. Type as a person would first; if the text does not stay,
   * set it the way a paste does (the value and an input event), which does not depend on keyboard focus.
   */
  private async typeIntoComposer(text: string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await this.composer.click();
      await this.composer.fill(text);
      await new Promise((resolve) => setTimeout(resolve, 50));
      if ((await this.composer.inputValue()) === text) return;
    }
    await this.composer.evaluate((box, value) => {
      const textarea = box as HTMLTextAreaElement;
      textarea.value = value;
      textarea.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: value }));
    }, text);
    const held = await this.composer.inputValue();
    if (held !== text) {
      const shown = await this.panel.locator('body').innerText();
      throw new Error(`the composer would not take "${text}" (it holds "${held}"); the panel shows:\n${shown}`);
    }
  }

  private async composerEmptiesWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.composer.inputValue()) !== '') {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  }
}
