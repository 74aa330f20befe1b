/**
 * engine.io-client's URI parser (its contrib/parseuri.js, one long regular expression with helpers,
 * written for platforms without `URL`), done with the browser's `URL`. The build puts this module in
 * its place inside engine.io-client (scripts/build-plugins.ts), which socket.io-client's `io()` calls
 * through too. It returns only the parts those two read; engine-uri-parser.test.ts checks that they
 * make the same of them as of the original's.
 */

export interface UriParts {
  source: string;
  /** Without the colon: `https`, `wss`. */
  protocol: string;
  /** An IPv6 address without its brackets, as the original gives it (the clients add them back). */
  host: string;
  /** Empty when it is the scheme's default (the original keeps a default written out); both clients then use the default. */
  port: string;
  path: string;
  query: string;
  /** The query's values as written, not decoded (as the original). */
  queryKey: Record<string, string>;
}

export function parse(uri: string): UriParts {
  const url = new URL(uri);
  const query = url.search.slice(1);
  const queryKey: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const [name = '', ...value] = pair.split('=');
    if (name) queryKey[name] = value.join('=');
  }
  return {
    source: uri,
    protocol: url.protocol.slice(0, -1),
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port,
    path: url.pathname,
    query,
    queryKey,
  };
}
