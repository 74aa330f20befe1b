/** The ticket queue's views, search and filters; each change runs the search again. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLive, useT } from '../../state/console-context';
import type { StatusFilter, TicketListQuery, TicketSort, TicketView } from '../../state/tickets.store';
import { useTeam } from './use-team';
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

const VIEWS = [
  'all',
  'mine',
  'unassigned',
  'breaching_soon',
  'breached',
] as const satisfies readonly TicketView[];
const SORTS = [
  'updated_desc',
  'created_desc',
  'created_asc',
  'priority_desc',
  'due_asc',
] as const satisfies readonly TicketSort[];
const TYPING_PAUSE_MS = 300;

function useApply() {
  const live = useLive();
  return (patch: Partial<TicketListQuery>) => void live.tickets.setQuery(patch).catch(() => undefined);
}

export function TicketViews() {
  const live = useLive();
  const t = useT();
  const apply = useApply();
  const current = live.tickets.query.value.view;
  return (
    <div class="segmented ticket-views" role="group" aria-label={t('tickets.views')}>
      {VIEWS.map((view) => (
        <button
          key={view}
          type="button"
          class="segmented__option"
          aria-pressed={current === view}
          onClick={() => apply({ view })}
          data-testid={`ticket-view-${view}`}
        >
          {t(`tickets.view.${view}`)}
        </button>
      ))}
    </div>
  );
}

/** A text filter that searches once the agent pauses typing. */
function TypedFilter(props: {
  label: string;
  value: string;
  placeholder?: string;
  type: 'search' | 'text';
  onSettle(value: string): void;
  testId: string;
}) {
  const [text, setText] = useState(props.value);
  const { onSettle, value } = props;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onSettle(text), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
    // Only typing restarts the pause; a new onSettle each render must not.
  }, [text]);
  return (
    <label class="filter">
      <span class="filter__label">{props.label}</span>
      <input
        type={props.type}
        value={text}
        placeholder={props.placeholder}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => event.key === 'Enter' && onSettle(text)}
        data-testid={props.testId}
      />
    </label>
  );
}

function Filter(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  testId: string;
  children: ComponentChildren;
}) {
  return (
    <label class="filter">
      <span class="filter__label">{props.label}</span>
      <select
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        data-testid={props.testId}
      >
        {props.children}
      </select>
    </label>
  );
}

export function TicketFilters() {
  const live = useLive();
  const t = useT();
  const team = useTeam();
  const apply = useApply();
  const query = live.tickets.query.value;
  const statusOf = (value: string): StatusFilter => (value === 'any' || isStatus(value) ? value : 'unsolved');

  return (
    <div class="ticket-filters" role="search" aria-label={t('tickets.filters')}>
      <TypedFilter
        type="search"
        label={t('tickets.search')}
        placeholder={t('tickets.searchPlaceholder')}
        value={query.search}
        onSettle={(search) => apply({ search })}
        testId="ticket-search"
      />
      <Filter
        label={t('tickets.statusFilter')}
        value={query.status}
        onChange={(v) => apply({ status: statusOf(v) })}
        testId="ticket-filter-status"
      >
        <option value="unsolved">{t('tickets.unsolved')}</option>
        <option value="any">{t('tickets.anyStatus')}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {statusLabel(t, s)}
          </option>
        ))}
      </Filter>
      <Filter
        label={t('ticket.priorityLabel')}
        value={query.priority ?? ''}
        onChange={(v) => apply({ priority: isPriority(v) ? v : null })}
        testId="ticket-filter-priority"
      >
        <option value="">{t('tickets.any')}</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {priorityLabel(t, p)}
          </option>
        ))}
      </Filter>
      <Filter
        label={t('ticket.tierLabel')}
        value={String(query.tier ?? '')}
        onChange={(v) => apply({ tier: tierOf(v) })}
        testId="ticket-filter-tier"
      >
        <option value="">{t('tickets.any')}</option>
        {TIERS.map((tier) => (
          <option key={tier} value={tier}>
            {tierLabel(t, tier)}
          </option>
        ))}
      </Filter>
      <Filter
        label={t('ticket.assignee')}
        value={query.assigneeAgentId ?? ''}
        onChange={(v) => apply({ assigneeAgentId: v || null })}
        testId="ticket-filter-assignee"
      >
        <option value="">{t('tickets.anyone')}</option>
        {team.agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
          </option>
        ))}
      </Filter>
      {team.departments.length > 0 && (
        <Filter
          label={t('ticket.department')}
          value={query.departmentId ?? ''}
          onChange={(v) => apply({ departmentId: v || null })}
          testId="ticket-filter-department"
        >
          <option value="">{t('tickets.any')}</option>
          {team.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Filter>
      )}
      <TypedFilter
        type="text"
        label={t('ticket.tag')}
        value={query.tag}
        onSettle={(tag) => apply({ tag })}
        testId="ticket-filter-tag"
      />
      <Filter
        label={t('tickets.sort')}
        value={query.sort}
        onChange={(v) => apply({ sort: SORTS.find((s) => s === v) ?? 'updated_desc' })}
        testId="ticket-sort"
      >
        {SORTS.map((s) => (
          <option key={s} value={s}>
            {t(`tickets.sortBy.${s}`)}
          </option>
        ))}
      </Filter>
    </div>
  );
}
