/** REST clients of the knowledge base and analytics, bound to the signed-in agent's token. */
import { useMemo } from 'preact/hooks';
import { createAnalyticsClient, type AnalyticsClient } from '../api/analytics.client';
import { createKbClient, type KbClient } from '../api/kb.client';
import { useConsole } from './console-context';

export interface InsightClients {
  kb: KbClient;
  analytics: AnalyticsClient;
}

export function useInsightClients(): InsightClients {
  const token = useConsole().session.token.value ?? '';
  return useMemo(() => ({ kb: createKbClient({ token }), analytics: createAnalyticsClient({ token }) }), [token]);
}
