/** Team and site administration over REST (/api/admin), for one signed-in agent's token. */
import type { Agent, AgentPatch, Department, NewAgent, Site, SitePatch, SiteSettingsPatch } from '@parley/shared';
import { fetcher, requestJson, type JsonRequest } from './json-request';

export interface SiteWithSnippet {
  site: Site;
  /** The <script> tag to paste into the site's pages. */
  snippet: string;
  /** Admins only: the secret the site's server signs identify() with. */
  identitySecret?: string;
}

export interface AdminClient {
  listAgents(): Promise<Agent[]>;
  createAgent(input: NewAgent): Promise<Agent>;
  updateAgent(agentId: string, patch: AgentPatch): Promise<Agent>;
  listDepartments(): Promise<Department[]>;
  createDepartment(name: string): Promise<Department>;
  renameDepartment(departmentId: string, name: string): Promise<Department>;
  /** Refused with DEPARTMENT_IN_USE (its `issues` say what to move first) while anything live is in it. */
  deleteDepartment(departmentId: string): Promise<void>;
  getSite(): Promise<SiteWithSnippet>;
  updateSiteSettings(patch: SiteSettingsPatch): Promise<Site>;
  /** The site's own fields: its name, as customers read it in e-mails and the help centre. */
  updateSite(patch: SitePatch): Promise<Site>;
  /** Ids of the agents who sign in with a second factor. */
  listTwoFactorAgents(): Promise<string[]>;
  /** E-mails the agent a single-use link to choose a new password. */
  sendPasswordReset(agentId: string): Promise<void>;
  /** Switches the agent's two-step sign-in off (a lost phone); they are signed out everywhere. */
  resetTwoFactor(agentId: string): Promise<void>;
}

export interface AdminClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const doFetch = fetcher(options.fetch);
  const base = `${options.baseUrl ?? ''}/api/admin`;
  const request = <T>(path: string, init: Omit<JsonRequest, 'token'>) =>
    requestJson<T>(doFetch, `${base}${path}`, { ...init, token: options.token });

  return {
    listAgents: async () => (await request<{ agents: Agent[] }>('/agents', { method: 'GET' })).agents,
    createAgent: async (input) =>
      (await request<{ agent: Agent }>('/agents', { method: 'POST', body: input })).agent,
    updateAgent: async (agentId, patch) =>
      (
        await request<{ agent: Agent }>(`/agents/${encodeURIComponent(agentId)}`, {
          method: 'PATCH',
          body: patch,
        })
      ).agent,
    listDepartments: async () =>
      (await request<{ departments: Department[] }>('/departments', { method: 'GET' })).departments,
    createDepartment: async (name) =>
      (await request<{ department: Department }>('/departments', { method: 'POST', body: { name } }))
        .department,
    renameDepartment: async (departmentId, name) =>
      (
        await request<{ department: Department }>(`/departments/${encodeURIComponent(departmentId)}`, {
          method: 'PATCH',
          body: { name },
        })
      ).department,
    deleteDepartment: (departmentId) =>
      request<void>(`/departments/${encodeURIComponent(departmentId)}`, { method: 'DELETE' }),
    getSite: () => request<SiteWithSnippet>('/site', { method: 'GET' }),
    updateSiteSettings: async (patch) =>
      (await request<{ site: Site }>('/site/settings', { method: 'PATCH', body: patch })).site,
    updateSite: async (patch) => (await request<{ site: Site }>('/site', { method: 'PATCH', body: patch })).site,
    listTwoFactorAgents: async () => (await request<{ agentIds: string[] }>('/agents/two-factor', { method: 'GET' })).agentIds,
    sendPasswordReset: async (agentId) => {
      await request<unknown>(`/agents/${encodeURIComponent(agentId)}/password-reset`, { method: 'POST', body: {} });
    },
    resetTwoFactor: (agentId) => request<void>(`/agents/${encodeURIComponent(agentId)}/two-factor`, { method: 'DELETE' }),
  };
}
