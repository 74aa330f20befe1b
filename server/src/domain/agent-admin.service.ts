/** What admins do to their team: agents, departments and the site's routing settings. */
import { siteLanguagesProblem, slaTargetProblems, type Agent, type AgentPatch, type Department, type NewAgent, type Site, type SitePatch, type SiteSettingsPatch, type SlaTargetsGiven, type TicketPriority } from '@parley/shared';
import { StoreConflictError, type Store } from '../store/store';
import type { Broadcaster, TeamBroadcaster } from './broadcaster.port';
import { DepartmentInUseError } from './department-in-use.error';
import { DomainError } from './domain-error';
import type { DomainEvents } from './domain-events.port';
import { hashPassword } from './password';
import type { RoutingService } from './routing.service';
import { releaseAgentTickets } from './ticket.service';

/** Ends an agent's live connections at once (the socket layer implements it). */
export interface SessionTerminator {
  /** Every console of the agent, on every process; but the one signed in with `exceptSessionHash`, when given. */
  disconnectAgent(agentId: string, options?: { exceptSessionHash: string }): void;
  /** Every console signed in with this session, on every process (it was signed out). */
  disconnectSession(sessionHash: string): void;
}

export interface AgentAdminDeps {
  store: Store;
  broadcaster: Broadcaster;
  routing: RoutingService;
  sessions: SessionTerminator;
  /** Integrations hear of the tickets a deactivation gives back to the queue. */
  events?: DomainEvents;
  /** Open consoles hear of departments added, renamed or deleted (their transfer menus name them). */
  team?: Pick<TeamBroadcaster, 'departmentSaved' | 'departmentDeleted'>;
}

/** A settings patch valid on its own that would not be valid merged with what is stored. */
const settingsNotAccepted = (issue: { path: string; message: string }) =>
  new DomainError('VALIDATION_FAILED', `${issue.path}: ${issue.message}`, { field: issue.path });

/** Told apart from a bad name by its code, so clients can say it in their own language. */
const departmentNameTaken = (name: string) =>
  new DomainError('ALREADY_TAKEN', `A department named "${name}" exists already (names are compared regardless of case).`, { field: 'name' });

function assertAdmin(actor: Agent): void {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins can manage the team and the site.');
}

export function createAgentAdminService({ store, broadcaster, routing, sessions, events, team }: AgentAdminDeps) {
  async function assertDepartmentsOfSite(siteId: string, departmentIds: string[] | undefined): Promise<void> {
    if (!departmentIds || departmentIds.length === 0) return;
    const known = new Set((await store.listDepartments(siteId)).map((d) => d.id));
    const unknown = departmentIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `Unknown department: ${unknown.join(', ')}`);
  }

  async function storedSettings(siteId: string): Promise<Site['settings']> {
    const site = await store.findSiteById(siteId);
    if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
    return site.settings;
  }

  /**
   * The offered languages and the default are judged together: half of the pair is merged with
   * the stored half, and the whole pair is written, so a concurrent patch cannot split it.
   */
  function withWholeLanguages(stored: Site['settings'], patch: SiteSettingsPatch): SiteSettingsPatch {
    if (!patch.languages) return patch;
    const languages = { ...stored.languages, ...patch.languages };
    const problem = siteLanguagesProblem(languages);
    if (problem) throw settingsNotAccepted(problem);
    return { ...patch, languages };
  }

  /**
   * SLA targets the patch names are judged whole: half a target (one of its two minutes) is merged
   * with the stored half, and the whole target is written, so a concurrent patch cannot split it.
   * Targets the patch leaves alone are not judged: a pair stored before the rule stays until edited.
   */
  function withWholeSlaTargets(settings: Site['settings'], patch: SiteSettingsPatch): SiteSettingsPatch {
    if (!patch.sla) return patch;
    const stored = settings.sla;
    const sla: SlaTargetsGiven = {};
    for (const [tier, priorities] of Object.entries(patch.sla) as [keyof typeof stored, SlaTargetsGiven[string]][]) {
      sla[tier] = Object.fromEntries(
        Object.entries(priorities ?? {}).map(([priority, target]) => [
          priority,
          { ...stored[tier][priority as TicketPriority], ...target },
        ]),
      );
    }
    const problem = slaTargetProblems(sla)[0];
    if (problem) throw settingsNotAccepted({ path: problem.path.join('.'), message: problem.message });
    return { ...patch, sla: sla as SiteSettingsPatch['sla'] };
  }

  /** Agents signed in with the password alone must sign in again, setting up a second factor. */
  async function endPasswordOnlySessions(siteId: string): Promise<void> {
    const agents = await store.listAgents(siteId);
    const protectedIds = new Set(await store.listTwoFactorAgentIds(agents.map((agent) => agent.id)));
    for (const agent of agents.filter((candidate) => !protectedIds.has(candidate.id))) {
      await store.deleteAgentSessions(agent.id);
      sessions.disconnectAgent(agent.id);
    }
  }

  return {
    async listAgents(actor: Agent): Promise<Agent[]> {
      return store.listAgents(actor.siteId);
    },

    async createAgent(actor: Agent, input: NewAgent): Promise<Agent> {
      assertAdmin(actor);
      await assertDepartmentsOfSite(actor.siteId, input.departmentIds);
      let created: Agent;
      try {
        created = await store.createAgent({
          siteId: actor.siteId, email: input.email, name: input.name, role: input.role,
          passwordHash: await hashPassword(input.password),
          departmentIds: input.departmentIds, languages: input.languages, maxChats: input.maxChats,
        });
      } catch (error) {
        if (error instanceof StoreConflictError) throw new DomainError('VALIDATION_FAILED', 'An agent with this e-mail already exists.');
        throw error;
      }
      // Colleagues' consoles add the newcomer to their team list and transfer menus at once.
      broadcaster.agentUpdated(created);
      return created;
    },

    /**
     * Edits an agent; deactivation signs them out everywhere at once and frees their chats and
     * unsolved tickets (left with them, the tickets would be in nobody's queue).
     */
    async updateAgent(actor: Agent, agentId: string, patch: AgentPatch): Promise<Agent> {
      assertAdmin(actor);
      const target = await store.findAgentById(agentId);
      if (!target || target.siteId !== actor.siteId) throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent.');
      if (target.id === actor.id && (patch.active === false || patch.role === 'agent')) {
        throw new DomainError('FORBIDDEN', 'You cannot deactivate or demote yourself.');
      }
      await assertDepartmentsOfSite(actor.siteId, patch.departmentIds);
      let updated = await store.updateAgent(agentId, patch);
      if (!updated) throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent.');
      if (patch.active === false) {
        await store.deleteAgentSessions(agentId);
        updated = (await store.setAgentStatus(agentId, 'offline')) ?? updated;
        sessions.disconnectAgent(agentId);
        await routing.releaseAgentChats(updated);
        await releaseAgentTickets({ store, broadcaster, ...(events ? { events } : {}) }, { actor, agent: updated });
      } else {
        // More capacity or new departments may let waiting chats through.
        await routing.routeSite(actor.siteId);
      }
      broadcaster.agentUpdated(updated);
      return updated;
    },

    listDepartments(actor: Agent): Promise<Department[]> {
      return store.listDepartments(actor.siteId);
    },

    async createDepartment(actor: Agent, name: string): Promise<Department> {
      assertAdmin(actor);
      try {
        const created = await store.createDepartment({ siteId: actor.siteId, name });
        team?.departmentSaved(created);
        return created;
      } catch (error) {
        if (error instanceof StoreConflictError) throw departmentNameTaken(name);
        throw error;
      }
    },

    async renameDepartment(actor: Agent, departmentId: string, name: string): Promise<Department> {
      assertAdmin(actor);
      try {
        const renamed = await store.renameDepartment({ siteId: actor.siteId, departmentId, name });
        if (!renamed) throw new DomainError('NOT_FOUND', 'This site has no such department.');
        team?.departmentSaved(renamed);
        return renamed;
      } catch (error) {
        if (error instanceof StoreConflictError) throw departmentNameTaken(name);
        throw error;
      }
    },

    /**
     * Deletes a department nothing live depends on. What would be stranded or silently rerouted
     * blocks it: being the site's default (chats without a department would route to nothing), open
     * chats and unsolved tickets (they would sit in a department nobody serves), and replies whose
     * shortcut is taken site-wide (moving them would clash). The admin moves those first; history
     * keeps the id and clients show it as a removed department. Agents who served it alone now
     * serve every department, as an empty list means, so routing runs again.
     */
    async deleteDepartment(actor: Agent, departmentId: string): Promise<void> {
      assertAdmin(actor);
      const deletion = await store.deleteDepartment({ siteId: actor.siteId, departmentId });
      if (deletion.outcome === 'not-found') throw new DomainError('NOT_FOUND', 'This site has no such department.');
      if (deletion.outcome === 'in-use') throw new DepartmentInUseError(deletion.use);
      team?.departmentDeleted({ id: departmentId, siteId: actor.siteId });
      // Colleagues' consoles show team lists and transfer menus from these.
      deletion.agents.forEach((agent) => broadcaster.agentUpdated(agent));
      if (deletion.agents.length > 0) await routing.routeSite(actor.siteId);
    },

    async updateSiteSettings(actor: Agent, patch: SiteSettingsPatch): Promise<Site> {
      assertAdmin(actor);
      if (patch.defaultDepartmentId) await assertDepartmentsOfSite(actor.siteId, [patch.defaultDepartmentId]);
      // An admin who could not sign in under the rule could lock everyone out.
      if (patch.requireTwoFactor && !(await store.findTwoFactor(actor.id))?.enabledAt) {
        throw new DomainError('VALIDATION_FAILED', 'Turn on two-step sign-in for yourself before requiring it.');
      }
      // Languages and SLA targets are judged whole with what is stored: the site is read once, when the patch has either.
      const stored = patch.languages || patch.sla ? await storedSettings(actor.siteId) : null;
      const whole = stored ? withWholeSlaTargets(stored, withWholeLanguages(stored, patch)) : patch;
      const site = await store.updateSiteSettings(actor.siteId, whole);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
      if (patch.requireTwoFactor) await endPasswordOnlySessions(actor.siteId);
      await routing.routeSite(actor.siteId);
      return site;
    },

    /** The site's own fields (its name, as e-mails and the help centre show it); e-mails sent later read the new name. */
    async updateSite(actor: Agent, patch: SitePatch): Promise<Site> {
      assertAdmin(actor);
      const site = patch.name === undefined ? await store.findSiteById(actor.siteId) : await store.renameSite(actor.siteId, patch.name);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
      return site;
    },

    async getSite(actor: Agent): Promise<Site> {
      const site = await store.findSiteById(actor.siteId);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
      return site;
    },
  };
}

export type AgentAdminService = ReturnType<typeof createAgentAdminService>;
