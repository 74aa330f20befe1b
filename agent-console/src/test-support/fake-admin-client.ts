/** An in-memory /api/admin for tests: agents, departments and the site, with the server's checks that matter. */
import {
  DEFAULT_SITE_SETTINGS,
  type Agent,
  type Department,
  type Site,
  type SiteSettings,
} from '@parley/shared';
import type { AdminClient } from '../api/admin.client';
import { ApiError } from '../api/api-error';
import { AGENT } from './fixtures';

export interface FakeAdmin extends jest.Mocked<AdminClient> {
  agents: Agent[];
  /** Agents with two-step sign-in on. */
  twoFactorAgentIds: Set<string>;
  departments: Department[];
  site: Site;
}

export function fakeAdminClient(
  seed: { agents?: Agent[]; departments?: Department[]; settings?: SiteSettings } = {},
): FakeAdmin {
  const state = {
    agents: [...(seed.agents ?? [AGENT])],
    departments: [...(seed.departments ?? [])],
    site: {
      id: AGENT.siteId,
      key: 'site-key-demo-0001',
      name: 'Demo shop',
      settings: seed.settings ?? (JSON.parse(JSON.stringify(DEFAULT_SITE_SETTINGS)) as SiteSettings),
      createdAt: '2030-01-01T00:00:00.000Z',
    } satisfies Site,
  };
  let ids = 0;
  // Like the server: names are unique within the site, regardless of case and surrounding spaces.
  const nameTaken = (name: string, exceptId: string | null) =>
    state.departments.some((d) => d.name.trim().toLowerCase() === name.trim().toLowerCase() && d.id !== exceptId);
  const departmentNameTaken = () =>
    new ApiError({ code: 'ALREADY_TAKEN', message: 'A department with this name exists.', issues: [{ path: 'name', message: 'taken' }] });
  const twoFactorAgentIds = new Set<string>();
  const fake: FakeAdmin = {
    twoFactorAgentIds,
    get agents() {
      return state.agents;
    },
    get departments() {
      return state.departments;
    },
    get site() {
      return state.site;
    },
    listAgents: jest.fn(async () => [...state.agents]),
    createAgent: jest.fn(async (input) => {
      if (state.agents.some((a) => a.email === input.email)) {
        throw new ApiError({
          code: 'VALIDATION_FAILED',
          message: 'An agent with this e-mail already exists.',
        });
      }
      const agent: Agent = {
        id: `agent-new-${String(++ids).padStart(4, '0')}`,
        siteId: AGENT.siteId,
        email: input.email,
        name: input.name,
        role: input.role,
        status: 'offline',
        active: true,
        departmentIds: input.departmentIds ?? [],
        languages: input.languages ?? [],
        maxChats: input.maxChats ?? 4,
      };
      state.agents.push(agent);
      return agent;
    }),
    updateAgent: jest.fn(async (agentId, patch) => {
      const index = state.agents.findIndex((a) => a.id === agentId);
      const known = state.agents[index];
      if (!known) throw new ApiError({ code: 'AGENT_NOT_FOUND', message: 'no such agent' });
      const updated = { ...known, ...patch };
      state.agents[index] = updated;
      return updated;
    }),
    listDepartments: jest.fn(async () => [...state.departments]),
    createDepartment: jest.fn(async (name) => {
      if (nameTaken(name, null)) throw departmentNameTaken();
      const department = { id: `dept-new-${String(++ids).padStart(4, '0')}`, siteId: AGENT.siteId, name };
      state.departments.push(department);
      return department;
    }),
    renameDepartment: jest.fn(async (departmentId, name) => {
      if (nameTaken(name, departmentId)) throw departmentNameTaken();
      const department = state.departments.find((d) => d.id === departmentId);
      if (!department)
        throw new ApiError({ code: 'NOT_FOUND', message: 'This site has no such department.' });
      department.name = name;
      return { ...department };
    }),
    deleteDepartment: jest.fn(async (departmentId) => {
      // Like the server: the default department is refused (open work is the server's to know).
      if (state.site.settings.defaultDepartmentId === departmentId) {
        throw new ApiError({
          code: 'DEPARTMENT_IN_USE',
          message: "This department is still in use. It is the site's default department.",
          issues: [{ path: 'defaultDepartmentId', message: "It is the site's default department." }],
        });
      }
      if (!state.departments.some((d) => d.id === departmentId))
        throw new ApiError({ code: 'NOT_FOUND', message: 'This site has no such department.' });
      state.departments = state.departments.filter((d) => d.id !== departmentId);
      state.agents = state.agents.map((a) => ({
        ...a,
        departmentIds: a.departmentIds.filter((id) => id !== departmentId),
      }));
    }),
    getSite: jest.fn(async () => ({
      site: state.site,
      snippet: `<script async src="https://chat.example/widget.js" data-site="${state.site.key}"></script>`,
    })),
    updateSiteSettings: jest.fn(async (patch) => {
      // Like the server: nested objects merge, arrays and plain values replace.
      state.site = { ...state.site, settings: merged(state.site.settings, patch) as SiteSettings };
      return state.site;
    }),
    updateSite: jest.fn(async (patch) => {
      // Like the server: the name is trimmed and must not be empty.
      const name = patch.name?.trim();
      if (name === '') throw new ApiError({ code: 'VALIDATION_FAILED', message: 'name: must not be empty', issues: [{ path: 'name', message: 'must not be empty' }] });
      state.site = { ...state.site, ...(name === undefined ? {} : { name }) };
      return state.site;
    }),
    listTwoFactorAgents: jest.fn(async () => [...twoFactorAgentIds]),
    sendPasswordReset: jest.fn(async (_agentId: string) => undefined),
    resetTwoFactor: jest.fn(async (agentId) => {
      twoFactorAgentIds.delete(agentId);
    }),
  };
  return fake;
}

function merged(stored: unknown, patch: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(stored) || !isObject(patch)) return patch === undefined ? stored : patch;
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) out[key] = merged(stored[key], value);
  return out;
}
