/** Article Markdown to safe HTML: no raw HTML, http(s)/mailto links only, rel="noopener nofollow" on every link. */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// html: false prints any HTML in the Markdown as text; markdown-it also refuses javascript:, vbscript:, file: links.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** A second, independent line: whatever the Markdown renderer lets through, only this survives. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    code: ['class'],
  },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page has its own h1 (the article title).
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener nofollow' } }),
  },
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

export function renderArticleMarkdown(source: string): string {
  return sanitizeArticleHtml(markdown.render(source));
}

/** Rendered HTML by article version; losing it costs only a re-render, so it may live in memory. */
export function createArticleHtmlCache(maxEntries = 500) {
  const cache = new Map<string, string>();
  return (article: { id: string; updatedAt: string; bodyMarkdown: string }): string => {
    const key = `${article.id}@${article.updatedAt}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const html = renderArticleMarkdown(article.bodyMarkdown);
    cache.set(key, html);
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return html;
  };
}
