/**
 * One part of the site's settings as its own form with its own Save: a patch of only that part,
 * "Saved" when the server took it, the server's reasons when it did not, and a question before
 * leaving while what it would send differs from what was last loaded or saved.
 */
import type { ErrorCode, SiteSettingsPatch } from '@parley/shared';
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { ApiError, errorCodeOf } from '../../../api/api-error';
import { useT } from '../../../state/console-context';
import { useUnsavedChanges } from '../../unsaved-changes';

/** `P`: what the section sends; the settings' patch, or the site's own fields (its name). */
export interface SettingsSectionProps<P = SiteSettingsPatch> {
  id: string;
  title: string;
  description?: string;
  /**
   * The change to send, or null when the form shows a problem of its own. Read on every render
   * too (to tell whether anything is unsaved), so it must change nothing.
   */
  patch(): P | null;
  save(patch: P): Promise<void>;
  /** Each press of Save, before the patch is read (a form that says a problem only once tried). */
  onTry?(): void;
  readOnly: boolean;
  children: ComponentChildren;
}

type Outcome =
  { kind: 'saved' } | { kind: 'failed'; code: ErrorCode; issues: { path: string; message: string }[] } | null;

export function SettingsSection<P = SiteSettingsPatch>(props: SettingsSectionProps<P>) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const titleId = `${props.id}-title`;
  // Compared as sent, so a change typed back to the saved value is not "unsaved".
  const sending = JSON.stringify(props.patch());
  const [lastSaved, setLastSaved] = useState(sending);
  useUnsavedChanges(!props.readOnly && sending !== lastSaved);

  async function submit(event: Event) {
    event.preventDefault();
    props.onTry?.();
    const patch = props.patch();
    if (!patch) return;
    setBusy(true);
    setOutcome(null);
    try {
      await props.save(patch);
      setLastSaved(JSON.stringify(patch));
      setOutcome({ kind: 'saved' });
    } catch (failure) {
      setOutcome({
        kind: 'failed',
        code: errorCodeOf(failure),
        issues: failure instanceof ApiError ? (failure.issues ?? []) : [],
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="settings-section"
      aria-labelledby={titleId}
      onSubmit={submit}
      onInput={() => setOutcome(null)}
      data-testid={`settings-${props.id}`}
    >
      <h2 id={titleId} class="settings-section__title">
        {props.title}
      </h2>
      {props.description && <p class="settings-section__description">{props.description}</p>}
      <fieldset class="settings-section__fields" disabled={props.readOnly}>
        {props.children}
      </fieldset>
      {!props.readOnly && (
        <div class="settings-section__footer">
          <span role="status" class="settings-section__status">
            {outcome?.kind === 'saved' ? t('common.saved') : ''}
          </span>
          <button type="submit" class="button button--primary" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      )}
      {outcome?.kind === 'failed' && (
        <div class="form-error" role="alert" data-code={outcome.code}>
          {t(`errors.${outcome.code}`)}
          {outcome.issues.length > 0 && (
            <ul class="form-error__issues">
              {outcome.issues.map((issue) => (
                <li key={issue.path}>
                  <code>{issue.path}</code> {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

/** A number field with its bounds; the value stays text while typed so it can be corrected. */
export function NumberField(props: {
  label: string;
  hint?: string;
  value: string;
  min: number;
  max: number;
  onInput(value: string): void;
  testId?: string;
}) {
  const valid = isWithin(props.value, props);
  const id = useId();
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <input
        id={id}
        type="number"
        required
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        aria-invalid={!valid}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        data-testid={props.testId}
      />
      {props.hint && (
        <span id={`${id}-hint`} class="field__hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}

export function isWithin(value: string, bounds: { min: number; max: number }): boolean {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= bounds.min && n <= bounds.max;
}
