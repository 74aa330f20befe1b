/** Webhook endpoints (admins): register one (secret shown once), enable or disable, test, read the log. */
import type {
  ErrorCode,
  NewWebhookEndpoint,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';
import { useT } from '../../state/console-context';
import { ConfirmDialog } from '../confirm-dialog';
import { useBusyAction } from '../use-busy-action';
import { OneTimeSecret } from './one-time-secret';
import { useIntegrations } from './use-integrations';
import { WebhookDeliveries } from './webhook-deliveries';
import { urlRefusalOf, WebhookForm, type UrlRefusal } from './webhook-form';

export function WebhooksAdmin() {
  const client = useIntegrations();
  const t = useT();
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[] | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [urlRefusal, setUrlRefusal] = useState<UrlRefusal | null>(null);
  const { busy, run: act } = useBusyAction(setError, () => {
    setError(null);
    setNotice('');
  });
  const [confirming, setConfirming] = useState<{
    kind: 'rotate' | 'delete';
    endpoint: WebhookEndpoint;
  } | null>(null);

  useEffect(() => {
    client.listWebhooks().then(setEndpoints, (failure: unknown) => setError(errorCodeOf(failure)));
  }, [client]);


  const replace = (next: WebhookEndpoint) =>
    setEndpoints((list) => (list ?? []).map((x) => (x.id === next.id ? next : x)));

  const create = (input: NewWebhookEndpoint) =>
    act(async () => {
      setUrlRefusal(null);
      const made = await client.createWebhook(input).catch((failure: unknown) => {
        setUrlRefusal(urlRefusalOf(failure));
        throw failure;
      });
      setCreated(made);
      setEndpoints((list) => [...(list ?? []), made.endpoint]);
    });

  // The refusal (and the error it was) holds for the URL it was about, not for the next one typed.
  function urlEdited() {
    if (!urlRefusal) return;
    setUrlRefusal(null);
    setError(null);
  }

  const setEnabled = (endpoint: WebhookEndpoint) =>
    act(async () => replace(await client.updateWebhook(endpoint.id, { enabled: !endpoint.enabled })));

  const sendTest = (endpoint: WebhookEndpoint) =>
    act(async () => {
      await client.sendTestEvent(endpoint.id);
      setNotice(t('webhooks.testQueued'));
      setLogOf(endpoint.id);
      setLogVersion((v) => v + 1);
    });

  // Both are hard to undo (receivers need the new secret; the log is gone): the dialog asks first.
  async function confirmed(kind: 'rotate' | 'delete', endpoint: WebhookEndpoint) {
    if (kind === 'rotate') {
      setCreated(await client.rotateWebhookSecret(endpoint.id));
    } else {
      await client.deleteWebhook(endpoint.id);
      setEndpoints((list) => (list ?? []).filter((x) => x.id !== endpoint.id));
      if (logOf === endpoint.id) setLogOf(null);
    }
    setConfirming(null);
  }

  return (
    <section class="admin-section" aria-labelledby="webhooks-title" data-testid="webhooks-admin">
      <header class="admin-section__header">
        <h1 id="webhooks-title">{t('webhooks.title')}</h1>
      </header>
      <p class="admin-section__note">{t('webhooks.explain')}</p>
      {/* A refused URL is said by the URL field, down in the form, not up here. */}
      {error && !urlRefusal && (
        <p class="form-error" role="alert">
          {t(`errors.${error}`)}
        </p>
      )}
      {notice && (
        <p class="settings-section__status" role="status">
          {notice}
        </p>
      )}
      {created && (
        <OneTimeSecret
          title={t('webhooks.secretTitle', { url: created.endpoint.url })}
          value={created.secret}
          onDone={() => setCreated(null)}
          testId="webhook-secret"
        />
      )}
      {endpoints === null ? (
        !error && <p class="muted">{t('app.loading')}</p>
      ) : endpoints.length === 0 ? (
        <p class="muted">{t('webhooks.none')}</p>
      ) : (
        <ul class="admin-list" data-testid="webhook-list">
          {endpoints.map((endpoint) => (
            <li
              key={endpoint.id}
              class="admin-list__item webhook-item"
              data-testid="webhook-item"
              data-enabled={String(endpoint.enabled)}
            >
              <div class="webhook-item__main">
                <strong class="webhook-item__url">{endpoint.url}</strong>
                <span class="admin-table__sub">{endpoint.events.join(', ')}</span>
                {endpoint.allowPrivateTargets && (
                  <span class="field__hint field__hint--error">{t('webhooks.privateAllowed')}</span>
                )}
                {logOf === endpoint.id && (
                  <WebhookDeliveries client={client} endpointId={endpoint.id} version={logVersion} />
                )}
              </div>
              <div class="admin-table__actions">
                <span
                  class={`presence-chip${endpoint.enabled ? ' presence-chip--online' : ' presence-chip--inactive'}`}
                >
                  {endpoint.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}
                </span>
                <button
                  type="button"
                  class="button button--small"
                  disabled={busy}
                  onClick={() => void setEnabled(endpoint)}
                >
                  {endpoint.enabled ? t('webhooks.disable') : t('webhooks.enable')}
                </button>
                <button
                  type="button"
                  class="button button--small"
                  disabled={busy}
                  onClick={() => void sendTest(endpoint)}
                >
                  {t('webhooks.sendTest')}
                </button>
                <button
                  type="button"
                  class="button button--small button--quiet"
                  aria-expanded={logOf === endpoint.id}
                  onClick={() => setLogOf(logOf === endpoint.id ? null : endpoint.id)}
                >
                  {t('webhooks.deliveries')}
                </button>
                <button
                  type="button"
                  class="button button--small button--quiet"
                  onClick={() => setConfirming({ kind: 'rotate', endpoint })}
                >
                  {t('webhooks.rotate')}
                </button>
                <button
                  type="button"
                  class="button button--small button--quiet"
                  onClick={() => setConfirming({ kind: 'delete', endpoint })}
                >
                  {t('common.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <WebhookForm busy={busy} onCreate={create} refusal={urlRefusal} onUrlEdited={urlEdited} />
      {confirming && (
        <ConfirmDialog
          title={t(`webhooks.${confirming.kind}Title`, { url: confirming.endpoint.url })}
          text={t(`webhooks.${confirming.kind}Text`)}
          confirmLabel={confirming.kind === 'rotate' ? t('webhooks.rotate') : t('common.delete')}
          danger
          onConfirm={() => confirmed(confirming.kind, confirming.endpoint)}
          onClose={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
