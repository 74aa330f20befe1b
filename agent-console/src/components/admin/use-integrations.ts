/** The integrations REST client for the signed-in admin's own session token. */
import { useMemo } from 'preact/hooks';
import { createIntegrationsClient, type IntegrationsClient } from '../../api/integrations.client';
import { useConsole } from '../../state/console-context';

export function useIntegrations(): IntegrationsClient {
  const { session } = useConsole();
  const token = session.token.value ?? '';
  return useMemo(() => createIntegrationsClient({ token }), [token]);
}
