/**
 * Knowledge-base articles for what the visitor is typing, shown above the composer (a lazy part).
 * Before the first message, the server's best match is offered first, so the visitor may not need
 * to wait for a person. An article opens inside the panel.
 */
import type { KbPublicArticleSummary, KbSuggestions as Suggestions } from '@parley/shared';
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PartProps } from '../chat-actions';
import { isChatActive } from '../chat-store';
import { useTranslation } from '../i18n-context';
import { createSuggestionLookup, type SuggestionLookup } from '../kb-lookup';
import { useChatState } from '../use-chat-state';
import { KbArticle } from './KbArticle';

const SHOWN = 3;

export interface KbSuggestionsProps extends PartProps {
  /** The composer's text box: the part listens to what is typed there. */
  input: RefObject<HTMLTextAreaElement>;
}

/** The best match first (when offered), then the others, at most three. */
export function suggestionsToShow(found: Suggestions, offerBest: boolean): KbPublicArticleSummary[] {
  const best = offerBest ? found.bestMatch : null;
  const rest = found.articles.filter((article) => article.id !== best?.id);
  return (best ? [best, ...rest] : rest).slice(0, SHOWN);
}

/** Empties the composer the way typing does, so its own state follows. */
/** An article's title and summary as a suggestion button shows them, each in its own direction. */
function ArticleLabel({ article }: { article: KbPublicArticleSummary }) {
  return (
    <>
      <span class="kb__title" dir="auto">
        {article.title}
      </span>
      {article.summary && (
        <span class="kb__summary" dir="auto">
          {article.summary}
        </span>
      )}
    </>
  );
}

function clearComposer(input: HTMLTextAreaElement | null): void {
  if (!input) return;
  input.value = '';
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export function KbSuggestions({ input, store, actions }: KbSuggestionsProps) {
  const { t } = useTranslation();
  const state = useChatState(store);
  const [found, setFound] = useState<Suggestions | null>(null);
  const [reading, setReading] = useState<KbPublicArticleSummary | null>(null);
  const [solved, setSolved] = useState(false);
  // The best match held back a first message: offered once, then "Send anyway" lets it through.
  const [gate, setGate] = useState<KbPublicArticleSummary | null>(null);
  // Best matches already offered (held back for, or opened by the visitor): never held back for again.
  const offered = useRef(new Set<string>());
  // The visitor said they want a person: their first message goes as it is.
  const wantsPerson = useRef(false);
  const lookup = useRef<SuggestionLookup | null>(null);
  // Before the visitor's first message of a chat: the moment to offer an answer before a person.
  const firstMessage = !isChatActive(state) && state.pending.length === 0;

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    const current = createSuggestionLookup({
      suggest: (text) => actions.ask('kb:suggest', { text }).then((result) => (result?.ok ? result.data : null)),
      onResult: setFound,
      currentText: () => element.value,
    });
    lookup.current = current;
    const onInput = (): void => {
      // The "glad it helped" line stays until the visitor writes something new.
      if (element.value) setSolved(false);
      current.input(element.value);
    };
    element.addEventListener('input', onInput);
    onInput();
    return () => {
      element.removeEventListener('input', onInput);
      current.stop();
    };
  }, [input.current, actions]);

  // Before the first message goes, offer the best match once. Capture on the document runs
  // before the composer's own Enter and submit handlers, so holding the message back is reliable.
  const best = firstMessage ? found?.bestMatch ?? null : null;
  // A layout effect: in place as soon as the offer is drawn, before the visitor can press Enter.
  useLayoutEffect(() => {
    const element = input.current;
    if (!element || !best) return;
    const holdBack = (event: Event): void => {
      const enter = event instanceof KeyboardEvent && event.key === 'Enter' && !event.shiftKey && !event.isComposing;
      const sending = event.type === 'submit' ? event.target === element.form : enter && event.target === element;
      if (!sending || wantsPerson.current || offered.current.has(best.id) || !element.value.trim()) return;
      event.preventDefault();
      event.stopPropagation();
      offered.current.add(best.id);
      setGate(best);
    };
    element.ownerDocument.addEventListener('keydown', holdBack, true);
    element.ownerDocument.addEventListener('submit', holdBack, true);
    return () => {
      element.ownerDocument.removeEventListener('keydown', holdBack, true);
      element.ownerDocument.removeEventListener('submit', holdBack, true);
    };
  }, [input.current, best]);

  const sendAnyway = (): void => {
    setGate(null);
    input.current?.form?.requestSubmit();
  };

  // Sending empties the composer without an input event: the suggestions (and a lookup still
  // pending or under way) were for that text.
  useEffect(() => {
    if (input.current?.value) return;
    lookup.current?.stop();
    setFound(null);
  }, [state.pending]);

  const close = (outcome: 'solved' | 'human' | null): void => {
    // Read from the list or from the hold-back screen alike, the article has been offered.
    if (reading) offered.current.add(reading.id);
    if (outcome === 'human') wantsPerson.current = true;
    setReading(null);
    // Held back for this article and the visitor wants a person: their message goes now.
    if (outcome === 'human' && gate) return sendAnyway();
    setGate(null);
    if (outcome === 'solved') {
      setSolved(true);
      clearComposer(input.current);
      setFound(null);
    }
    input.current?.focus();
  };

  // The button pressed goes with the list: the visitor is put back where they were typing.
  const hide = (): void => {
    setFound(null);
    input.current?.focus();
  };

  if (reading) return <KbArticle summary={reading} actions={actions} onDone={close} />;
  if (solved) {
    return (
      <p class="kb" role="status">
        {t('kb.glad')}
      </p>
    );
  }
  if (gate) {
    return (
      <section class="kb" aria-label={t('kb.suggested')} data-testid="kb-offer">
        <p class="kb__heading" role="status">
          {t('kb.beforeSending')}
        </p>
        <button type="button" class="kb__item kb__item--best" onClick={() => setReading(gate)}>
          <ArticleLabel article={gate} />
        </button>
        <button type="button" class="link-button" onClick={sendAnyway}>
          {t('kb.sendAnyway')}
        </button>
      </section>
    );
  }
  const offerBest = !!best;
  const shown = found ? suggestionsToShow(found, offerBest) : [];
  const heading = t(offerBest ? 'kb.bestMatch' : 'kb.suggested');
  return (
    <>
      {/* In the page (empty) before any suggestion, so that screen readers say when some come while the visitor types. */}
      <p class="visually-hidden" role="status" data-testid="kb-announcement">
        {shown.length > 0 && heading}
      </p>
      {shown.length > 0 && (
        <section class="kb" aria-label={t('kb.suggested')} data-testid="kb-suggestions">
          <div class="kb__head">
            <p class="kb__heading">{heading}</p>
            <button type="button" class="icon-button kb__hide" aria-label={t('kb.hide')} onClick={hide}>
              ×
            </button>
          </div>
          <ul class="kb__list">
            {shown.map((article, index) => (
              <li key={article.id}>
                <button
                  type="button"
                  class={`kb__item${offerBest && index === 0 ? ' kb__item--best' : ''}`}
                  onClick={() => setReading(article)}
                >
                  <ArticleLabel article={article} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export default KbSuggestions;
