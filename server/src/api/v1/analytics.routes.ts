/** /v1/analytics/report: the same report the console charts. */
import { AnalyticsReportSchema, AnalyticsRequestSchema, dataSchemaOf } from '@parley/shared';
import type { ApiServices } from '../api-services';
import { defineRoute, type ApiRoute } from '../route-table';

export function analyticsRoutes({ analytics }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/analytics/report', operationId: 'getAnalyticsReport', tags: ['Analytics'], scope: 'read',
      summary: 'Figures of a period: volumes, response and resolution times, SLA breaches, satisfaction',
      description: '`from` and `to` are whole days in `timeZone`, both included. Agents see their own figures; admins any.',
      query: AnalyticsRequestSchema,
      response: dataSchemaOf(AnalyticsReportSchema),
      handle: async ({ caller, query }) => ({ data: await analytics.report(caller.agent, query) }),
    }),
  ];
}
