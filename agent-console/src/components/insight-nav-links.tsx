/** The top bar's links to the knowledge base and analytics, drawn with the main navigation's own link. */
import type { ComponentType } from 'preact';
import { useInsightT } from '../i18n/use-insight-t';
import type { Route } from '../state/navigation.store';

interface LinkProps {
  route: Route;
  current: boolean;
  label: string;
  testId: string;
}

export function InsightNavLinks({ route, Link }: { route: Route; Link: ComponentType<LinkProps> }) {
  const t = useInsightT();
  return (
    <>
      <Link
        route={{ name: 'kb', view: { section: 'articles' } }}
        current={route.name === 'kb'}
        label={t('nav.kb')}
        testId="kb-nav"
      />
      <Link
        route={{ name: 'analytics' }}
        current={route.name === 'analytics'}
        label={t('nav.analytics')}
        testId="analytics-nav"
      />
    </>
  );
}
