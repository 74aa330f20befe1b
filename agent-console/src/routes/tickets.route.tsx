/** The ticket queue: views, filters, bulk changes, the list and its pages. */
import { useEffect } from 'preact/hooks';
import { BulkBar } from '../components/tickets/bulk-bar';
import { TicketFilters, TicketViews } from '../components/tickets/ticket-filters';
import { TicketTable } from '../components/tickets/ticket-table';
import { useLive, useT } from '../state/console-context';
import { PAGE_SIZE } from '../state/tickets.store';

function Pager() {
  const live = useLive();
  const t = useT();
  const { total } = live.tickets.list.value;
  const { offset } = live.tickets.query.value;
  if (total <= PAGE_SIZE && offset === 0) return null;
  const go = (next: number) => void live.tickets.setQuery({ offset: next }).catch(() => undefined);
  return (
    <nav class="pager" aria-label={t('tickets.pages')}>
      <button
        type="button"
        class="button"
        disabled={offset === 0}
        onClick={() => go(Math.max(0, offset - PAGE_SIZE))}
      >
        {t('tickets.previous')}
      </button>
      <span>{t('tickets.range', { from: offset + 1, to: Math.min(total, offset + PAGE_SIZE), total })}</span>
      <button
        type="button"
        class="button"
        disabled={offset + PAGE_SIZE >= total}
        onClick={() => go(offset + PAGE_SIZE)}
      >
        {t('tickets.next')}
      </button>
    </nav>
  );
}

function ListState() {
  const live = useLive();
  const t = useT();
  const { state, total } = live.tickets.list.value;
  if (state === 'failed') {
    return (
      <p class="form-error tickets__state" role="alert">
        {t('tickets.loadFailed')}{' '}
        <button
          type="button"
          class="button button--small"
          onClick={() => void live.tickets.refresh().catch(() => undefined)}
        >
          {t('chat.retry')}
        </button>
      </p>
    );
  }
  if (state === 'ready' && total === 0) return <p class="tickets__state">{t('tickets.empty')}</p>;
  if (state === 'loading' && live.tickets.rows.value.length === 0)
    return <p class="tickets__state">{t('app.loading')}</p>;
  return null;
}

export function TicketsRoute() {
  const live = useLive();
  const t = useT();
  useEffect(() => live.tickets.watchList(), [live]);
  const { total, state } = live.tickets.list.value;
  return (
    <main
      class="tickets"
      aria-labelledby="tickets-title"
      data-testid="tickets-page"
      aria-busy={state === 'loading'}
    >
      <header class="tickets__header">
        <h1 id="tickets-title">
          {t('tickets.title')}{' '}
          <span class="tickets__total" data-testid="ticket-total">
            {total}
          </span>
        </h1>
        <TicketViews />
      </header>
      <TicketFilters />
      <BulkBar />
      <ListState />
      <TicketTable />
      <Pager />
    </main>
  );
}
