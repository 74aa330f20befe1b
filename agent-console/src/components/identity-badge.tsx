/** Whether the site signed who this visitor is (identify with an HMAC), or it is only their word. */
import type { VisitorProfile } from '@parley/shared';
import { useT } from '../state/console-context';

export function IdentityBadge({ visitor }: { visitor: Pick<VisitorProfile, 'verified' | 'userId'> }) {
  const t = useT();
  return visitor.verified ? (
    <span
      class="identity-badge identity-badge--verified"
      title={t('visitor.verifiedAs', { userId: visitor.userId ?? '' })}
      data-testid="identity-verified"
    >
      <span class="identity-badge__mark" aria-hidden="true">✓ </span>
      {t('visitor.verified')}
    </span>
  ) : (
    <span class="identity-badge identity-badge--unverified" title={t('visitor.unverifiedHint')} data-testid="identity-unverified">
      {t('visitor.unverified')}
    </span>
  );
}
