/**
 * The offline form, shown instead of the composer when nobody can answer live (no agent online, or
 * out of hours): the message becomes a request (a ticket) answered by e-mail, and the visitor is
 * told its number.
 */
import { isEmailAddress, type OfflineRequest, type TicketReceipt } from '@parley/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PartProps } from '../chat-actions';
import { useTranslation } from '../i18n-context';
import { COMPOSER_MAX_LENGTH } from './Composer';
import { FailureLine, Field, refusedFields, useArrival, useSubmit } from './FormCard';
import { IsolatedValue, VALUE_SLOT } from './IsolatedValue';

export interface OfflineFormProps extends PartProps {
  /** What the visitor already told us, to fill in. */
  known: { name: string | null; email: string | null };
  /** The request this form created, once it has. */
  receipt: TicketReceipt | null;
  /** Shows the contact card; absent when the site has none. */
  onShowContact?: () => void;
}

export function OfflineForm({ known, receipt, onShowContact, store, actions }: OfflineFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(known.name ?? '');
  const [email, setEmail] = useState(known.email ?? '');
  const [message, setMessage] = useState('');
  // Fields to fix, found before sending (by the server's e-mail rule) or named by the server's refusal.
  const [invalid, setInvalid] = useState<string[]>([]);
  const [progress, submit] = useSubmit(() => {
    const request: OfflineRequest = { email: email.trim(), message: message.trim() };
    if (name.trim()) request.name = name.trim();
    const found = [isEmailAddress(request.email) ? '' : 'email', request.message ? '' : 'message'].filter(Boolean);
    setInvalid(found);
    if (found.length) return null;
    return actions.ask('ticket:create', request).then((result) => {
      if (result?.ok) store.update({ ticket: { ...result.data, conversationId: null }, email: request.email });
      if (result?.ok) setMessage('');
      const refused = refusedFields(result).filter((field) => field === 'email' || field === 'message');
      setInvalid(refused);
      return refused.length ? null : !!result?.ok;
    });
  });
  const errorIn = (field: string) => invalid.includes(field) && t(`invalid.${field}`);
  // A refused submit (found here or by the server) takes the visitor to the first field to fix, as the pre-chat form does.
  const fields = { email: useRef<HTMLInputElement>(null), message: useRef<HTMLTextAreaElement>(null) };
  useEffect(() => {
    const first = invalid[0];
    if (first === 'email' || first === 'message') fields[first].current?.focus();
  }, [invalid]);

  const card = useArrival(store);
  if (receipt) {
    return (
      <div class="card" data-testid="offline-receipt" ref={card}>
        <p class="card__intro" role="status">
          <IsolatedValue sentence={t('offline.sent', { number: receipt.ticketNumber, email: VALUE_SLOT })} value={known.email ?? email} dir="ltr" />
        </p>
        <button type="button" class="link-button" onClick={() => store.update({ ticket: null })}>
          {t('offline.another')}
        </button>
      </div>
    );
  }

  return (
    <form
      class="card"
      // The browser's own bubbles name one field at a time, in the browser's language: the form says what to fix itself.
      noValidate
      aria-labelledby="parley-offline-intro"
      data-testid="offline-form"
      onSubmit={submit}
      ref={card}
    >
      <p id="parley-offline-intro" class="card__intro">
        {/* Why there is no live chat (away, or closed) is the header's line just above: not said twice. */}
        {t('offline.intro')}
      </p>
      {onShowContact && (
        <button type="button" class="link-button" onClick={onShowContact}>
          {t('contact.open')}
        </button>
      )}
      <Field label={`${t('prechat.name')} (${t('prechat.optional')})`}>
        <input type="text" autoComplete="name" maxLength={120} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field label={t('prechat.email')} error={errorIn('email')}>
        <input
          ref={fields.email}
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          aria-invalid={invalid.includes('email')}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </Field>
      <Field label={t('offline.message')} error={errorIn('message')}>
        <textarea
          ref={fields.message}
          rows={4}
          required
          maxLength={COMPOSER_MAX_LENGTH}
          aria-invalid={invalid.includes('message')}
          value={message}
          onInput={(e) => setMessage(e.currentTarget.value)}
        />
      </Field>
      <FailureLine progress={progress} />
      <div class="card__actions">
        <button type="submit" class="button" disabled={progress === 'sending'}>
          {t(progress === 'sending' ? 'status.sending' : 'offline.send')}
        </button>
      </div>
    </form>
  );
}

export default OfflineForm;
