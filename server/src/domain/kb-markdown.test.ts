/** Article Markdown becomes HTML a visitor's browser can show safely. */
import { createArticleHtmlCache, renderArticleMarkdown, sanitizeArticleHtml } from './kb-markdown';

test('formatting, lists, tables, code and https images survive', () => {
  const html = renderArticleMarkdown(
    '# Title\n\nSome **bold** and *soft* text.\n\n- one\n- two\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```js\nlet x = 1 < 2;\n```\n\n![Logo](https://cdn.example/logo.png)',
  );
  expect(html).toContain('<h2>Title</h2>');
  expect(html).toContain('<strong>bold</strong>');
  expect(html).toContain('<li>one</li>');
  expect(html).toContain('<td style="text-align:left">1</td>');
  expect(html).toContain('<code class="language-js">let x = 1 &lt; 2;');
  expect(html).toContain('<img src="https://cdn.example/logo.png" alt="Logo" />');
});

test('raw HTML is shown as text, never run', () => {
  const html = renderArticleMarkdown('<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> <iframe src="https://evil.example"></iframe>');
  expect(html).not.toMatch(/<script|<img|<iframe/i);
  expect(html).not.toMatch(/<[^>]*\son\w+=/i);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('javascript:, data: and vbscript: links lose their target; others get rel="noopener nofollow"', () => {
  const html = renderArticleMarkdown(
    '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=) [d](vbscript:x) ' +
      '![e](javascript:alert(1)) [ok](https://example.com/help "Help") [mail](mailto:help@example.com) <https://auto.example>',
  );
  // Every href and src that is left is http(s) or mailto; the refused links stay as plain text.
  expect([...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]?.split(':')[0])).toEqual(['https', 'mailto', 'https']);
  expect(html).not.toMatch(/<a[^>]*href="(?:javascript|vbscript|data):/i);
  expect(html).toContain('<a href="https://example.com/help" title="Help" rel="noopener nofollow">ok</a>');
  expect(html).toContain('<a href="mailto:help@example.com" rel="noopener nofollow">mail</a>');
  expect(html).toContain('<a href="https://auto.example" rel="noopener nofollow">https://auto.example</a>');
});

test('the sanitiser alone would stop what a renderer let through', () => {
  const html = sanitizeArticleHtml(
    '<h1 onclick="x()">T</h1><script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">a</a>' +
      '<a href="https://ok.example" target="_blank">b</a><p style="position:fixed">c</p><iframe src="https://evil.example"></iframe>',
  );
  expect(html).toBe('<h2>T</h2><img src="x" /><a rel="noopener nofollow">a</a><a href="https://ok.example" rel="noopener nofollow">b</a><p>c</p>');
});

test('the cache renders each article version once', () => {
  const render = createArticleHtmlCache(2);
  const article = { id: 'a1', updatedAt: '2030-01-01T00:00:00.000Z', bodyMarkdown: 'one' };
  const first = render(article);
  expect(render({ ...article, bodyMarkdown: 'ignored: same version' })).toBe(first);
  expect(render({ ...article, updatedAt: '2030-01-02T00:00:00.000Z', bodyMarkdown: 'two' })).toContain('two');
});
