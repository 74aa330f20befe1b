/** A new webhook endpoint: URL, the events it wants, and (with a warning) private targets. */
import type { NewWebhookEndpoint, WebhookEventType } from '@parley/shared';
import { useState } from 'preact/hooks';
import { ApiError, refusedField } from '../../api/api-error';
import { WEBHOOK_EVENTS } from '../../api/webhook-event-types';
import { useT } from '../../state/console-context';

/** Why the server would not send to the URL: a private address (the box below allows it), or any other reason. */
export type UrlRefusal = 'private' | 'unusable';

export function urlRefusalOf(failure: unknown): UrlRefusal | null {
  if (refusedField(failure) !== 'url') return null;
  return failure instanceof ApiError && failure.issues?.[0]?.path === 'url.private' ? 'private' : 'unusable';
}

export function WebhookForm({
  busy,
  onCreate,
  refusal,
  onUrlEdited,
}: {
  busy: boolean;
  onCreate(input: NewWebhookEndpoint): Promise<boolean>;
  /** The server's refusal of the URL last sent, said by the URL field until it is edited. */
  refusal: UrlRefusal | null;
  onUrlEdited(): void;
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
      <div class="field">
        <label class="field__label" for="webhook-url">
          {t('webhooks.url')}
        </label>
        <input
          id="webhook-url"
          type="url"
          required
          maxLength={2000}
          placeholder="https://example.com/parley-webhook"
          value={url}
          aria-invalid={refusal !== null}
          aria-describedby={refusal ? 'webhook-url-problem' : undefined}
          onInput={(event) => {
            setUrl(event.currentTarget.value);
            onUrlEdited();
          }}
        />
        {refusal && (
          <span id="webhook-url-problem" class="field__hint field__hint--error" role="alert" data-testid="webhook-url-problem">
            {t(`webhooks.urlRefused.${refusal}`)}
          </span>
        )}
      </div>
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
