/** After an answered chat: a 1–5 rating with an optional comment, then the transcript by e-mail if wanted. */
import { isEmailAddress, type Conversation } from '@parley/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PartProps } from '../chat-actions';
import { useTranslation } from '../i18n-context';
import { FailureLine, Field, refusedFields, useArrival, useSubmit } from './FormCard';
import { IsolatedValue, VALUE_SLOT } from './IsolatedValue';

export interface RatingCardProps extends PartProps {
  conversation: Pick<Conversation, 'rating'>;
  /** The visitor's e-mail if they gave it, to fill in. */
  email: string | null;
}

const SCORES = [1, 2, 3, 4, 5];

function RatingForm({ store, actions }: PartProps) {
  const { t } = useTranslation();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [progress, submit] = useSubmit(() => {
    if (!score) return null;
    const rating = comment.trim() ? { score, comment: comment.trim() } : { score };
    return actions.ask('conversation:rate', rating).then((result) => {
      // The rated conversation: the card then thanks the visitor.
      if (result?.ok) store.setConversation(result.data);
      return !!result?.ok;
    });
  });
  return (
    <form class="rating" onSubmit={submit}>
      <fieldset class="rating__stars">
        <legend class="card__intro">{t('rating.question')}</legend>
        {SCORES.map((value) => (
          <label key={value} class={value <= score ? 'rating__star rating__star--on' : 'rating__star'}>
            <input
              type="radio"
              name="parley-rating"
              class="visually-hidden"
              value={value}
              checked={score === value}
              onChange={() => setScore(value)}
            />
            <span aria-hidden="true">★</span>
            <span class="visually-hidden">{t('rating.score', { score: value })}</span>
          </label>
        ))}
      </fieldset>
      {score > 0 && (
        <>
          <Field label={t('rating.comment')}>
            <textarea rows={2} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </Field>
          <FailureLine progress={progress} />
          <div class="card__actions">
            <button type="submit" class="button" disabled={progress === 'sending'}>
              {t('rating.send')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

function TranscriptOffer({ email: known, store, actions }: PartProps & { email: string | null }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [email, setEmail] = useState(known ?? '');
  // An address the server would refuse, caught before sending (or named by its refusal).
  const [badEmail, setBadEmail] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [progress, submit] = useSubmit(() => {
    const address = email.trim();
    setBadEmail(!isEmailAddress(address));
    if (!isEmailAddress(address)) return null;
    return actions.ask('conversation:transcript', { email: address }).then((result) => {
      if (result?.ok) store.update({ email: address });
      const refused = refusedFields(result).includes('email');
      setBadEmail(refused);
      return refused ? null : !!result?.ok;
    });
  });
  useEffect(() => {
    if (asking) input.current?.focus();
  }, [asking]);

  if (progress === 'done') {
    return (
      <p class="card__intro" role="status">
        <IsolatedValue sentence={t('transcript.sent', { email: VALUE_SLOT })} value={email.trim()} dir="ltr" />
      </p>
    );
  }
  if (!asking) {
    return (
      <button type="button" class="link-button" onClick={() => setAsking(true)}>
        {t('transcript.offer')}
      </button>
    );
  }
  return (
    <form class="card__row" onSubmit={submit}>
      <Field label={t('prechat.email')} error={badEmail && t('invalid.email')}>
        <input
          ref={input}
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          aria-invalid={badEmail}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="button" disabled={progress === 'sending'}>
        {t('transcript.send')}
      </button>
      <FailureLine progress={progress} />
    </form>
  );
}

export function RatingCard({ conversation, email, store, actions }: RatingCardProps) {
  const { t } = useTranslation();
  const card = useArrival(store);
  const thanks = useRef<HTMLParagraphElement>(null);
  const unrated = useRef(conversation.rating === null);
  useEffect(() => {
    if (!unrated.current || conversation.rating === null) return;
    unrated.current = false;
    // The form and its button are gone: the visitor lands on the thanks, not at the start of the page.
    thanks.current?.focus();
  }, [conversation.rating]);
  return (
    <div class="card" data-testid="after-chat" ref={card}>
      {conversation.rating === null ? (
        <RatingForm store={store} actions={actions} />
      ) : (
        <p class="card__intro" role="status" tabIndex={-1} ref={thanks}>
          {t('rating.thanks')}
        </p>
      )}
      <TranscriptOffer email={email} store={store} actions={actions} />
    </div>
  );
}

export default RatingCard;
