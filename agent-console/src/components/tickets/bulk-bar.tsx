/** Changes for every selected ticket at once: status, priority, assignee. */
import type { ErrorCode, TicketUpdate } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';
import { useLive, useT } from '../../state/console-context';
import { isPriority, isStatus, PRIORITIES, priorityLabel, STATUSES, statusLabel } from './ticket-values';
import { useTeam } from './use-team';

const UNASSIGN = '-';

export function BulkBar() {
  const live = useLive();
  const t = useT();
  const team = useTeam();
  const count = live.tickets.selected.value.size;
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  if (count === 0) return null;

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
      await live.tickets.bulkUpdate(update);
      setStatus('');
      setPriority('');
      setAssignee('');
    } catch (failure) {
      setError(errorCodeOf(failure));
    } finally {
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
      <button type="button" class="button button--quiet" onClick={() => live.tickets.setSelection([])}>
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
