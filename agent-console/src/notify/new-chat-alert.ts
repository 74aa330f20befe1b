/** Tells the agent a visitor started waiting: a chime, and a desktop notification if allowed. */
import type { Conversation } from '@parley/shared';
import type { Translator } from '../i18n/i18n';
import { visitorLabel } from '../components/visitor-label';
import type { Chime } from './chime';

export interface NewChatAlertOptions {
  t: Translator['t'];
  chime: Chime;
  /** Whether the agent wants to hear about new chats now (not while "offline"). */
  wantsAlerts(): boolean;
  /** Clicking the notification brings the agent to this conversation. */
  open(conversationId: string): void;
}

export function notificationsSupported(): boolean {
  return typeof Notification === 'function';
}

export function createNewChatAlert(options: NewChatAlertOptions) {
  return (conversation: Conversation) => {
    if (!options.wantsAlerts()) return;
    options.chime.play();
    if (!notificationsSupported() || Notification.permission !== 'granted') return;
    const notification = new Notification(options.t('notify.newChatTitle'), {
      body: options.t('notify.newChatBody', { name: visitorLabel(conversation, options.t) }),
      // One notification per conversation, even if the event arrives twice.
      tag: `parley-chat-${conversation.id}`,
    });
    notification.onclick = () => {
      window.focus();
      options.open(conversation.id);
      notification.close();
    };
  };
}
