/**
 * What the loader tells the panel through its URL: display options in the query, and the host page
 * in the fragment (never sent to the server). Nothing here is a secret, and nothing is trusted
 * beyond its use: the host origin is only ever a postMessage target and an expected sender.
 */
import type { VisitorContext } from '@parley/shared';

export interface PanelParams {
  siteKey: string;
  locale: string | undefined;
  color: string | undefined;
  /** The host page's origin: the only target of our postMessages, and the only sender we accept. */
  hostOrigin: string | undefined;
  /** Where the visitor is, for agents; undefined when the page is not an http(s) page. */
  pageContext: VisitorContext | undefined;
}

const isHttpUrl = (value: string): boolean => /^https?:\/\//i.test(value);

function httpOrigin(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return isHttpUrl(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** A page of the host as the server takes it: longer values would make it drop the whole context. */
export const pageOf = (url: string, title: string): Pick<VisitorContext, 'pageUrl' | 'pageTitle'> => ({
  pageUrl: url.slice(0, 2000),
  pageTitle: title.slice(0, 300),
});

export function readPanelParams(location: Pick<Location, 'search' | 'hash'>): PanelParams {
  const query = new URLSearchParams(location.search);
  const page = new URLSearchParams(location.hash.replace(/^#/, ''));
  const pageUrl = page.get('page') ?? '';
  const hostOrigin = httpOrigin(pageUrl);
  const referrer = page.get('referrer') ?? '';
  return {
    siteKey: query.get('site') ?? '',
    locale: query.get('locale') || undefined,
    color: query.get('color') || undefined,
    hostOrigin,
    pageContext: hostOrigin
      ? {
          ...pageOf(pageUrl, page.get('title') ?? ''),
          referrer: isHttpUrl(referrer) && referrer.length <= 2000 ? referrer : '',
        }
      : undefined,
  };
}
