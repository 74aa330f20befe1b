/** The HTML side of an e-mail: escaping, links, and one small inline-styled layout mail clients render alike. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

const withLineBreaks = (escaped: string): string => escaped.replace(/\r?\n/g, '<br>');

/** Only web links become anchors; anything else (javascript:, data:) stays visible text. */
function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const LINK_STYLE = 'color:#0b5fcc;text-decoration:underline;word-break:break-all;';

/** One interpolated value as HTML: escaped, line breaks kept, a web link made clickable. */
export function valueToHtml(value: string, options: { asLink: boolean }): string {
  if (options.asLink && isWebLink(value)) {
    return `<a href="${escapeHtml(value)}" style="${LINK_STYLE}">${escapeHtml(value)}</a>`;
  }
  return withLineBreaks(escapeHtml(value));
}

export type HtmlBlock =
  | { kind: 'paragraph'; html: string }
  | { kind: 'quote'; html: string };

export interface HtmlLayout {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Already escaped. */
  titleHtml: string;
  blocks: HtmlBlock[];
  /** Already escaped; shown small, under the card. */
  footerHtml: string | null;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function blockHtml(block: HtmlBlock, dir: 'ltr' | 'rtl'): string {
  if (block.kind === 'paragraph') return `<p style="margin:0 0 16px 0;">${block.html}</p>`;
  // Mail clients ignore logical properties, so the rule goes on the side the text starts from.
  const rule = dir === 'rtl' ? 'border-right:3px solid #d0d7de;' : 'border-left:3px solid #d0d7de;';
  return `<div dir="auto" style="margin:0 0 16px 0;padding:12px 16px;${rule}background:#f6f8fa;border-radius:4px;">${quotedLines(block.html)}</div>`;
}

/**
 * Quoted words (a reply, a transcript) take their own direction, line by line, not the e-mail's:
 * in an Arabic e-mail an English reply would otherwise show its full stop at the start, and a
 * transcript holds lines in both scripts.
 */
function quotedLines(html: string): string {
  const lines = html.split('<br>');
  if (lines.length === 1) return html;
  return lines.map((line) => `<div dir="auto">${line === '' ? '<br>' : line}</div>`).join('');
}

export function renderHtmlLayout(layout: HtmlLayout): string {
  const align = layout.dir === 'rtl' ? 'right' : 'left';
  const footer = layout.footerHtml
    ? `<p style="margin:16px 0 0 0;font-family:${FONT};font-size:12px;line-height:1.5;color:#6e7781;text-align:${align};">${layout.footerHtml}</p>`
    : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(layout.lang)}" dir="${layout.dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${layout.titleHtml}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f5f7;">',
    `<table role="presentation" dir="${layout.dir}" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;">`,
    '<tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid #e3e5e8;border-radius:8px;">',
    `<tr><td style="padding:28px 32px 12px 32px;font-family:${FONT};font-size:15px;line-height:1.55;color:#1f2328;text-align:${align};">`,
    ...layout.blocks.map((block) => blockHtml(block, layout.dir)),
    '</td></tr></table>',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;"><tr><td>${footer}</td></tr></table>`,
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
}
