/** SQLite queries for analytics: grouping and date arithmetic happen in SQL, only numbers come back. */
import type Database from 'better-sqlite3';
import type { TicketSource } from '@parley/shared';
import type {
  AnalyticsQuery, AnalyticsStore, ConversationCountsRow, DurationRow, TagCount, TicketCountsRow, VolumeSlot,
} from '../analytics.store';

type Scope = 'c' | 't';

/** The WHERE clause of one table for a query; the agent column differs between chats and tickets. */
function scopeOf(alias: Scope, query: AnalyticsQuery): { sql: string; params: Record<string, string> } {
  const agentColumn = alias === 'c' ? 'assigned_agent_id' : 'assignee_agent_id';
  const clauses = [`${alias}.site_id = @siteId`, `${alias}.created_at >= @from`, `${alias}.created_at < @to`];
  const params: Record<string, string> = { siteId: query.siteId, from: query.from, to: query.to };
  if (query.agentId) {
    clauses.push(`${alias}.${agentColumn} = @agentId`);
    params.agentId = query.agentId;
  }
  if (query.departmentId) {
    clauses.push(`${alias}.department_id = @departmentId`);
    params.departmentId = query.departmentId;
  }
  return { sql: clauses.join(' AND '), params };
}

const seconds = (later: string, earlier: string) =>
  `ROUND(unixepoch(${later}, 'subsec') - unixepoch(${earlier}, 'subsec'), 3)`;

// ISO strings as toISOString writes them: 'YYYY-MM-DDTHH:MM' of the quarter hour the instant falls in.
const quarterHour = (column: string) =>
  `substr(${column}, 1, 14) || printf('%02d', (CAST(substr(${column}, 15, 2) AS INTEGER) / 15) * 15)`;

const conversationCountsSql = (where: string) => `
  SELECT c.assigned_agent_id AS agentId, c.department_id AS departmentId, t.source AS ticketSource,
    COUNT(*) AS conversations,
    COUNT(c.first_response_at) AS answered,
    SUM(c.status = 'resolved') AS resolved,
    COUNT(c.rating) AS ratings,
    COALESCE(SUM(c.rating), 0) AS ratingSum,
    COUNT(CASE WHEN c.rating >= 4 THEN 1 END) AS ratingsSatisfied
  FROM conversations c LEFT JOIN tickets t ON t.id = c.ticket_id
  WHERE ${where}
  GROUP BY c.assigned_agent_id, c.department_id, t.source`;

const conversationDurationsSql = (where: string) => `
  SELECT c.assigned_agent_id AS agentId, c.department_id AS departmentId,
    CASE WHEN c.first_response_at IS NOT NULL THEN ${seconds('c.first_response_at', 'c.created_at')} END AS firstResponseSeconds,
    CASE WHEN c.status = 'resolved' AND c.ticket_id IS NULL THEN ${seconds('c.resolved_at', 'c.created_at')} END AS resolutionSeconds
  FROM conversations c
  WHERE ${where} AND (c.first_response_at IS NOT NULL OR (c.status = 'resolved' AND c.ticket_id IS NULL))`;

// A ticket's first-response clock stops at the first reply, or at its resolution if nobody replied.
const ticketCountsSql = (where: string) => `
  SELECT agentId, departmentId, source, COUNT(*) AS tickets, SUM(resolved) AS resolved,
    SUM(frBreach) AS firstResponseBreaches, SUM(resBreach) AS resolutionBreaches,
    SUM(frBreach OR resBreach) AS breached,
    COUNT(rating) AS ratings, COALESCE(SUM(rating), 0) AS ratingSum, COUNT(CASE WHEN rating >= 4 THEN 1 END) AS ratingsSatisfied
  FROM (
    SELECT t.assignee_agent_id AS agentId, t.department_id AS departmentId, t.source AS source, t.rating AS rating,
      t.status IN ('solved', 'closed') AS resolved,
      CASE WHEN t.first_response_due_at IS NULL THEN 0
        ELSE COALESCE(t.first_responded_at, t.solved_at, t.closed_at, @now) > t.first_response_due_at END AS frBreach,
      CASE WHEN t.resolution_due_at IS NULL THEN 0
        ELSE COALESCE(t.solved_at, t.closed_at, @now) > t.resolution_due_at END AS resBreach
    FROM tickets t WHERE ${where}
  )
  GROUP BY agentId, departmentId, source`;

const ticketDurationsSql = (where: string) => `
  SELECT t.assignee_agent_id AS agentId, t.department_id AS departmentId,
    CASE WHEN t.first_responded_at IS NOT NULL THEN ${seconds('t.first_responded_at', 't.created_at')} END AS firstResponseSeconds,
    CASE WHEN t.status IN ('solved', 'closed') AND COALESCE(t.solved_at, t.closed_at) IS NOT NULL
      THEN ${seconds('COALESCE(t.solved_at, t.closed_at)', 't.created_at')} END AS resolutionSeconds
  FROM tickets t
  WHERE ${where} AND (t.first_responded_at IS NOT NULL OR t.status IN ('solved', 'closed'))`;

const volumeSql = (conversationsWhere: string, ticketsWhere: string) => `
  SELECT slot, SUM(conversations) AS conversations, SUM(tickets) AS tickets FROM (
    SELECT ${quarterHour('c.created_at')} AS slot, COUNT(*) AS conversations, 0 AS tickets
      FROM conversations c WHERE ${conversationsWhere} GROUP BY slot
    UNION ALL
    SELECT ${quarterHour('t.created_at')} AS slot, 0, COUNT(*)
      FROM tickets t WHERE ${ticketsWhere} GROUP BY slot
  )
  GROUP BY slot ORDER BY slot`;

const topTagsSql = (where: string) => `
  SELECT tag.value AS tag, COUNT(DISTINCT t.id) AS tickets
  FROM tickets t, json_each(t.tags_json) AS tag
  WHERE ${where}
  GROUP BY tag.value ORDER BY tickets DESC, tag.value LIMIT @limit`;

const KB_FEEDBACK_EXISTS_SQL = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kb_article_feedback'";

/** Visitors who said an offered article solved their question (the latest word of each visitor per article). */
const DEFLECTIONS_SQL = `
  SELECT COUNT(*) AS deflections
  FROM kb_article_feedback f JOIN kb_articles a ON a.id = f.article_id
  WHERE a.site_id = @siteId AND f.kind = 'deflection' AND f.value = 'solved' AND f.at >= @from AND f.at < @to`;

export function sqliteAnalytics(db: Database.Database): AnalyticsStore {
  // Four filter combinations per query: prepared once each, on first use.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const all = <Row>(sql: string, params: Record<string, unknown>): Row[] => prepared(sql).all(params) as Row[];

  return {
    async analyticsConversationCounts(query) {
      const scope = scopeOf('c', query);
      return all<ConversationCountsRow>(conversationCountsSql(scope.sql), scope.params).map((row) => ({
        ...row,
        ticketSource: row.ticketSource as TicketSource | null,
      }));
    },
    async analyticsConversationDurations(query) {
      const scope = scopeOf('c', query);
      return all<DurationRow>(conversationDurationsSql(scope.sql), scope.params);
    },
    async analyticsTicketCounts(query) {
      const scope = scopeOf('t', query);
      return all<TicketCountsRow>(ticketCountsSql(scope.sql), { ...scope.params, now: query.now });
    },
    async analyticsTicketDurations(query) {
      const scope = scopeOf('t', query);
      return all<DurationRow>(ticketDurationsSql(scope.sql), scope.params);
    },
    async analyticsVolume(query) {
      const chats = scopeOf('c', query);
      const tickets = scopeOf('t', query);
      return all<{ slot: string; conversations: number; tickets: number }>(volumeSql(chats.sql, tickets.sql), chats.params).map(
        (row): VolumeSlot => ({ start: `${row.slot}:00.000Z`, conversations: row.conversations, tickets: row.tickets }),
      );
    },
    async analyticsTopTags(query, limit) {
      const scope = scopeOf('t', query);
      return all<TagCount>(topTagsSql(scope.sql), { ...scope.params, limit });
    },
    async analyticsDeflections(query) {
      // The knowledge base's feedback table arrives with its own migration; until it exists there is nothing to count.
      if (!prepared(KB_FEEDBACK_EXISTS_SQL).get()) return null;
      const row = prepared(DEFLECTIONS_SQL).get({
        siteId: query.siteId, from: query.from, to: query.to,
      }) as { deflections: number } | undefined;
      return row?.deflections ?? 0;
    },
  };
}
