/**
 * "Forget me" (in the chat menu's chunk): asks first (Escape or "keep" leaves everything as it is), then has the server erase
 * this visitor's chats, files and details, and starts the panel afresh as a stranger.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatActions } from '../chat-actions';
import { useTranslation } from '../i18n-context';

/**
 * Drops everything this browser keeps for the site (every `parley:<site>:` key: token, unsent
 * messages, sound, e-mail) and reloads the panel, so nothing of the forgotten visitor survives in memory
 * either. It reads the site and storage itself: importing the panel's helpers would make its first
 * chunk export them, and that chunk has no bytes to spare.
 */
export function startAfresh(win: Window = window): void {
  const prefix = `parley:${new URLSearchParams(win.location.search).get('site')}:`;
  try {
    const storage = win.localStorage;
    for (const key of Object.keys(storage)) if (key.startsWith(prefix)) storage.removeItem(key);
  } catch {
    // Storage blocked: the panel kept its state in memory, which the reload drops.
  }
  win.location.reload();
}

export interface ForgetMeConfirmProps {
  actions: ChatActions;
  onDismiss: () => void;
  /** What happens once the server has forgotten the visitor (tests watch it). */
  onForgotten?: () => void;
}

export function ForgetMeConfirm({ actions, onDismiss, onForgotten = startAfresh }: ForgetMeConfirmProps) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  // Not FormCard's useSubmit: importing it would give the chat menu's chunk a dependency to map.
  const [progress, setProgress] = useState<'idle' | 'sending' | 'failed'>('idle');
  const forget = (): void => {
    setProgress('sending');
    void actions.ask('visitor:forget', { confirm: true }).then((result) => {
      // The panel reloads on success: the button stays disabled until then.
      if (result?.ok) onForgotten();
      else setProgress('failed');
    });
  };
  // The safe answer takes the focus: erasing cannot be undone.
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby="parley-forget-question"
      data-testid="forget-me-confirm"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onDismiss();
      }}
    >
      <p id="parley-forget-question" class="confirm__question">
        {progress === 'failed' ? t('errors.generic') : t('forget.question')}
      </p>
      <button ref={keep} type="button" class="link-button" onClick={onDismiss}>
        {t('back')}
      </button>
      <button type="button" class="button" disabled={progress === 'sending'} onClick={forget}>
        {t('forget.menu')}
      </button>
    </div>
  );
}

