/**
 * Which screen the console shows (chats, tickets, one ticket, administration), kept in the
 * URL's hash so a reload, a bookmark and the back button all land on the same screen.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
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
  /**
   * Shows `route`; while a form holds unsaved work, only once the agent confirms leaving
   * (`leaving` holds the route meanwhile). `discardUnsaved` is for callers whose work was just
   * saved or deliberately thrown away.
   */
  go(route: Route, options?: { discardUnsaved?: boolean }): void;
  /** A form with unsaved changes calls this while it has them; the returned function lets go. */
  holdUnsaved(): () => void;
  hasUnsaved: ReadonlySignal<boolean>;
  /** The route the agent asked for while work was unsaved, awaiting their answer. */
  leaving: ReadonlySignal<Route | null>;
  confirmLeave(): void;
  stay(): void;
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
  const holds = signal(0);
  const hasUnsaved = computed(() => holds.value > 0);
  const leaving = signal<Route | null>(null);

  function show(next: Route) {
    leaving.value = null;
    route.value = next;
    const href = hrefOf(next);
    // Setting the hash adds a history entry; hashchange then confirms the same route.
    if (win.location.hash !== href) win.location.hash = href;
  }

  // Back, Forward or a typed address have already changed the URL: put the current screen's
  // address back (without another hashchange) and ask, as a click on a link would.
  const follow = () => {
    const next = parseRoute(win.location.hash);
    if (hrefOf(next) === hrefOf(route.value)) return;
    if (!hasUnsaved.value) {
      route.value = next;
      return;
    }
    win.history.pushState(null, '', hrefOf(route.value));
    leaving.value = next;
  };
  win.addEventListener('hashchange', follow);

  // Only while something is unsaved, so a clean console never makes the browser ask on reload.
  const warnOnUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    event.returnValue = '';
  };
  const stopWarning = effect(() => {
    if (!hasUnsaved.value) return;
    win.addEventListener('beforeunload', warnOnUnload);
    return () => win.removeEventListener('beforeunload', warnOnUnload);
  });

  return {
    route,
    hasUnsaved,
    leaving,
    go(next, options) {
      if (hasUnsaved.value && !options?.discardUnsaved && hrefOf(next) !== hrefOf(route.value)) {
        leaving.value = next;
        return;
      }
      show(next);
    },
    holdUnsaved() {
      holds.value += 1;
      let held = true;
      return () => {
        if (held) holds.value -= 1;
        held = false;
      };
    },
    confirmLeave() {
      const next = leaving.peek();
      if (next) show(next);
    },
    stay() {
      leaving.value = null;
    },
    dispose() {
      win.removeEventListener('hashchange', follow);
      stopWarning();
    },
  };
}
