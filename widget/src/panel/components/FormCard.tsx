/**
 * Pieces the lazily loaded cards share (pre-chat, offline form, rating, request notice, end chat):
 * a labelled field, the submit progress of a request, its error line. A chunk of its own, with its
 * stylesheet, loaded with the first card that needs it.
 */
import type { AckResult } from '@parley/shared';
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatStore } from '../chat-store';
import { useTranslation } from '../i18n-context';

export type Progress = 'idle' | 'sending' | 'failed' | 'done';

/**
 * Runs a request from a form: `run` returns null when the form is not ready (a required field is
 * empty), else whether the request succeeded, or null when the server refused a field (shown beside
 * it, so the form goes back to idle rather than failed). A second submit while one is on its way is ignored.
 */
export function useSubmit(run: () => Promise<boolean | null> | null): [Progress, (event: Event) => void] {
  const [progress, setProgress] = useState<Progress>('idle');
  const submit = (event: Event): void => {
    event.preventDefault();
    if (progress === 'sending') return;
    const request = run();
    if (!request) return;
    setProgress('sending');
    void request.then((ok) => setProgress(ok === null ? 'idle' : ok ? 'done' : 'failed'));
  };
  return [progress, submit];
}

/**
 * A labelled field; `error` says what to fix in it, under it, and is the control's description (the
 * control itself sets aria-invalid), so a screen reader says it again on the field.
 */
// A counter, and the attribute set on the control after rendering, rather than preact's useId and
// cloneElement, whose code would join the panel's first load (preact and its hooks live there).
let fieldsMade = 0;

export function Field({ label, error, children }: { label: string; error?: string | false; children: VNode }) {
  const [errorId] = useState(() => `parley-field-error-${(fieldsMade += 1)}`);
  const field = useRef<HTMLLabelElement>(null);
  useEffect(() => {
    const control = field.current?.querySelector('input, textarea, select');
    if (error) control?.setAttribute('aria-describedby', errorId);
    else control?.removeAttribute('aria-describedby');
  }, [error, errorId]);
  return (
    <>
      <label class="field" ref={field}>
        <span>{label}</span>
        {children}
      </label>
      {error && (
        <p id={errorId} class="card__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The fields a VALIDATION_FAILED answer names (`email`, `message`), to mark them rather than fail the whole form. */
export function refusedFields(result: AckResult<unknown> | null): string[] {
  return result && !result.ok && result.error.code === 'VALIDATION_FAILED' ? (result.error.issues ?? []).map((issue) => issue.path) : [];
}

export function FailureLine({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  return progress === 'failed' ? (
    <p class="card__error" role="alert">
      {t('errors.generic')}
    </p>
  ) : null;
}

/** The card's top is in view but its end is cut off by the bottom of the list around it. */
function cutOffBelow(element: HTMLElement): boolean {
  const box = element.parentElement?.getBoundingClientRect();
  const card = element.getBoundingClientRect();
  return !!box && card.top >= box.top && card.top < box.bottom && card.bottom > box.bottom;
}

/**
 * A ref for a card that appears in the conversation: when it arrives (its code may come after the
 * messages were drawn) it scrolls into view and, if the chat is open and nothing has the focus (the
 * composer is off, or the button that led here is gone), takes it into its first field. Then it stays
 * whole in view while it grows (a star chosen opens the comment, errors appear) or the list shrinks
 * around it ("This chat has ended…" below it), unless the visitor has scrolled away from it; the field
 * in focus in it, if any, stays in view first.
 */
export function useArrival(store: ChatStore): (element: HTMLElement | null) => void {
  const [arrive] = useState(() => {
    let watcher: ResizeObserver | undefined;
    return (element: HTMLElement | null) => {
      watcher?.disconnect();
      if (!element) return;
      element.scrollIntoView?.({ block: 'nearest' });
      const active = element.ownerDocument.activeElement;
      if (store.getState().open && (!active || active === element.ownerDocument.body)) {
        element.querySelector<HTMLElement>('input, select, textarea')?.focus();
      }
      if (typeof ResizeObserver === 'undefined') return;
      watcher = new ResizeObserver(() => {
        if (cutOffBelow(element)) element.scrollIntoView({ block: 'nearest' });
        // The field being filled in comes before the card's end (a phone's keyboard opening over a tall form).
        const focused = element.ownerDocument.activeElement;
        if (focused !== element && element.contains(focused)) focused?.scrollIntoView({ block: 'nearest' });
      });
      watcher.observe(element);
      if (element.parentElement) watcher.observe(element.parentElement);
    };
  });
  return arrive;
}
