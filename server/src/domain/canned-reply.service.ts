/** Canned replies: site-wide, per department and personal, each with a unique /shortcut in its scope. */
import type { Agent, CannedReply, CannedReplyInput } from '@parley/shared';
import { StoreConflictError, type Store } from '../store/store';
import type { TeamBroadcaster } from './broadcaster.port';
import { DomainError } from './domain-error';

export function createCannedReplyService({ store, broadcaster }: { store: Store; broadcaster: TeamBroadcaster }) {
  /** Personal replies are their owner's; shared ones are the admins'. */
  function assertMayEdit(agent: Agent, reply: Pick<CannedReply, 'ownerAgentId'>): void {
    const own = reply.ownerAgentId === agent.id;
    if (!own && (reply.ownerAgentId !== null || agent.role !== 'admin')) {
      throw new DomainError('FORBIDDEN', 'Only admins edit shared replies, and only their owner a personal one.');
    }
  }

  return {
    /**
     * Admins get every shared reply, since they are the ones who edit and delete them; an agent in no
     * department takes every department's chats, so gets every department's replies too.
     */
    list(agent: Agent): Promise<CannedReply[]> {
      const everyDepartment = agent.role === 'admin' || agent.departmentIds.length === 0;
      const departmentIds = everyDepartment ? 'all' : agent.departmentIds;
      return store.listCannedReplies({ siteId: agent.siteId, agentId: agent.id, departmentIds });
    },

    async save(agent: Agent, input: CannedReplyInput): Promise<CannedReply> {
      const existing = input.id ? await store.findCannedReply(input.id) : null;
      if (input.id) {
        if (!existing || existing.siteId !== agent.siteId) throw new DomainError('NOT_FOUND', 'There is no such canned reply.');
        assertMayEdit(agent, existing);
      }
      const reply = {
        ...(input.id ? { id: input.id } : {}),
        siteId: agent.siteId,
        shortcut: input.shortcut,
        text: input.text,
        departmentId: input.personal ? null : (input.departmentId ?? null),
        ownerAgentId: input.personal ? agent.id : null,
      };
      assertMayEdit(agent, reply);
      const saved = await store.saveCannedReply(reply).catch((error: unknown) => {
        if (error instanceof StoreConflictError) {
          throw new DomainError(
            'ALREADY_TAKEN',
            `The shortcut /${input.shortcut} is already used by another reply for the same people (shortcuts are compared regardless of case).`,
            { field: 'shortcut' },
          );
        }
        throw error;
      });
      // Consoles signed in keep their list up to date. A shared reply an admin made their own is
      // dropped by the others' consoles, which are not sent its new (personal) content.
      if (existing && existing.ownerAgentId === null && saved.ownerAgentId !== null) broadcaster.cannedReplyDeleted(existing);
      broadcaster.cannedReplySaved(saved);
      return saved;
    },

    async remove(agent: Agent, id: string): Promise<{ id: string }> {
      const existing = await store.findCannedReply(id);
      if (!existing || existing.siteId !== agent.siteId) throw new DomainError('NOT_FOUND', 'There is no such canned reply.');
      assertMayEdit(agent, existing);
      if (await store.deleteCannedReply({ id, siteId: agent.siteId })) broadcaster.cannedReplyDeleted(existing);
      return { id };
    },
  };
}

export type CannedReplyService = ReturnType<typeof createCannedReplyService>;
