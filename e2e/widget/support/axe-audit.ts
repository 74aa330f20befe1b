/**
 * axe-core in a page or a frame. The source is evaluated through the DevTools protocol rather than
 * added as a <script>, so it runs under the strict CSP of the panel without weakening it for the test.
 */
import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';

export const AXE_VERSION = axe.version;

/** The WCAG 2.0-2.2 level A and AA rules: conformance, as opposed to axe's best-practice rules. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  /** One selector path per offending node (shadow-root hops as array steps). */
  targets: string[];
}

interface AxeResultsLike {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Every rule axe runs by default, unless `tags` narrows them down. Frames are audited one by one. */
export async function axeViolations(
  target: Page | Frame,
  options: { tags?: string[] } = {},
): Promise<AxeFinding[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(axe.source);
  const results = await target.evaluate(
    async ({ tags }) => {
      const inPage = (
        window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }
      ).axe;
      const runOnly = tags ? { runOnly: { type: 'tag', values: tags } } : {};
      return (await inPage.run(document, {
        iframes: false,
        resultTypes: ['violations'],
        ...runOnly,
      })) as AxeResultsLike;
    },
    { tags: options.tags ?? null },
  );
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => JSON.stringify(node.target)),
  }));
}
