/** A token or signing secret shown once, right after it was made, with a copy button. */
import { useRef } from 'preact/hooks';
import { useT } from '../../state/console-context';
import { CopyButton } from '../copy-button';

export function OneTimeSecret(props: { title: string; value: string; onDone(): void; testId: string }) {
  const t = useT();
  const code = useRef<HTMLElement>(null);
  function selectAll() {
    const element = code.current;
    const selection = window.getSelection();
    if (!element || !selection) return;
    selection.selectAllChildren(element);
  }
  return (
    <div class="settings-section" role="status" data-testid={props.testId}>
      <h2 class="settings-section__title">{props.title}</h2>
      <p class="settings-section__description">{t('integrations.shownOnce')}</p>
      <code class="secret" ref={code} data-testid={`${props.testId}-value`}>
        {props.value}
      </code>
      <div class="settings-section__footer">
        <CopyButton text={props.value} selectFallback={selectAll} testId={`${props.testId}-copy`} />
        <button type="button" class="button" onClick={props.onDone}>
          {t('integrations.done')}
        </button>
      </div>
    </div>
  );
}
