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
