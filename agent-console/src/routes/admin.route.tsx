/**
 * Administration: the team, departments, the site's settings, the snippet, canned replies, and
 * (admins only) API tokens and webhooks.
 * Agents who are not admins see the team and departments read-only and keep their own canned replies.
 */
import type { Site } from '@parley/shared';
import type { JSX } from 'preact';
import { AgentsAdmin } from '../components/admin/agents-admin';
import { ApiTokensAdmin } from '../components/admin/api-tokens-admin';
import { CannedRepliesAdmin } from '../components/admin/canned-replies-admin';
import { DepartmentsAdmin } from '../components/admin/departments-admin';
import { SiteSettingsAdmin } from '../components/admin/site-settings-admin';
import { SnippetAdmin } from '../components/admin/snippet-admin';
import { useSite, type SiteState } from '../components/admin/use-site';
import { WebhooksAdmin } from '../components/admin/webhooks-admin';
import { PrivacyAdmin } from '../components/admin/privacy-admin';
import { useConsole, useT } from '../state/console-context';
import { ADMIN_SECTIONS, hrefOf, type AdminSection } from '../state/navigation.store';

const ADMIN_ONLY: readonly AdminSection[] = ['settings', 'snippet', 'api-tokens', 'webhooks', 'privacy'];

function SiteBound({
  site,
  render,
}: {
  site: SiteState;
  render(loaded: { site: Site; snippet: string; identitySecret: string | null }): JSX.Element;
}) {
  const t = useT();
  if (site.state === 'failed') {
    return (
      <p class="form-error" role="alert">
        {t('admin.loadFailed')}{' '}
        <button type="button" class="button button--small" onClick={site.reload}>
          {t('chat.retry')}
        </button>
      </p>
    );
  }
  if (!site.site || site.snippet === null) return <p class="tickets__state">{t('app.loading')}</p>;
  return render({ site: site.site, snippet: site.snippet, identitySecret: site.identitySecret });
}

function SiteSections({ section }: { section: 'settings' | 'snippet' }) {
  const site = useSite();
  return (
    <SiteBound
      site={site}
      render={(loaded) =>
        section === 'settings' ? (
          <SiteSettingsAdmin site={loaded.site} save={site.save} saveSite={site.saveSite} />
        ) : (
          <SnippetAdmin snippet={loaded.snippet} siteKey={loaded.site.key} identitySecret={loaded.identitySecret} />
        )
      }
    />
  );
}

export function AdminRoute({ section }: { section: AdminSection | null }) {
  const { navigation, session } = useConsole();
  const t = useT();
  const isAdmin = session.agent.value?.role === 'admin';
  const sections = ADMIN_SECTIONS.filter((s) => isAdmin || !ADMIN_ONLY.includes(s));
  const current = section && sections.includes(section) ? section : 'agents';

  return (
    <div class="admin">
      <nav class="admin__nav" aria-label={isAdmin ? t('nav.admin') : t('nav.team')}>
        {sections.map((s) => (
          <a
            key={s}
            href={hrefOf({ name: 'admin', section: s })}
            class="admin__nav-link"
            aria-current={s === current ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigation.go({ name: 'admin', section: s });
            }}
            data-testid={`admin-nav-${s}`}
          >
            {t(`admin.sections.${s}`)}
          </a>
        ))}
      </nav>
      <main class="admin__content" data-testid="admin-page" data-section={current}>
        {current === 'agents' && <AgentsAdmin />}
        {current === 'departments' && <DepartmentsAdmin />}
        {(current === 'settings' || current === 'snippet') && (
          <SiteSections key={current} section={current} />
        )}
        {current === 'canned' && <CannedRepliesAdmin />}
        {current === 'api-tokens' && <ApiTokensAdmin />}
        {current === 'webhooks' && <WebhooksAdmin />}
        {current === 'privacy' && <PrivacyAdmin />}
      </main>
    </div>
  );
}
