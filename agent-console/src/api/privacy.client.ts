/** Contact export and erasure over REST (/api/admin/privacy), with an admin's own session token. */
import type { ContactExport, ContactLookup, ContactSummary, ErasureRecord } from '@parley/shared';
import { fetcher, requestJson } from './json-request';

export interface PrivacyClient {
  /** Who matched and how many records of each kind would go. */
  summarize(lookup: ContactLookup): Promise<ContactSummary>;
  exportContact(lookup: ContactLookup): Promise<ContactExport>;
  erase(lookup: ContactLookup): Promise<ErasureRecord>;
  /** Newest first. */
  listErasures(): Promise<ErasureRecord[]>;
}

export function createPrivacyClient(options: { token: string; baseUrl?: string; fetch?: typeof fetch }): PrivacyClient {
  const doFetch = fetcher(options.fetch);
  const base = `${options.baseUrl ?? ''}/api/admin/privacy`;
  // The contact goes in a POST body, never in a URL (addresses must not reach access logs).
  const post = <T>(path: string, body: ContactLookup) => requestJson<T>(doFetch, `${base}${path}`, { method: 'POST', token: options.token, body });
  return {
    summarize: async (lookup) => (await post<{ summary: ContactSummary }>('/contact/summary', lookup)).summary,
    exportContact: (lookup) => post<ContactExport>('/contact/export', lookup),
    erase: async (lookup) => (await post<{ erasure: ErasureRecord }>('/contact/erase', lookup)).erasure,
    listErasures: async () =>
      (await requestJson<{ erasures: ErasureRecord[] }>(doFetch, `${base}/erasures`, { method: 'GET', token: options.token })).erasures,
  };
}
