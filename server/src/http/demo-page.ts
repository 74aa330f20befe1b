/** The demo host page: a plain page carrying the snippet exactly as a site owner pastes it. */
const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function snippetFor(publicUrl: string, siteKey: string): string {
  return `<script async src="${escapeHtml(publicUrl)}/widget.js" data-site="${escapeHtml(siteKey)}"></script>`;
}

export function renderDemoPage({ publicUrl, siteKey }: { publicUrl: string; siteKey: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley demo shop</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7f7f2; }
  header { background: #243b53; color: #fff; padding: 24px 40px; }
  main { max-width: 760px; margin: 32px auto; padding: 0 24px; line-height: 1.6; }
  code { background: #e4e7eb; padding: 2px 6px; border-radius: 4px; word-break: break-all; }
</style>
</head>
<body>
<header><h1>Acme Tea Shop</h1><p>A demo page with the Parley widget.</p></header>
<main>
  <h2>Need help choosing a tea?</h2>
  <p>Open the chat bubble in the bottom-right corner and write to us. Agents answer from
  the <a href="/console/">Parley console</a>.</p>
  <p>This page carries exactly the snippet a site owner pastes:</p>
  <p><code>${escapeHtml(snippetFor(publicUrl, siteKey))}</code></p>
</main>
${snippetFor(publicUrl, siteKey)}
</body>
</html>`;
}
