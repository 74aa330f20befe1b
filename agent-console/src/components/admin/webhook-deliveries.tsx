/** One endpoint's delivery log, newest first: what was sent, how it went, and why it failed. */
import type { ErrorCode, WebhookDelivery } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import type { IntegrationsClient } from '../../api/integrations.client';
import { errorCodeOf } from '../../api/api-error';
import { useConsole, useT } from '../../state/console-context';
import { formatMessageTime } from '../time-format';

export function WebhookDeliveries(props: {
  client: IntegrationsClient;
  endpointId: string;
  version: number;
}) {
  const { client, endpointId, version } = props;
  const { translator } = useConsole();
  const t = useT();
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);

  useEffect(() => {
    setError(null);
    client.listDeliveries(endpointId).then(
      (page) => setDeliveries(page.data),
      (failure: unknown) => setError(errorCodeOf(failure)),
    );
  }, [client, endpointId, version]);

  if (error) return <p class="form-error">{t(`errors.${error}`)}</p>;
  if (!deliveries) return <p class="muted">{t('app.loading')}</p>;
  if (deliveries.length === 0) return <p class="muted">{t('webhooks.noDeliveries')}</p>;
  return (
    <div class="admin-table__scroller">
      <table class="admin-table" data-testid="webhook-deliveries">
        <thead>
          <tr>
            <th scope="col">{t('webhooks.event')}</th>
            <th scope="col">{t('webhooks.status')}</th>
            <th scope="col">{t('webhooks.response')}</th>
            <th scope="col">{t('webhooks.attempts')}</th>
            <th scope="col">{t('webhooks.at')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id} data-testid="webhook-delivery" data-status={delivery.status}>
              <td>
                <code>{delivery.eventType}</code>
              </td>
              <td>
                {t(`webhooks.deliveryStatus.${delivery.status}`)}
                {delivery.lastError && <span class="admin-table__sub">{delivery.lastError}</span>}
              </td>
              <td>{delivery.responseStatus ?? '—'}</td>
              <td>{delivery.attempts}</td>
              <td>{formatMessageTime(delivery.createdAt, translator.language.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
