/**
 * Which screen the console shows (chats, tickets, one ticket, administration), kept in the
 * URL's hash so a reload, a bookmark and the back button all land on the same screen.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import { insightHref, parseInsightRoute, type InsightRoute } from './insight-routes';

export const ADMIN_SECTIONS = [
  'agents',
  'departments',
  'settings',
  'snippet',
  'canned',
  'api-tokens',
  'webhooks',
  'privacy',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export type Route =
  | { name: 'chats' }
  | { name: 'tickets' }
  | { name: 'ticket'; ticketId: string }
  | { name: 'admin'; section: AdminSection | null }
  | { name: 'account' }
  /** From the e-mailed link; the token stays in the fragment, which no server sees. */
  | { name: 'reset-password'; token: string }
  | InsightRoute;

export interface NavigationStore {
  route: ReadonlySignal<Route>;
  go(route: Route): void;
  dispose(): void;
}

const isSection = (value: string | undefined): value is AdminSection =>
  (ADMIN_SECTIONS as readonly string[]).includes(value ?? '');

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [first, second] = parts;
  const insight = parseInsightRoute(parts);
  if (insight) return insight;
  if (first === 'tickets') return second ? { name: 'ticket', ticketId: second } : { name: 'tickets' };
  if (first === 'admin') return { name: 'admin', section: isSection(second) ? second : null };
  if (first === 'account') return { name: 'account' };
  if (first === 'reset-password' && second) return { name: 'reset-password', token: second };
  return { name: 'chats' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'chats':
      return '#/chats';
    case 'tickets':
      return '#/tickets';
    case 'ticket':
      return `#/tickets/${encodeURIComponent(route.ticketId)}`;
    case 'admin':
      return route.section ? `#/admin/${route.section}` : '#/admin';
    case 'account':
      return '#/account';
    case 'reset-password':
      return `#/reset-password/${encodeURIComponent(route.token)}`;
    case 'kb':
    case 'analytics':
      return insightHref(route);
  }
}

export function createNavigationStore(win: Window = window): NavigationStore {
  const route = signal<Route>(parseRoute(win.location.hash));
  const follow = () => {
    route.value = parseRoute(win.location.hash);
  };
  win.addEventListener('hashchange', follow);
  return {
    route,
    go(next) {
      route.value = next;
      const href = hrefOf(next);
      // Setting the hash adds a history entry; hashchange then confirms the same route.
      if (win.location.hash !== href) win.location.hash = href;
    },
    dispose: () => win.removeEventListener('hashchange', follow),
  };
}
