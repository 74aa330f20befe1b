/**
 * Asks before ending the chat; Escape or "keep chatting" keeps it going. An unanswered chat becomes a
 * request whose number the server tells us here; an answered one is resolved (the rating card follows).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PartProps } from '../chat-actions';
import { useTranslation } from '../i18n-context';
import { useSubmit } from './FormCard';

export interface EndChatConfirmProps extends PartProps {
  /** Closes the question: cancelled, or the chat has ended. */
  onDismiss: () => void;
}

export function EndChatConfirm({ store, actions, onDismiss }: EndChatConfirmProps) {
  const { t } = useTranslation();
  const confirm = useRef<HTMLButtonElement>(null);
  const [progress, end] = useSubmit(() => {
    const conversationId = store.getState().conversation?.id ?? null;
    return actions.ask('conversation:end', {}).then((result) => {
      if (result?.ok && result.data.ticket) store.update({ ticket: { ...result.data.ticket, conversationId } });
      if (result?.ok) onDismiss();
      return !!result?.ok;
    });
  });
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby="parley-end-question"
      data-testid="end-chat-confirm"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Closes the question only, not the whole chat.
        event.preventDefault();
        event.stopPropagation();
        onDismiss();
      }}
    >
      <p id="parley-end-question" class="confirm__question">
        {progress === 'failed' ? t('errors.generic') : t('end.question')}
      </p>
      <button type="button" class="link-button" onClick={onDismiss}>
        {t('end.cancel')}
      </button>
      <button ref={confirm} type="button" class="button" disabled={progress === 'sending'} onClick={end}>
        {t('end.button')}
      </button>
    </div>
  );
}

export default EndChatConfirm;
