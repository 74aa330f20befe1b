/**
 * A live preview of article Markdown while it is typed. It builds Preact elements, never an
 * HTML string, so nothing typed can become markup or script: text stays text, and only
 * http(s) and mailto links become links. It covers the common syntax; the saved view shows
 * the server's own rendering.
 */
import type { ComponentChildren, JSX } from 'preact';

type Children = ComponentChildren[];

const INLINE = new RegExp(
  [
    '\\\\(?<escaped>[\\\\`*_{}\\[\\]()#+\\-.!~|>])',
    '`(?<code>[^`]+)`',
    '!\\[(?<alt>[^\\]]*)\\]\\((?<src>[^)\\s]+)(?:\\s+"[^"]*")?\\)',
    '\\[(?<label>[^\\]]+)\\]\\((?<href>[^)\\s]+)(?:\\s+"(?<title>[^"]*)")?\\)',
    '<(?<auto>(?:https?:\\/\\/|mailto:)[^>\\s]+)>',
    '\\*\\*(?<strong>[^*]+?)\\*\\*',
    '__(?<strong2>[^_]+?)__',
    '~~(?<strike>[^~]+?)~~',
    '\\*(?<em>[^*\\s][^*]*?)\\*',
    '(?<![\\p{L}\\p{N}])_(?<em2>[^_\\s][^_]*?)_(?![\\p{L}\\p{N}])',
    '(?<bare>https?:\\/\\/[^\\s<]*[^\\s<.,;:!?)\\]\'"])',
    '(?<hardBreak> {2,}\\n|\\\\\\n)',
  ].join('|'),
  'gu',
);

/** Only absolute http(s) and mailto addresses are followed; anything else stays words. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function link(href: string, children: Children, title?: string): JSX.Element | Children {
  const safe = safeHref(href);
  if (!safe) return children;
  return (
    <a href={safe} title={title} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

export function inline(text: string): Children {
  const out: Children = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const g = match.groups ?? {};
    if (match.index > last) out.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    if (g.escaped !== undefined) out.push(g.escaped);
    else if (g.code !== undefined) out.push(<code>{g.code}</code>);
    // Images are not fetched while typing (the address may be anyone's); their description shows instead.
    else if (g.src !== undefined) out.push(<span class="md-image">{`🖼 ${g.alt ?? ''}`}</span>);
    else if (g.href !== undefined) out.push(link(g.href, inline(g.label ?? ''), g.title));
    else if (g.auto !== undefined) out.push(link(g.auto, [g.auto]));
    else if (g.strong !== undefined || g.strong2 !== undefined)
      out.push(<strong>{inline(g.strong ?? g.strong2 ?? '')}</strong>);
    else if (g.strike !== undefined) out.push(<s>{inline(g.strike)}</s>);
    else if (g.em !== undefined || g.em2 !== undefined) out.push(<em>{inline(g.em ?? g.em2 ?? '')}</em>);
    else if (g.bare !== undefined) out.push(link(g.bare, [g.bare]));
    else if (g.hardBreak !== undefined) out.push(<br />);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const FENCE = /^ {0,3}(```|~~~)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?/;
const BULLET = /^ {0,3}[-*+]\s+/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)]\s+/;
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

const startsBlock = (line: string) =>
  FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line) || NUMBERED.test(line);

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function table(lines: string[], at: number): { node: JSX.Element; next: number } {
  const head = cells(lines[at] ?? '');
  const rows: string[][] = [];
  let i = at + 2;
  while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim()) rows.push(cells(lines[i++] ?? ''));
  const node = (
    <table>
      <thead>
        <tr>
          {head.map((cell, n) => (
            <th key={n}>{inline(cell)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {head.map((_, n) => (
              <td key={n}>{inline(row[n] ?? '')}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return { node, next: i };
}

function list(lines: string[], at: number, ordered: boolean): { node: JSX.Element; next: number } {
  const marker = ordered ? NUMBERED : BULLET;
  const items: string[] = [];
  let i = at;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (marker.test(line)) items.push(line.replace(marker, ''));
    else if (line.trim() && /^\s+/.test(line) && items.length) items[items.length - 1] += `\n${line.trim()}`;
    else break;
    i++;
  }
  const children = items.map((item, n) => <li key={n}>{inline(item)}</li>);
  const start = ordered ? Number(NUMBERED.exec(lines[at] ?? '')?.[1] ?? 1) : 1;
  return { node: ordered ? <ol start={start === 1 ? undefined : start}>{children}</ol> : <ul>{children}</ul>, next: i };
}

export function blocks(source: string): JSX.Element[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: JSX.Element[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    const heading = HEADING.exec(line);
    if (!line.trim()) {
      i++;
    } else if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```')) body.push(lines[i++] ?? '');
      i++;
      out.push(
        <pre>
          <code>{body.join('\n')}</code>
        </pre>,
      );
    } else if (heading) {
      // The help centre gives the title the page's h1, so the body's headings start at h2.
      const Tag = `h${Math.max(2, heading[1]?.length ?? 2)}` as 'h2';
      out.push(<Tag>{inline(heading[2] ?? '')}</Tag>);
      i++;
    } else if (RULE.test(line)) {
      out.push(<hr />);
      i++;
    } else if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) quoted.push((lines[i++] ?? '').replace(QUOTE, ''));
      out.push(<blockquote>{blocks(quoted.join('\n'))}</blockquote>);
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      const made = list(lines, i, NUMBERED.test(line));
      out.push(made.node);
      i = made.next;
    } else if (line.includes('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const made = table(lines, i);
      out.push(made.node);
      i = made.next;
    } else {
      const paragraph: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim() && (paragraph.length === 0 || !startsBlock(lines[i] ?? '')))
        paragraph.push(lines[i++] ?? '');
      out.push(<p>{inline(paragraph.join('\n'))}</p>);
    }
  }
  return out;
}

export function MarkdownPreview({ source, label }: { source: string; label: string }) {
  return (
    <div class="kb-article-body md-preview" aria-label={label} role="region" data-testid="kb-live-preview" dir="auto">
      {blocks(source)}
    </div>
  );
}
