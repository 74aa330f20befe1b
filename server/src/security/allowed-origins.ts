/**
 * A site's `allowedOrigins` as Parley enforces them: which pages may open the visitor socket,
 * read the widget config, and frame the panel. An empty list allows any origin. Parley's own
 * origin (the panel lives there) is always allowed.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from '../domain/domain-error';

export interface OriginCheck {
  /** The site's list; empty: any origin. */
  allowedOrigins: readonly string[];
  /** Parley's public origin (PUBLIC_URL). */
  ownOrigin: string;
  headers: IncomingHttpHeaders;
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * The origin a browser says the request comes from. Browsers leave `Origin` off same-origin GETs
 * (long-polling's first request), so `Sec-Fetch-Site: same-origin` stands for our own origin then.
 */
export function requestOrigin(headers: IncomingHttpHeaders, ownOrigin: string): string | null {
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  return headers['sec-fetch-site'] === 'same-origin' ? originOf(ownOrigin) : null;
}

/** Strict: with a list, a request that names no origin is refused too. */
export function originAllowed({ allowedOrigins, ownOrigin, headers }: OriginCheck): boolean {
  if (allowedOrigins.length === 0) return true;
  const origin = requestOrigin(headers, ownOrigin);
  return origin !== null && (origin === originOf(ownOrigin) || allowedOrigins.includes(origin));
}

/** Refuses with FORBIDDEN, naming the origin, when `originAllowed` says no. */
export function assertOriginAllowed(check: OriginCheck): void {
  if (originAllowed(check)) return;
  const origin = typeof check.headers.origin === 'string' ? check.headers.origin : 'a page that names no origin';
  throw new DomainError('FORBIDDEN', `This site does not allow chats from ${origin}.`);
}

/** Lenient, for public reads a same-origin page fetches without `Origin`: refuses only a named foreign origin. */
export function namedOriginRefused({ allowedOrigins, ownOrigin, headers }: OriginCheck): boolean {
  if (allowedOrigins.length === 0 || headers.origin === undefined) return false;
  return !originAllowed({ allowedOrigins, ownOrigin, headers });
}

/** The CSP `frame-ancestors` sources for the panel of a site: its origins and our own, or anyone. */
export function frameAncestorsFor(allowedOrigins: readonly string[] | null): string[] {
  if (!allowedOrigins || allowedOrigins.length === 0) return ['*'];
  // Only exact origins reach the header: nothing that could end the directive or add another.
  return ["'self'", ...allowedOrigins.filter((origin) => originOf(origin) === origin)];
}
