/** The console's sections: live chats, tickets, and administration (the team and the site). */
import type { Route } from '../state/navigation.store';
import { hrefOf } from '../state/navigation.store';
import { useConsole, useLive, useT } from '../state/console-context';
import { InsightNavLinks } from './insight-nav-links';

function NavLink(props: { route: Route; current: boolean; label: string; testId: string; count?: number }) {
  const { navigation } = useConsole();
  return (
    <a
      class="main-nav__link"
      href={hrefOf(props.route)}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        navigation.go(props.route);
      }}
      data-testid={props.testId}
    >
      {props.label}
      {props.count ? <span class="badge badge--small">{props.count}</span> : null}
    </a>
  );
}

export function MainNav() {
  const { navigation, session } = useConsole();
  const live = useLive();
  const t = useT();
  const route = navigation.route.value;
  const waiting = live.conversations.queued.value.length;
  const isAdmin = session.agent.value?.role === 'admin';
  return (
    <nav class="main-nav" aria-label={t('nav.label')}>
      <NavLink
        route={{ name: 'chats' }}
        current={route.name === 'chats'}
        label={t('nav.chats')}
        testId="chats-nav"
        count={waiting}
      />
      <NavLink
        route={{ name: 'tickets' }}
        current={route.name === 'tickets' || route.name === 'ticket'}
        label={t('nav.tickets')}
        testId="tickets-nav"
      />
      <InsightNavLinks route={route} Link={NavLink} />
      <NavLink
        route={{ name: 'admin', section: null }}
        current={route.name === 'admin'}
        label={isAdmin ? t('nav.admin') : t('nav.team')}
        testId="admin-nav"
      />
    </nav>
  );
}
