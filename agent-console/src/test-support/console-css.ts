/** The console's stylesheet for jsdom tests, which lay nothing out but do cascade rules into computed styles. */
import fs from 'node:fs';
import path from 'node:path';

const STYLES = path.join(__dirname, '../styles');

/** console.css with its @imports in place, as the bundler inlines it. */
export function consoleCss(): string {
  return fs
    .readFileSync(path.join(STYLES, 'console.css'), 'utf8')
    .replace(/@import '\.\/([\w-]+\.css)';/g, (_, file: string) =>
      fs.readFileSync(path.join(STYLES, file), 'utf8'),
    );
}

/**
 * The text with each `@media … {…}` block whose query list has `query` in it (`@media (max-width: 480px),
 * (max-height: 500px)` for either) unwrapped where it stands.
 */
function unwrapMedia(css: string, query: string): string {
  const block = /@media ([^{]+) \{/g;
  let out = css;
  let unwrapped = 0;
  for (let match = block.exec(out); match; match = block.exec(out)) {
    if (!match[1]!.split(',').some((listed) => listed.trim() === query)) continue;
    const at = match.index;
    const opening = match[0];
    let depth = 1;
    let end = at + opening.length;
    for (; depth > 0 && end < out.length; end += 1) {
      if (out[end] === '{') depth += 1;
      else if (out[end] === '}') depth -= 1;
    }
    // `end` is just past the block's closing brace; keep what is between the braces.
    out = out.slice(0, at) + out.slice(at + opening.length, end - 1) + out.slice(end);
    block.lastIndex = at;
    unwrapped += 1;
  }
  if (unwrapped === 0) throw new Error(`no @media ${query} block`);
  return out;
}

/**
 * Adds the stylesheet to the document, with the `@media <query>` blocks applied as if the screen
 * matched them, in their place in the cascade (jsdom evaluates no media queries). Returns its removal.
 */
export function applyConsoleCss(mediaQuery?: string): () => void {
  const style = document.createElement('style');
  style.textContent = mediaQuery ? unwrapMedia(consoleCss(), mediaQuery) : consoleCss();
  document.head.append(style);
  return () => style.remove();
}
