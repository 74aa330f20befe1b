/** The site's status notice ("Payments are slow, we are on it") at the top of the panel; an outage reads as an alert. */
import type { PublicStatusNotice } from '@parley/shared';

export function StatusNotice({ notice }: { notice: PublicStatusNotice }) {
  return (
    <p class={`status-notice status-notice--${notice.severity}`} role="status" dir="auto" data-testid="status-notice">
      {notice.text}
    </p>
  );
}

export default StatusNotice;
