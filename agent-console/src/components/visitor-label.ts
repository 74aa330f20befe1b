/** How a visitor is called on screen: their name, or "Visitor" and a short id to tell them apart. */
import type { Conversation } from '@parley/shared';
import type { Translator } from '../i18n/i18n';

export const SHORT_ID_LENGTH = 6;

export function visitorLabel(
  conversation: Pick<Conversation, 'visitorName' | 'visitorId'>,
  t: Translator['t'],
) {
  const name = conversation.visitorName?.trim();
  return name ? name : t('queue.visitor', { id: conversation.visitorId.slice(0, SHORT_ID_LENGTH) });
}
