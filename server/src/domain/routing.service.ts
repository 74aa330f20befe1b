/**
 * Routing: gives waiting conversations to fitting agents, first come first served, whenever a
 * slot may have opened; hands chats back to the queue when an agent goes away or stays silent.
 * Correctness lives in the store's compare-and-set; this service only decides and retries.
 */
import type { Agent, Conversation, QueuePosition } from '@parley/shared';
import type { AgentLoad, Store } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { chatEventLine } from './chat-event-lines';
import { chooseAgent, estimateWaitSeconds } from './routing.policy';
import { NO_DOMAIN_EVENTS, type DomainEvents } from './domain-events.port';

export interface RoutingServiceDeps {
  store: Store;
  broadcaster: Broadcaster;
  now?: () => Date;
  events?: DomainEvents;
}

// Rounds per call: each round re-reads the queue after a lost compare-and-set.
const MAX_ROUNDS = 5;

export function createRoutingService({ store, broadcaster, now = () => new Date(), events = NO_DOMAIN_EVENTS }: RoutingServiceDeps) {
  // Coalesces bursts of triggers per site in this process; other processes are kept honest by CAS.
  const running = new Map<string, Promise<void>>();
  const rerun = new Set<string>();

  async function assignRound(siteId: string): Promise<'done' | 'raced'> {
    const site = await store.findSiteById(siteId);
    if (!site || site.settings.routingMode !== 'auto') return 'done';
    const queue = await store.listQueue(siteId);
    if (queue.length === 0) return 'done';
    const agents = (await store.listAgents(siteId)).filter((agent) => agent.active && agent.status === 'online');
    if (agents.length === 0) return 'done';
    const loads = new Map<string, AgentLoad>((await store.listAgentLoads(siteId)).map((l) => [l.agentId, l]));
    const candidates = { agents, loads, defaultDepartmentId: site.settings.defaultDepartmentId };
    for (const conversation of queue) {
      const agent = chooseAgent(conversation, candidates);
      if (!agent) continue;
      const assigned = await store.assignConversation({
        conversationId: conversation.id, agentId: agent.id, maxChats: agent.maxChats,
      });
      if (!assigned) return 'raced';
      const load = loads.get(agent.id) ?? { agentId: agent.id, activeChats: 0, lastAssignedAt: null };
      loads.set(agent.id, { ...load, activeChats: load.activeChats + 1, lastAssignedAt: assigned.assignedAt });
      broadcaster.conversationUpdated(assigned);
      events.conversationAssigned(assigned);
    }
    return 'done';
  }

  /** Every waiting chat of the site with its place in line (first come first) and an estimated wait. */
  async function queuePositions(siteId: string): Promise<{ conversation: Conversation; position: QueuePosition }[]> {
    const queue = await store.listQueue(siteId);
    if (queue.length === 0) return [];
    const recent = await store.listConversations({ siteId, statuses: ['assigned', 'resolved'], limit: 50 });
    const waits = recent
      .filter((c) => c.assignedAt)
      .map((c) => (Date.parse(c.assignedAt as string) - Date.parse(c.queuedAt)) / 1000);
    return queue.map((conversation, index) => ({
      conversation,
      position: { conversationId: conversation.id, position: index + 1, estimatedWaitSeconds: estimateWaitSeconds(index + 1, waits) },
    }));
  }

  async function publishQueuePositions(siteId: string): Promise<void> {
    for (const { conversation, position } of await queuePositions(siteId)) broadcaster.queuePosition(conversation, position);
  }

  async function routeOnce(siteId: string): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      if ((await assignRound(siteId)) === 'done') break;
    }
    await publishQueuePositions(siteId);
  }

  /** Requeues and announces; the caller routes afterwards. */
  async function handBack(conversation: Conversation, agentId: string, declined: boolean): Promise<Conversation | null> {
    const requeued = await store.requeueConversation({ conversationId: conversation.id, fromAgentId: agentId, declined });
    if (requeued) broadcaster.conversationUpdated(requeued);
    return requeued;
  }

  /**
   * The chat's history says why it is waiting again, for the agents only (the visitor is simply back
   * in the queue, with their place). Appended while the chat waits, so every console of the site
   * hears it, the one that lost it included, and shows its agent a notice.
   */
  async function recordUnanswered(requeued: Conversation, input: { agentId: string; seconds: number }): Promise<void> {
    const agent = await store.findAgentById(input.agentId);
    const line = chatEventLine(requeued, { type: 'unanswered', agent: agent?.name ?? '', agentId: input.agentId, seconds: input.seconds });
    await store.appendMessage({ ...line, internal: true }, ({ message, created, conversation }) => {
      if (!created) return;
      broadcaster.messageCreated(conversation, message);
      events.messageCreated(conversation, message);
    });
  }

  const service = {
    /** Assigns what can be assigned on this site now. Safe to call any time, from anywhere. */
    routeSite(siteId: string): Promise<void> {
      const current = running.get(siteId);
      if (current) {
        rerun.add(siteId);
        return current;
      }
      const run = (async () => {
        try {
          do {
            rerun.delete(siteId);
            await routeOnce(siteId);
          } while (rerun.has(siteId));
        } finally {
          running.delete(siteId);
        }
      })();
      running.set(siteId, run);
      return run;
    },

    /**
     * The visitor's place in line while their open chat waits, else null. Places are only sent when
     * the queue moves, so a page or tab opened meanwhile asks for it.
     */
    async queuePositionOf(visitor: { id: string; siteId: string }): Promise<QueuePosition | null> {
      const open = await store.findOpenConversation(visitor.siteId, visitor.id);
      if (open?.status !== 'queued') return null;
      const places = await queuePositions(visitor.siteId);
      return places.find(({ conversation }) => conversation.id === open.id)?.position ?? null;
    },

    /** An agent went offline: their chats go back to the queue, keeping their place at its front. */
    async releaseAgentChats(agent: Agent): Promise<void> {
      for (const conversation of await store.listAssignedTo(agent.id)) {
        await handBack(conversation, agent.id, false);
      }
      await service.routeSite(agent.siteId);
    },

    /**
     * Periodic duty of every process: agents whose consoles went silent become offline, and chats
     * whose assigned agent did not answer in time go to the next agent.
     */
    async sweep(): Promise<void> {
      const at = now().getTime();
      const silent = await store.markSilentAgentsOffline(new Date(at - PRESENCE_TIMEOUT_MS).toISOString());
      const sites = new Set<string>();
      for (const agent of silent) {
        broadcaster.agentUpdated(agent);
        for (const conversation of await store.listAssignedTo(agent.id)) await handBack(conversation, agent.id, false);
        sites.add(agent.siteId);
      }
      for (const site of await store.listSites()) {
        // Each site's own timeout, in the query: chats still within it are not even read (with
        // thousands of chats open, reading them all every sweep stalled the process).
        const limitMs = site.settings.assignTimeoutSeconds * 1000;
        const overdue = await store.listUnansweredAssignments({ siteId: site.id, before: new Date(at - limitMs).toISOString() });
        for (const conversation of overdue) {
          const agentId = conversation.assignedAgentId;
          if (!agentId) continue;
          const requeued = await handBack(conversation, agentId, true);
          if (requeued) await recordUnanswered(requeued, { agentId, seconds: site.settings.assignTimeoutSeconds });
          sites.add(conversation.siteId);
        }
      }
      for (const siteId of sites) await service.routeSite(siteId);
    },
  };
  return service;
}

/** A console that has not been heard from for this long is considered closed. */
export const PRESENCE_TIMEOUT_MS = 45_000;

export type RoutingService = ReturnType<typeof createRoutingService>;
