/** Page objects: an admin in the console's knowledge base (editor, reader feedback) and analytics dashboard. */
import type { Locator, Page } from 'playwright-core';

export interface ArticleText {
  title: string;
  summary: string;
  body: string;
}

export class KnowledgeBasePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('kb-nav').click();
    await this.page.getByTestId('kb-articles').waitFor({ state: 'visible' });
  }

  get editor(): Locator {
    return this.page.getByTestId('kb-editor');
  }

  /** Writes a new article in the editor and publishes it; resolves once the editor says it is published. */
  async writeAndPublish(article: ArticleText): Promise<void> {
    await this.page.getByRole('button', { name: 'New article' }).click();
    await this.editor.getByLabel('Title').fill(article.title);
    await this.editor.getByLabel('Summary').fill(article.summary);
    await this.editor.getByLabel('Article (Markdown)').fill(article.body);
    await this.editor.getByRole('button', { name: 'Save and publish' }).click();
    await this.page.locator('[data-testid="kb-editor-status"][data-status="published"]').waitFor();
  }

  /** The live preview beside the Markdown, as the admin sees it while typing. */
  get preview(): Locator {
    return this.editor.getByRole('region', { name: 'As you type' });
  }

  async openReaderFeedback(): Promise<void> {
    await this.page.getByTestId('kb-section-stats').click();
    await this.page.getByTestId('kb-stats').waitFor({ state: 'visible' });
  }

  /** One reader-feedback tile's figure: helpful, notHelpful, solved, human… */
  feedbackFigure(metric: string): Locator {
    return this.page.locator(`[data-testid="kb-stat"][data-metric="${metric}"] .insight-tile__value`);
  }
}

export class AnalyticsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('analytics-nav').click();
    await this.page.getByTestId('analytics-page').waitFor({ state: 'visible' });
  }

  /** One headline tile: conversations, missed, deflection… */
  kpi(metric: string): Locator {
    return this.page.locator(`[data-testid="analytics-kpi"][data-metric="${metric}"]`);
  }

  kpiValue(metric: string): Locator {
    return this.kpi(metric).locator('.insight-tile__value');
  }

  /** A volume chart (`analytics-chart-day` or `analytics-chart-hour`) with its drawn bars. */
  chart(testId: 'analytics-chart-day' | 'analytics-chart-hour'): Locator {
    return this.page.getByTestId(testId);
  }

  /** The bars chartist drew, with their value, for a chart. */
  async barValues(testId: 'analytics-chart-day' | 'analytics-chart-hour'): Promise<number[]> {
    return this.chart(testId)
      .locator('line.ct-bar')
      .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('ct:value') ?? '0')));
  }
}
