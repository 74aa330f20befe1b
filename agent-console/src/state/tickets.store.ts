/**
 * The ticket queue as the agent sees it: the current search (view, filters, sort, page), the
 * tickets it found, a bulk selection, and the one ticket open with its timeline. Kept live by
 * `ticket:updated` broadcasts.
 */
import type {
  EscalateRequest,
  Ticket,
  TicketEvent,
  TicketPriority,
  TicketQuery,
  TicketReply,
  TicketStatus,
  TicketUpdate,
  Tier,
} from '@parley/shared';
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { AgentConnection } from '../realtime/agent-connection';

export type TicketView = TicketQuery['view'];
export type TicketSort = TicketQuery['sort'];
/** "unsolved" is every status still needing work; "any" filters nothing. */
export type StatusFilter = 'unsolved' | 'any' | TicketStatus;

export interface TicketListQuery {
  view: TicketView;
  status: StatusFilter;
  priority: TicketPriority | null;
  tier: Tier | null;
  assigneeAgentId: string | null;
  departmentId: string | null;
  tag: string;
  search: string;
  sort: TicketSort;
  offset: number;
}

export const PAGE_SIZE = 50;
export const UNSOLVED: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
export const DEFAULT_TICKET_QUERY: TicketListQuery = {
  view: 'all',
  status: 'unsolved',
  priority: null,
  tier: null,
  assigneeAgentId: null,
  departmentId: null,
  tag: '',
  search: '',
  sort: 'updated_desc',
  offset: 0,
};
/** An unknown ticket changed: the list may gain it. Several broadcasts in a burst fetch once. */
export const LIST_REFRESH_DELAY_MS = 400;

export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

export interface TicketListState {
  ids: readonly string[];
  total: number;
  state: LoadState;
}

export interface OpenedTicket {
  ticketId: string;
  state: LoadState;
  events: readonly TicketEvent[];
}

export interface TicketsStore {
  query: ReadonlySignal<TicketListQuery>;
  list: ReadonlySignal<TicketListState>;
  byId: ReadonlySignal<ReadonlyMap<string, Ticket>>;
  /** The tickets of the current page, in the server's order, each in its latest version. */
  rows: ReadonlySignal<Ticket[]>;
  selected: ReadonlySignal<ReadonlySet<string>>;
  opened: ReadonlySignal<OpenedTicket | null>;
  /** Changes the search (back to the first page unless an offset is given) and runs it. */
  setQuery(patch: Partial<TicketListQuery>): Promise<void>;
  refresh(): Promise<void>;
  /** While watched the list follows broadcasts; the first watch loads it. Returns the unwatch. */
  watchList(): () => void;
  toggleSelected(ticketId: string): void;
  setSelection(ticketIds: readonly string[]): void;
  open(ticketId: string): Promise<void>;
  close(): void;
  update(ticketId: string, update: TicketUpdate): Promise<Ticket>;
  /** Applies one update to every selected ticket, then clears the selection. */
  bulkUpdate(update: TicketUpdate): Promise<Ticket[]>;
  reply(ticketId: string, reply: TicketReply): Promise<Ticket>;
  escalateChat(request: EscalateRequest): Promise<Ticket>;
  /** After a reconnect: fetch what is on screen again (broadcasts were missed meanwhile). */
  resync(): void;
  /** A `ticket:updated` broadcast. */
  receive(ticket: Ticket): void;
  dispose(): void;
}

export function toServerQuery(query: TicketListQuery): Partial<TicketQuery> {
  const status =
    query.status === 'any' ? undefined : query.status === 'unsolved' ? [...UNSOLVED] : [query.status];
  const tag = query.tag.trim().toLowerCase();
  const search = query.search.trim();
  return {
    view: query.view,
    sort: query.sort,
    limit: PAGE_SIZE,
    offset: query.offset,
    ...(status ? { status } : {}),
    ...(query.priority ? { priority: [query.priority] } : {}),
    ...(query.tier ? { tier: [query.tier] } : {}),
    ...(query.assigneeAgentId ? { assigneeAgentId: query.assigneeAgentId } : {}),
    ...(query.departmentId ? { departmentId: query.departmentId } : {}),
    ...(tag ? { tag } : {}),
    ...(search ? { search } : {}),
  };
}

type Request = AgentConnection['request'];

export function createTicketsStore(request: Request): TicketsStore {
  const query = signal<TicketListQuery>(DEFAULT_TICKET_QUERY);
  const list = signal<TicketListState>({ ids: [], total: 0, state: 'idle' });
  const byId = signal<ReadonlyMap<string, Ticket>>(new Map());
  const selected = signal<ReadonlySet<string>>(new Set());
  const opened = signal<OpenedTicket | null>(null);
  let searchSeq = 0;
  let watchers = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  // The ticket version whose timeline we hold, so an echo of our own change does not refetch.
  let timelineOf: string | null = null;

  function upsert(tickets: readonly Ticket[]) {
    const next = new Map(byId.value);
    for (const ticket of tickets) {
      const known = next.get(ticket.id);
      // Broadcasts can overtake acks: never let an older copy win.
      if (!known || known.updatedAt <= ticket.updatedAt) next.set(ticket.id, ticket);
    }
    byId.value = next;
  }

  async function refresh() {
    const seq = ++searchSeq;
    list.value = { ...list.value, state: 'loading' };
    try {
      const found = await request('ticket:search', toServerQuery(query.value));
      if (seq !== searchSeq) return;
      batch(() => {
        upsert(found.tickets);
        list.value = { ids: found.tickets.map((t) => t.id), total: found.total, state: 'ready' };
        // Selected tickets that left the page cannot be acted on unseen.
        const shown = new Set(found.tickets.map((t) => t.id));
        selected.value = new Set([...selected.value].filter((id) => shown.has(id)));
      });
    } catch (error) {
      if (seq === searchSeq) list.value = { ...list.value, state: 'failed' };
      throw error;
    }
  }

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refresh().catch(() => undefined), LIST_REFRESH_DELAY_MS);
  }

  async function loadTimeline(ticketId: string) {
    const answer = await request('ticket:open', { ticketId });
    const current = opened.value;
    if (current?.ticketId !== ticketId) return;
    batch(() => {
      upsert([answer.ticket]);
      timelineOf = answer.ticket.updatedAt;
      opened.value = { ticketId, state: 'ready', events: answer.events };
    });
  }

  /** The open ticket moved on (a reply, a change, a colleague): fetch its timeline again. */
  function followOpened(ticket: Ticket) {
    if (opened.value?.ticketId !== ticket.id) return;
    if (timelineOf !== null && ticket.updatedAt <= timelineOf) return;
    void loadTimeline(ticket.id).catch(() => undefined);
  }

  function settled(ticket: Ticket): Ticket {
    upsert([ticket]);
    followOpened(ticket);
    return ticket;
  }

  return {
    query,
    list,
    byId,
    rows: computed(() =>
      list.value.ids.map((id) => byId.value.get(id)).filter((t): t is Ticket => t !== undefined),
    ),
    selected,
    opened,
    setQuery(patch) {
      query.value = { ...query.value, offset: 0, ...patch };
      return refresh();
    },
    refresh,
    watchList() {
      watchers += 1;
      if (watchers === 1) void refresh().catch(() => undefined);
      return () => {
        watchers -= 1;
      };
    },
    toggleSelected(ticketId) {
      const next = new Set(selected.value);
      if (!next.delete(ticketId)) next.add(ticketId);
      selected.value = next;
    },
    setSelection(ticketIds) {
      selected.value = new Set(ticketIds);
    },
    async open(ticketId) {
      if (opened.value?.ticketId === ticketId && opened.value.state !== 'failed') return;
      timelineOf = null;
      opened.value = { ticketId, state: 'loading', events: [] };
      try {
        await loadTimeline(ticketId);
      } catch (error) {
        if (opened.value?.ticketId === ticketId) opened.value = { ticketId, state: 'failed', events: [] };
        throw error;
      }
    },
    close() {
      opened.value = null;
      timelineOf = null;
    },
    async update(ticketId, update) {
      return settled(await request('ticket:update', { ticketId, update }));
    },
    async bulkUpdate(update) {
      const ticketIds = [...selected.value];
      if (ticketIds.length === 0) return [];
      const updated = await request('ticket:bulk-update', { ticketIds, update });
      batch(() => {
        updated.forEach(settled);
        selected.value = new Set();
      });
      return updated;
    },
    async reply(ticketId, reply) {
      return settled(await request('ticket:reply', { ticketId, reply }));
    },
    async escalateChat(escalation) {
      const ticket = await request('conversation:escalate', escalation);
      upsert([ticket]);
      if (watchers > 0 && !list.value.ids.includes(ticket.id)) refreshSoon();
      return ticket;
    },
    resync() {
      if (list.value.state !== 'idle') void refresh().catch(() => undefined);
      const current = opened.value;
      if (current) void loadTimeline(current.ticketId).catch(() => undefined);
    },
    receive(ticket) {
      upsert([ticket]);
      followOpened(ticket);
      const listed = list.value.ids.includes(ticket.id);
      if (!listed && watchers > 0 && query.value.offset === 0) refreshSoon();
    },
    dispose() {
      clearTimeout(refreshTimer);
    },
  };
}
