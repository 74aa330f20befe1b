/** Who the visitor is and where they are: fetched when the agent unfolds it, live afterwards. */
import type { Conversation } from '@parley/shared';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useConsole, useLive, useT } from '../state/console-context';
import { languageName } from './language-name';
import { safeHref } from './linkified-text';
import { formatMessageTime } from './time-format';
import { VisitorTickets } from './visitor-tickets';
import { IdentityBadge } from './identity-badge';

function Row({ label, children, testId }: { label: string; children: ComponentChildren; testId: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function PageLink({ url, title }: { url: string | null; title: string | null }) {
  const href = url ? safeHref(url) : null;
  if (!href) return <>{title || url || '—'}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" title={href}>
      {title || href}
    </a>
  );
}

export function VisitorDetailsPanel({ conversation }: { conversation: Conversation }) {
  const live = useLive();
  const { translator } = useConsole();
  const t = useT();
  const [failed, setFailed] = useState(false);
  const details = live.visitors.byId.value[conversation.visitorId];
  const visitor = details?.visitor;
  const earlier = details?.conversations.filter((c) => c.id !== conversation.id).length ?? 0;

  function onToggle(event: Event) {
    if (!(event.currentTarget as HTMLDetailsElement).open) return;
    setFailed(false);
    live.visitors.load(conversation.visitorId).catch(() => setFailed(true));
  }

  return (
    <details class="visitor-details" onToggle={onToggle} data-testid="visitor-details">
      <summary>
        {t('visitor.title')} {visitor && <IdentityBadge visitor={visitor} />}
      </summary>
      {!visitor ? (
        <p class="visitor-details__note">{failed ? t('errors.INTERNAL') : t('app.loading')}</p>
      ) : (
        <>
          <dl class="visitor-details__list">
            <Row label={t('visitor.name')} testId="visitor-name">
              {visitor.name ?? '—'}
            </Row>
            <Row label={t('visitor.email')} testId="visitor-email">
              {visitor.email ?? '—'}
            </Row>
            {/* The chat's, as the visitor picked it in the pre-chat form or a transfer set it. */}
            {conversation.departmentId && (
              <Row label={t('visitor.department')} testId="visitor-department">
                {live.departments.byId.value.get(conversation.departmentId)?.name ?? '—'}
              </Row>
            )}
            <Row label={t('visitor.identity')} testId="visitor-identity">
              <IdentityBadge visitor={visitor} /> {visitor.verified && visitor.userId && <code dir="ltr">{visitor.userId}</code>}
            </Row>
            <Row label={t('visitor.language')} testId="visitor-language">
              {visitor.locale ? <span title={visitor.locale}>{languageName(visitor.locale, translator.language.value)}</span> : '—'}
            </Row>
            <Row label={t('visitor.page')} testId="visitor-page">
              <PageLink url={visitor.pageUrl} title={visitor.pageTitle} />
            </Row>
            {(visitor.pagesVisited?.length ?? 0) > 1 && (
              <Row label={t('visitor.pages')} testId="visitor-pages">
                {/* Newest first, as the agent reads back from where the visitor is now. */}
                <ol class="visitor-details__pages">
                  {[...(visitor.pagesVisited ?? [])].reverse().map((page) => (
                    <li key={`${page.at}-${page.url}`}>
                      <time dateTime={page.at}>{formatMessageTime(page.at, translator.language.value)}</time>{' '}
                      <PageLink url={page.url} title={page.title} />
                    </li>
                  ))}
                </ol>
              </Row>
            )}
            <Row label={t('visitor.referrer')} testId="visitor-referrer">
              <PageLink url={visitor.referrer || null} title={null} />
            </Row>
            <Row label={t('visitor.onSiteSince')} testId="visitor-since">
              {visitor.visitStartedAt
                ? formatMessageTime(visitor.visitStartedAt, translator.language.value)
                : '—'}
            </Row>
            <Row label={t('visitor.browser')} testId="visitor-browser">
              <span class="visitor-details__ua" title={visitor.userAgent ?? ''}>
                {visitor.userAgent ?? '—'}
              </span>
            </Row>
            <Row label={t('visitor.earlier')} testId="visitor-earlier">
              {earlier}
            </Row>
          </dl>
          <VisitorTickets tickets={details.tickets} />
        </>
      )}
    </details>
  );
}
