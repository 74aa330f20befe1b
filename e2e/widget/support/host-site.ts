/**
 * A customer's website for the widget tests: a tiny static HTTP server on 127.0.0.1, on its own
 * port, so the snippet runs cross-origin from the Parley server exactly as on a real site.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostFile {
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

export interface HostSite {
  /** `http://127.0.0.1:<port>`, or `http://localhost:<port>` when asked for: another site, not just another origin. */
  origin: string;
  url(path: string): string;
  /** Paths asked for, in order (to tell that a page really was served by this site). */
  requests: string[];
  stop(): Promise<void>;
}

export async function startHostSite(
  files: Record<string, HostFile>,
  options: { hostname?: '127.0.0.1' | 'localhost' } = {},
): Promise<HostSite> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://host.invalid').pathname;
    requests.push(pathname);
    // Every browser asks for one; an empty icon keeps 404s out of the console the tests read.
    const file =
      files[pathname] ?? (pathname === '/favicon.ico' ? { body: '', type: 'image/x-icon' } : undefined);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res
      .writeHead(200, {
        'content-type': file.type ?? 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...file.headers,
      })
      .end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${options.hostname ?? '127.0.0.1'}:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const escapeAttribute = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain, accessible shop page carrying the snippet exactly as a site owner pastes it. */
export function hostPageHtml(options: {
  parleyUrl: string;
  siteKey: string;
  title?: string;
  /** Extra markup at the end of <head> (stylesheets, scripts of the host). */
  head?: string;
  /** Extra markup at the start of <body>. */
  body?: string;
  /** Attributes of <html>; `lang="en"` unless told. */
  htmlAttributes?: string;
  /** Extra attributes on the snippet's <script> tag, e.g. `data-locale="ar"`. */
  snippetAttributes?: string;
}): string {
  const title = options.title ?? 'Acme Tea Shop';
  return `<!doctype html>
<html ${options.htmlAttributes ?? 'lang="en"'}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttribute(title)}</title>
${options.head ?? ''}
</head>
<body>
${options.body ?? ''}
<header><h1>${escapeAttribute(title)}</h1></header>
<main>
  <h2>Need help choosing a tea?</h2>
  <p>Write to us from the chat bubble in the corner.</p>
</main>
<script async src="${escapeAttribute(options.parleyUrl)}/widget.js" data-site="${escapeAttribute(options.siteKey)}" ${options.snippetAttributes ?? ''}></script>
</body>
</html>`;
}
