/** Status lines above and below the messages: connection, refusal, agent typing (queue and chat ended: ConversationNotice). */
import type { ChatState } from '../chat-store';
import { useTranslation } from '../i18n-context';
import { IsolatedValue, VALUE_SLOT } from './IsolatedValue';

export function ConnectionNotice({ state }: { state: Pick<ChatState, 'connection' | 'refusal'> }) {
  const { t } = useTranslation();
  const text =
    state.connection === 'refused'
      ? // Only an unknown site is the visitor's to understand; any other refusal is ours.
        t(state.refusal === 'SITE_NOT_FOUND' ? 'errors.SITE_NOT_FOUND' : 'errors.generic')
      : state.connection === 'offline'
        ? // "You're offline" only when the device is: with its network up, it is our server that is out of reach.
          t(navigator.onLine ? 'connection.reconnecting' : 'connection.offline')
        : state.connection === 'connecting'
          ? t('connection.connecting')
          : null;
  return (
    <div role={state.connection === 'refused' ? 'alert' : 'status'} class="notice" data-testid="connection-notice">
      {text}
    </div>
  );
}

export function TypingIndicator({ typing }: { typing: ChatState['agentTyping'] }) {
  const { t } = useTranslation();
  return (
    <div class="typing" role="status" data-testid="typing-indicator">
      {typing &&
        (typing.name ? <IsolatedValue sentence={t('typing', { name: VALUE_SLOT })} value={typing.name} /> : t('typingAnonymous'))}
    </div>
  );
}
