/** The ticket's fields an agent changes: status, priority, tier (and escalation), assignee, department, tags. */
import type { ErrorCode, Ticket, TicketUpdate } from '@parley/shared';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useLive, useT } from '../../state/console-context';
import { useBusyAction } from '../use-busy-action';
import { TagEditor } from './tag-editor';
import {
  isPriority,
  isStatus,
  PRIORITIES,
  priorityLabel,
  STATUSES,
  statusLabel,
  tierLabel,
  tierOf,
  TIERS,
} from './ticket-values';
import { useTeam } from './use-team';

export function useTicketUpdate(ticketId: string) {
  const live = useLive();
  const [error, setError] = useState<ErrorCode | null>(null);
  const { busy, run } = useBusyAction(setError, () => setError(null));
  const save = (update: TicketUpdate): Promise<boolean> =>
    run(async () => {
      await live.tickets.update(ticketId, update);
    });
  return { busy, error, save };
}

function Field(props: { label: string; children: ComponentChildren }) {
  return (
    <label class="property">
      <span class="property__label">{props.label}</span>
      {props.children}
    </label>
  );
}

export function TicketProperties({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const team = useTeam();
  const { busy, error, save } = useTicketUpdate(ticket.id);
  const change = (update: TicketUpdate) => void save(update);

  return (
    <section class="ticket-side__section" aria-labelledby="ticket-properties-title">
      <h2 id="ticket-properties-title" class="ticket-side__title">
        {t('ticket.properties')}
      </h2>
      <Field label={t('ticket.statusLabel')}>
        <select
          value={ticket.status}
          disabled={busy}
          onChange={(e) => isStatus(e.currentTarget.value) && change({ status: e.currentTarget.value })}
          data-testid="ticket-status-select"
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(t, s)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('ticket.priorityLabel')}>
        <select
          value={ticket.priority}
          disabled={busy}
          onChange={(e) => isPriority(e.currentTarget.value) && change({ priority: e.currentTarget.value })}
          data-testid="ticket-priority-select"
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {priorityLabel(t, p)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('ticket.tierLabel')}>
        <select
          value={String(ticket.tier)}
          disabled={busy}
          onChange={(e) => {
            const tier = tierOf(e.currentTarget.value);
            if (tier) change({ tier });
          }}
          data-testid="ticket-tier-select"
        >
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tierLabel(t, tier)}
            </option>
          ))}
        </select>
      </Field>
      <div class="property__escalate">
        {TIERS.filter((tier) => tier > ticket.tier).map((tier) => (
          <button
            key={tier}
            type="button"
            class="button button--small"
            disabled={busy}
            onClick={() => change({ tier })}
            data-testid={`ticket-escalate-${tier}`}
          >
            {t('ticket.escalateTo', { tier })}
          </button>
        ))}
      </div>
      <Field label={t('ticket.assignee')}>
        <select
          value={ticket.assigneeAgentId ?? ''}
          disabled={busy}
          onChange={(e) => change({ assigneeAgentId: e.currentTarget.value || null })}
          data-testid="ticket-assignee-select"
        >
          <option value="">{t('ticket.unassigned')}</option>
          {team.agents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
          {ticket.assigneeAgentId && !team.agents.some((a) => a.id === ticket.assigneeAgentId) && (
            <option value={ticket.assigneeAgentId}>
              {team.agentName(ticket.assigneeAgentId) ?? t('timeline.formerAgent')}
            </option>
          )}
        </select>
      </Field>
      <Field label={t('ticket.department')}>
        <select
          value={ticket.departmentId ?? ''}
          disabled={busy}
          onChange={(e) => change({ departmentId: e.currentTarget.value || null })}
          data-testid="ticket-department-select"
        >
          <option value="">{t('ticket.noDepartment')}</option>
          {team.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
          {ticket.departmentId && !team.departments.some((d) => d.id === ticket.departmentId) && (
            <option value={ticket.departmentId}>{t('ticket.removedDepartment')}</option>
          )}
        </select>
      </Field>
      <TagEditor tags={ticket.tags} busy={busy} onChange={(tags) => save({ tags })} />
      {error && (
        <p class="form-error" role="alert" data-code={error} data-testid="ticket-error">
          {t(`errors.${error}`)}
        </p>
      )}
    </section>
  );
}
