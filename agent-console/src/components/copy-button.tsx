/** Copies a text to the clipboard and says so; where the clipboard is refused, selects the text instead. */
import { useState } from 'preact/hooks';
import { useT } from '../state/console-context';

export function CopyButton(props: {
  text: string;
  label?: string;
  selectFallback?: () => void;
  testId?: string;
}) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      props.selectFallback?.();
      setState('failed');
    }
  }
  return (
    <span class="copy">
      <button type="button" class="button" onClick={() => void copy()} data-testid={props.testId}>
        {props.label ?? t('common.copy')}
      </button>
      <span class="copy__state" role="status">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
