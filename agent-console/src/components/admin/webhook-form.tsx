/** A new webhook endpoint: URL, the events it wants, and (with a warning) private targets. */
import type { NewWebhookEndpoint, WebhookEventType } from '@parley/shared';
import { useState } from 'preact/hooks';
import { WEBHOOK_EVENTS } from '../../api/webhook-event-types';
import { useT } from '../../state/console-context';

export function WebhookForm({
  busy,
  onCreate,
}: {
  busy: boolean;
  onCreate(input: NewWebhookEndpoint): Promise<boolean>;
}) {
  const t = useT();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENTS]);
  const [allowPrivateTargets, setAllowPrivate] = useState(false);

  function toggle(type: WebhookEventType) {
    setEvents((list) => (list.includes(type) ? list.filter((x) => x !== type) : [...list, type]));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!url.trim() || events.length === 0) return;
    const done = await onCreate({
      url: url.trim(),
      description: '',
      events,
      enabled: true,
      allowPrivateTargets,
    });
    if (done) {
      setUrl('');
      setAllowPrivate(false);
    }
  }

  return (
    <form class="settings-section" onSubmit={submit} data-testid="webhook-form">
      <h2 class="settings-section__title">{t('webhooks.add')}</h2>
      <label class="field">
        <span class="field__label">{t('webhooks.url')}</span>
        <input
          type="url"
          required
          maxLength={2000}
          placeholder="https://example.com/parley-webhook"
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
      </label>
      <fieldset class="fieldset">
        <legend class="field__label">{t('webhooks.events')}</legend>
        <div class="checks">
          {WEBHOOK_EVENTS.map((type) => (
            <label key={type} class="check">
              <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} />
              <code>{type}</code>
            </label>
          ))}
        </div>
        {events.length === 0 && (
          <span class="field__hint field__hint--error">{t('webhooks.pickEvents')}</span>
        )}
      </fieldset>
      <label class="check check--block">
        <input
          type="checkbox"
          checked={allowPrivateTargets}
          onChange={(event) => setAllowPrivate(event.currentTarget.checked)}
          data-testid="webhook-allow-private"
        />
        <span>
          {t('webhooks.allowPrivate')}
          <span class="field__hint">{t('webhooks.allowPrivateHint')}</span>
        </span>
      </label>
      {allowPrivateTargets && (
        <p class="form-error" role="alert" data-testid="webhook-private-warning">
          {t('webhooks.allowPrivateWarning')}
        </p>
      )}
      <div class="settings-section__footer">
        <button type="submit" class="button button--primary" disabled={busy || events.length === 0}>
          {t('webhooks.create')}
        </button>
      </div>
    </form>
  );
}
