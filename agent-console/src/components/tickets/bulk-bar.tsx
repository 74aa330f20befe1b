/** Changes for every selected ticket at once: status, priority, assignee; and what became of them. */
import type { ErrorCode, TicketUpdate } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';
import { useLive, useT } from '../../state/console-context';
import { isPriority, isStatus, PRIORITIES, priorityLabel, STATUSES, statusLabel } from './ticket-values';
import { useTeam } from './use-team';

const UNASSIGN = '-';

/**
 * The bar leaves the page with the selection, taking the focused Apply or Clear button with it:
 * focus goes to the select-all box, the control that brings the bar back (or, with no rows left
 * to select, the screen's heading), never to the page's body.
 */
function focusAfterBar() {
  const selectAll = document.getElementById('ticket-select-all');
  if (selectAll instanceof HTMLInputElement && !selectAll.disabled) return selectAll.focus();
  const heading = document.getElementById('tickets-title');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

function BulkForm(props: { count: number; onApplied(updated: number): void }) {
  const { count } = props;
  const live = useLive();
  const t = useT();
  const team = useTeam();
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);

  const update: TicketUpdate = {
    ...(isStatus(status) ? { status } : {}),
    ...(isPriority(priority) ? { priority } : {}),
    ...(assignee ? { assigneeAgentId: assignee === UNASSIGN ? null : assignee } : {}),
  };
  const empty = Object.keys(update).length === 0;

  async function apply(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await live.tickets.bulkUpdate(update);
      props.onApplied(updated.length);
    } catch (failure) {
      setError(errorCodeOf(failure));
      setBusy(false);
    }
  }

  return (
    <form class="bulk-bar" onSubmit={apply} aria-label={t('tickets.bulk')} data-testid="bulk-bar">
      <strong data-testid="bulk-count">{t('tickets.selected', { count })}</strong>
      <label class="filter">
        <span class="filter__label">{t('ticket.statusLabel')}</span>
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} data-testid="bulk-status">
          <option value="">{t('tickets.keep')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(t, s)}
            </option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span class="filter__label">{t('ticket.priorityLabel')}</span>
        <select
          value={priority}
          onChange={(e) => setPriority(e.currentTarget.value)}
          data-testid="bulk-priority"
        >
          <option value="">{t('tickets.keep')}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {priorityLabel(t, p)}
            </option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span class="filter__label">{t('ticket.assignee')}</span>
        <select
          value={assignee}
          onChange={(e) => setAssignee(e.currentTarget.value)}
          data-testid="bulk-assignee"
        >
          <option value="">{t('tickets.keep')}</option>
          <option value={UNASSIGN}>{t('ticket.unassigned')}</option>
          {team.agents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="button button--primary" disabled={busy || empty} data-testid="bulk-apply">
        {t('tickets.apply')}
      </button>
      <button
        type="button"
        class="button button--quiet"
        onClick={() => {
          live.tickets.setSelection([]);
          focusAfterBar();
        }}
      >
        {t('tickets.clearSelection')}
      </button>
      {error && (
        <p class="form-error" role="alert" data-code={error}>
          {t(`errors.${error}`)}
        </p>
      )}
    </form>
  );
}

export function BulkBar() {
  const live = useLive();
  const t = useT();
  const count = live.tickets.selected.value.size;
  const [updated, setUpdated] = useState<number | null>(null);
  // A new selection starts afresh: the last result is no longer news.
  useEffect(() => {
    if (count > 0) setUpdated(null);
  }, [count]);
  return (
    <>
      {count > 0 && (
        <BulkForm
          count={count}
          onApplied={(n) => {
            setUpdated(n);
            focusAfterBar();
          }}
        />
      )}
      {/* Always in the page, so screen readers hear the result when it is written into it. */}
      <p class="visually-hidden" role="status" data-testid="bulk-result">
        {updated === null ? '' : t('tickets.updated', { count: updated })}
      </p>
    </>
  );
}
