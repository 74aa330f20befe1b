/**
 * The analytics report: who may see what (admins the whole site or any agent, agents only
 * themselves), and the figures of a period folded from what the store has recorded.
 */
import type { Agent, AgentAnalytics, AnalyticsReport, AnalyticsRequest, DepartmentAnalytics } from '@parley/shared';
import type { AnalyticsQuery } from '../store/analytics.store';
import type { Store } from '../store/store';
import { conversationsCreditedTo, creditedConversations, creditedTickets, ticketsCreditedTo } from './analytics-credit';
import { reportCsv, reportCsvFilename } from './analytics-csv';
import { metricsBy, metricsOf, type AnalyticsRows } from './analytics-metrics';
import { reportPeriod, volumeOf } from './analytics-period';
import { DomainError } from './domain-error';

export interface AnalyticsServiceDeps {
  store: Store;
  now?: () => Date;
}

const TOP_TAGS = 20;

/** Named rows first, alphabetically; the "nobody" row (null id) last. */
function byNameThenNobody(a: { name: string | null }, b: { name: string | null }): number {
  if (a.name === null || b.name === null) return a.name === null ? (b.name === null ? 0 : 1) : -1;
  return a.name.localeCompare(b.name);
}

export function createAnalyticsService({ store, now = () => new Date() }: AnalyticsServiceDeps) {
  /** The agent and department the figures are narrowed to, after the role rules. */
  async function scopeFor(actor: Agent, request: AnalyticsRequest): Promise<{ agentId?: string; departmentId?: string }> {
    let agentId = request.agentId;
    if (actor.role !== 'admin') {
      if (agentId !== undefined && agentId !== actor.id) {
        throw new DomainError('FORBIDDEN', "Only admins can see other agents' figures.");
      }
      agentId = actor.id;
    } else if (agentId !== undefined) {
      const agent = await store.findAgentById(agentId);
      if (!agent || agent.siteId !== actor.siteId) throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent.');
    }
    if (request.departmentId !== undefined) {
      const departments = await store.listDepartments(actor.siteId);
      if (!departments.some((d) => d.id === request.departmentId)) {
        throw new DomainError('NOT_FOUND', 'There is no such department.');
      }
    }
    return { agentId, departmentId: request.departmentId };
  }

  /**
   * Each slice of a year's figures sorts up to 100,000 durations (tens of milliseconds); between
   * slices the process serves its chats, so a report never holds them up for the whole of its arithmetic.
   */
  const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function report(actor: Agent, request: AnalyticsRequest): Promise<AnalyticsReport> {
    const scope = await scopeFor(actor, request);
    const period = reportPeriod(request);
    const at = now();
    const query: AnalyticsQuery = { siteId: actor.siteId, from: period.start, to: period.end, ...scope, now: at.toISOString() };
    const [conversations, tickets, slots, topTags, deflections, agents, departments] = await Promise.all([
      store.analyticsConversations(query),
      store.analyticsTickets(query),
      store.analyticsVolume(query),
      store.analyticsTopTags(query, TOP_TAGS),
      // Deflections belong to no agent or department: only a site-wide report has them.
      scope.agentId || scope.departmentId ? null : store.analyticsDeflections(query),
      store.listAgents(actor.siteId),
      store.listDepartments(actor.siteId),
    ]);
    // Narrowed to an agent, the store returns the chats and tickets they hold and those they answered
    // first; one that two agents worked on also carries the other agent's share, not in this report.
    const rows: AnalyticsRows = scope.agentId
      ? { conversations: conversationsCreditedTo(conversations, scope.agentId), tickets: ticketsCreditedTo(tickets, scope.agentId) }
      : { conversations, tickets };
    const totals = metricsOf(rows);
    await letOthersRun();
    const agentNames = new Map(agents.map((a) => [a.id, a.name]));
    const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
    const agentRows: AnalyticsRows = { conversations: creditedConversations(rows.conversations), tickets: creditedTickets(rows.tickets) };
    const byAgent: AgentAnalytics[] = [...metricsBy(agentRows, 'agentId')]
      .map(([agentId, metrics]) => ({ agentId, name: agentId === null ? null : (agentNames.get(agentId) ?? null), ...metrics }))
      .sort(byNameThenNobody);
    await letOthersRun();
    const byDepartment: DepartmentAnalytics[] = [...metricsBy(rows, 'departmentId')]
      .map(([departmentId, metrics]) => ({
        departmentId, name: departmentId === null ? null : (departmentNames.get(departmentId) ?? null), ...metrics,
      }))
      .sort(byNameThenNobody);
    await letOthersRun();
    const contacts = deflections === null ? 0 : deflections + totals.conversations + totals.ticketsBySource.offline_form;
    return {
      request: {
        from: request.from, to: request.to, timeZone: request.timeZone,
        agentId: scope.agentId ?? null, departmentId: scope.departmentId ?? null,
      },
      period: { start: period.start, end: period.end },
      generatedAt: at.toISOString(),
      totals,
      deflection:
        deflections === null
          ? null
          : { deflections, ratePercent: contacts === 0 ? null : Math.round((deflections / contacts) * 1000) / 10 },
      volume: volumeOf(period, slots),
      topTags,
      byAgent,
      byDepartment,
    };
  }

  return {
    report,

    /** The same report as a CSV file. */
    async reportCsv(actor: Agent, request: AnalyticsRequest): Promise<{ filename: string; csv: string }> {
      const built = await report(actor, request);
      return { filename: reportCsvFilename(built), csv: reportCsv(built) };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
