/** One line under a chat's name in the list: its latest message, whose it is, and whether it is a note. */
import type { Conversation } from '@parley/shared';
import { useConsole, useLive, useT } from '../state/console-context';

export function ConversationPreview({ conversation }: { conversation: Conversation }) {
  const live = useLive();
  const { session } = useConsole();
  const t = useT();
  const preview = conversation.lastMessagePreview;
  if (!preview) return null;
  const mine = preview.authorKind === 'agent' && preview.authorId === session.agent.value?.id;
  // A colleague's message is named after them; the visitor's and the system's need no name in a visitor's row.
  const colleague = preview.authorKind === 'agent' && !mine ? live.agents.byId.value.get(preview.authorId ?? '') : undefined;
  const author = mine ? t('queue.previewYou') : colleague ? t('queue.previewAuthor', { name: colleague.name }) : null;
  return (
    <span class={`conversation-item__preview${preview.internal ? ' conversation-item__preview--note' : ''}`} data-testid="conversation-preview">
      {preview.internal && <span class="conversation-item__note-tag">{t('queue.previewNote')}</span>}
      {author && <span class="conversation-item__preview-author">{author}</span>}
      {preview.text === '' ? (
        <span class="conversation-item__preview-text conversation-item__preview-file">{t('queue.previewFile')}</span>
      ) : (
        <span class="conversation-item__preview-text" dir="auto">{preview.text}</span>
      )}
    </span>
  );
}
