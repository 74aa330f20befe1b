/** Analytics over REST (/api/analytics) for one signed-in agent's token: the report, and the same as CSV. */
import type { AnalyticsReport } from '@parley/shared';
import { ApiError, NETWORK_FAILURE, parleyErrorFrom } from './api-error';
import { fetcher, requestJson } from './json-request';
import { queryString } from './kb.client';

/** Whole days in a time zone, both ends included; agentId and departmentId are for admins. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  timeZone: string;
  agentId?: string;
  departmentId?: string;
}

export interface CsvFile {
  filename: string;
  blob: Blob;
}

export interface AnalyticsClient {
  report(query: AnalyticsQuery): Promise<AnalyticsReport>;
  reportCsv(query: AnalyticsQuery): Promise<CsvFile>;
}

export interface AnalyticsClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** The name the server gave the file (Content-Disposition), or one made from the period. */
export function csvFilename(disposition: string | null, query: AnalyticsQuery): string {
  const named = /filename="([^"]+)"/.exec(disposition ?? '')?.[1];
  return named ?? `parley-report-${query.from}-${query.to}.csv`;
}

export function createAnalyticsClient(options: AnalyticsClientOptions): AnalyticsClient {
  const doFetch = fetcher(options.fetch);
  const base = `${options.baseUrl ?? ''}/api/analytics`;
  const search = (query: AnalyticsQuery) => queryString({ ...query });

  return {
    report: (query) =>
      requestJson<AnalyticsReport>(doFetch, `${base}/report${search(query)}`, {
        method: 'GET',
        token: options.token,
      }),
    async reportCsv(query) {
      // Not a plain link: the report needs the bearer token, which a link cannot carry.
      let response: Response;
      try {
        response = await doFetch(`${base}/report.csv${search(query)}`, {
          method: 'GET',
          headers: { Accept: 'text/csv', Authorization: `Bearer ${options.token}` },
        });
      } catch {
        throw new ApiError(NETWORK_FAILURE);
      }
      if (!response.ok) throw new ApiError(parleyErrorFrom(await response.json().catch(() => null)));
      return { filename: csvFilename(response.headers.get('Content-Disposition'), query), blob: await response.blob() };
    },
  };
}
