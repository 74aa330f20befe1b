/** Departments: the teams a conversation can be routed to (sales, support, billing...). */
import { z } from 'zod';
import { IdSchema } from './common';

export const DepartmentSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  name: z.string(),
});
export type Department = z.infer<typeof DepartmentSchema>;

export const NewDepartmentSchema = z.strictObject({ name: z.string().trim().min(1).max(80) });
export type NewDepartment = z.infer<typeof NewDepartmentSchema>;

/**
 * What keeps a department from being deleted, each the `path` of one issue of a DEPARTMENT_IN_USE
 * error, so that clients can say in their own language what to move first.
 */
export const DEPARTMENT_IN_USE_REASONS = ['defaultDepartmentId', 'openConversations', 'unsolvedTickets', 'cannedReplies'] as const;
export type DepartmentInUseReason = (typeof DEPARTMENT_IN_USE_REASONS)[number];
