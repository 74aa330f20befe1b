/** Beside a ticket: its SLA clocks, and who asked (with the chat it came from). */
import type { Ticket } from '@parley/shared';
import { useEffect } from 'preact/hooks';
import { useConsole, useLive } from '../../state/console-context';
import { IdentityBadge } from '../identity-badge';
import { languageName } from '../language-name';
import { formatMessageTime } from '../time-format';
import { slaClocks } from './sla';
import { SlaBadge } from './sla-badge';
import { sourceLabel } from './ticket-values';

/**
 * The requester's words in the language's own quotation marks (“…”, „…“, «…»), which the
 * translation places around them; the words themselves are isolated, so a comment in another
 * script reads in its own direction without dragging the marks along.
 */
function QuotedComment({ comment }: { comment: string }) {
  const t = useConsole().translator.t;
  const MARK = '\u0000';
  const [open = '', close = ''] = t('ticket.ratingComment', { comment: MARK }).split(MARK);
  return (
    <span class="ticket-rating__comment" data-testid="ticket-rating-comment">
      {open}
      <bdi>{comment.trim()}</bdi>
      {close}
    </span>
  );
}

export function TicketSla({ ticket }: { ticket: Ticket }) {
  const live = useLive();
  const { translator } = useConsole();
  const t = translator.t;
  const clocks = slaClocks(ticket, live.clock.now.value);
  const row = (clock: typeof clocks.firstResponse, due: string | null) => (
    <div class="sla-row" data-testid={`sla-${clock.name}`}>
      <dt>{t(`sla.${clock.name}`)}</dt>
      <dd>
        {clock.state === 'none' ? t('sla.noTarget') : <SlaBadge clock={clock} withName={false} />}
        {/* Paused, the due date moves back by the wait once the ticket runs again: not a date to rely on. */}
        {due && clock.state !== 'paused' && (
          <span class="sla-row__due">
            {t('sla.due', { time: formatMessageTime(due, translator.language.value) })}
          </span>
        )}
      </dd>
    </div>
  );
  return (
    <section class="ticket-side__section" aria-labelledby="ticket-sla-title">
      <h2 id="ticket-sla-title" class="ticket-side__title">
        {t('sla.title')}
      </h2>
      <dl class="sla-list">
        {row(clocks.firstResponse, ticket.firstResponseDueAt)}
        {row(clocks.resolution, ticket.resolutionDueAt)}
      </dl>
    </section>
  );
}

export function RequesterCard({ ticket }: { ticket: Ticket }) {
  const app = useConsole();
  const live = useLive();
  const t = app.translator.t;
  const conversationId = ticket.conversationId;
  const visitorId = ticket.visitorId;
  // Whether the site signed who asked: the visitor's profile, fetched once and kept live.
  useEffect(() => {
    if (visitorId) live.visitors.load(visitorId).catch(() => undefined);
  }, [live, visitorId]);
  const visitor = visitorId ? live.visitors.byId.value[visitorId]?.visitor : undefined;
  function openChat() {
    if (!conversationId) return;
    app.navigation.go({ name: 'chats' });
    void live.openConversation(conversationId).catch(() => undefined);
  }
  return (
    <section class="ticket-side__section" aria-labelledby="ticket-requester-title">
      <h2 id="ticket-requester-title" class="ticket-side__title">
        {t('ticket.requester')}
      </h2>
      <dl class="details-list" data-testid="ticket-requester">
        <dt>{t('visitor.name')}</dt>
        <dd dir="auto">{ticket.requesterName ?? '—'}</dd>
        <dt>{t('visitor.email')}</dt>
        <dd>
          {ticket.requesterEmail ? (
            <a href={`mailto:${ticket.requesterEmail}`}>{ticket.requesterEmail}</a>
          ) : (
            '—'
          )}
        </dd>
        {visitor && (
          <>
            <dt>{t('visitor.identity')}</dt>
            <dd data-testid="ticket-requester-identity">
              <IdentityBadge visitor={visitor} />
            </dd>
          </>
        )}
        <dt>{t('visitor.language')}</dt>
        <dd title={ticket.requesterLocale} data-testid="ticket-requester-language">
          {languageName(ticket.requesterLocale, app.translator.language.value)}
        </dd>
        <dt>{t('ticket.sourceLabel')}</dt>
        <dd>{sourceLabel(t, ticket.source)}</dd>
        <dt>{t('ticket.created')}</dt>
        <dd>
          <time dateTime={ticket.createdAt}>
            {formatMessageTime(ticket.createdAt, app.translator.language.value)}
          </time>
        </dd>
        {ticket.rating !== null && (
          <>
            <dt>{t('ticket.rating')}</dt>
            <dd data-testid="ticket-rating">
              {t('ticket.ratingValue', { rating: ticket.rating })}
              {ticket.ratingComment && (
                <>
                  {' · '}
                  <QuotedComment comment={ticket.ratingComment} />
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {conversationId && (
        <button type="button" class="button button--small" onClick={openChat} data-testid="ticket-open-chat">
          {t('ticket.openChat')}
        </button>
      )}
    </section>
  );
}
