/** The console's stylesheet for jsdom tests, which lay nothing out but do cascade rules into computed styles. */
import fs from 'node:fs';
import path from 'node:path';

const STYLES = path.join(__dirname, '../styles');

/** console.css with its @imports in place, as the bundler inlines it. */
export function consoleCss(): string {
  return fs
    .readFileSync(path.join(STYLES, 'console.css'), 'utf8')
    .replace(/@import '\.\/([\w-]+\.css)';/g, (_, file: string) => fs.readFileSync(path.join(STYLES, file), 'utf8'));
}

/**
 * Adds the stylesheet to the document, with the rules of the media queries matching `mediaText`
 * applied as if the screen matched them (jsdom evaluates no media queries). Returns its removal.
 */
export function applyConsoleCss(mediaText?: string): () => void {
  const base = document.createElement('style');
  base.textContent = consoleCss();
  document.head.append(base);
  const added = [base];
  if (mediaText) {
    const matching = [...(base.sheet?.cssRules ?? [])].filter(
      (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.media.mediaText.includes(mediaText),
    );
    if (matching.length === 0) throw new Error(`no @media rule for ${mediaText}`);
    const forced = document.createElement('style');
    forced.textContent = matching.flatMap((rule) => [...rule.cssRules].map((inner) => inner.cssText)).join('\n');
    document.head.append(forced);
    added.push(forced);
  }
  return () => added.forEach((style) => style.remove());
}
