/** Agents: who answers chats, and how they sign in. */
import { z } from 'zod';
import { EmailSchema, IdSchema, PersonNameSchema } from './common';
import { AgentLanguagesSchema } from './language-code';

export const AGENT_ROLES = ['admin', 'agent'] as const;
export const AgentRoleSchema = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof AgentRoleSchema>;

export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export const AgentStatusSchema = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/** What any client may see of an agent: never the password hash. */
export const AgentSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  email: z.string(),
  name: z.string(),
  role: AgentRoleSchema,
  status: AgentStatusSchema,
  active: z.boolean(),
  /** Empty: the agent takes chats of every department. */
  departmentIds: z.array(IdSchema),
  /**
   * Languages the agent answers in (BCP 47 primary tags: en, ru...). Checked as an admin gives them
   * (AgentLanguagesSchema), not here: agents stored by an older Parley are read as they are.
   */
  languages: z.array(z.string()),
  /** Most chats this agent handles at once. */
  maxChats: z.number().int().min(1).max(50),
});
export type Agent = z.infer<typeof AgentSchema>;

export const AGENT_MAX_CHATS_DEFAULT = 4;

/** What an admin may change on an agent. */
export const AgentPatchSchema = z.strictObject({
  name: PersonNameSchema.optional(),
  role: AgentRoleSchema.optional(),
  active: z.boolean().optional(),
  departmentIds: z.array(IdSchema).max(50).optional(),
  languages: AgentLanguagesSchema.optional(),
  maxChats: z.number().int().min(1).max(50).optional(),
});
export type AgentPatch = z.infer<typeof AgentPatchSchema>;

export const LoginRequestSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  /** Bearer token for REST (Authorization header) and the socket handshake. */
  token: z.string(),
  agent: AgentSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const AgentStatusSetSchema = z.strictObject({ status: AgentStatusSchema });

export const AgentHandshakeSchema = z.strictObject({ token: z.string().min(20).max(200) });

export const PASSWORD_MIN_LENGTH = 10;
export const NewAgentSchema = z.strictObject({
  email: EmailSchema,
  name: PersonNameSchema,
  password: z.string().min(PASSWORD_MIN_LENGTH).max(256),
  role: AgentRoleSchema,
  departmentIds: z.array(IdSchema).max(50).optional(),
  languages: AgentLanguagesSchema.optional(),
  maxChats: z.number().int().min(1).max(50).optional(),
});
export type NewAgent = z.infer<typeof NewAgentSchema>;
