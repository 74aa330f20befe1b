/** Tells an agent that a chat they were given went back to the queue because they did not answer in time. */
import { useConsole, useLive } from '../state/console-context';
import { formatTimeLimit } from './time-format';
import { visitorLabel } from './visitor-label';

export function UnansweredNotices() {
  const { translator } = useConsole();
  const live = useLive();
  const t = translator.t;
  const notices = live.unanswered.value;
  // The live region is always there, so screen readers announce a notice when it appears.
  return (
    <div class="notices" role="status" aria-live="polite" data-testid="unanswered-notices">
      {notices.map((notice) => {
        const conversation = live.conversations.byId.value.get(notice.conversationId);
        const visitor = conversation ? visitorLabel(conversation, t) : t('timeline.requester');
        return (
          <p key={notice.id} class="notice" data-testid="unanswered-notice">
            <span class="notice__text">
              {t('notify.unanswered', { visitor, duration: formatTimeLimit(notice.seconds, translator.language.value) })}
            </span>
            <button type="button" class="button button--small" onClick={() => live.dismissUnanswered(notice.id)}>
              {t('common.close')}
            </button>
          </p>
        );
      })}
    </div>
  );
}
